"""``defining.defines``: which sentences say what a concept is, and how plainly."""
from __future__ import annotations

from kgraph.answer.defining import DESCRIBING, NAMING, defines

WORDS = {"zh": {"naming": ("是", "指", "称为"), "describing": ("负责", "用于")},
         "en": {"naming": ("is", "are", "refers"), "describing": ("allows", "runs")}}


def strength(text: str, name: str, lang: str, heads=(), labels=()) -> int:
    at = text.lower().find(name.lower())
    spans = [(at, at + len(name))] if at >= 0 else []
    return defines(text, spans, WORDS[lang], heads, labels or (name,))


def test_a_sentence_opening_with_the_subject_and_a_naming_word_names_it() -> None:
    assert strength("Operator 是 Kubernetes 的扩展软件。", "Operator", "zh") == NAMING
    assert strength("CRI（容器运行时接口）指一种插件接口。", "CRI", "zh") == NAMING
    assert strength("In Kubernetes, scheduling refers to making sure that Pods are matched to Nodes.",
                    "scheduling", "en") == NAMING
    assert strength("A `Pod` is the smallest deployable unit.", "Pod", "en") == NAMING


def test_what_the_subject_does_describes_it_plural_and_adverb_allowed() -> None:
    assert strength("Tolerations allow the scheduler to schedule pods with matching taints.", "Toleration", "en") == DESCRIBING
    assert strength("The kube-proxy usually runs on every node.", "kube-proxy", "en") == DESCRIBING
    assert strength("kube-scheduler 负责调度 Pod。", "kube-scheduler", "zh") == DESCRIBING


def test_a_mere_mention_defines_nothing() -> None:
    assert strength("Ensure that the CoordinatedLeaderElection feature gate is enabled.", "CoordinatedLeaderElection", "en") == 0
    assert strength("你需要将容器运行时安装到集群中的每个节点。", "容器运行时", "zh") == 0
    assert strength("Eviction thresholds have the form of a signal.", "Eviction", "en") == 0  # "thresholds" is no verb
    assert strength("No new Pods will be scheduled.", "NoSchedule", "en") == 0


def test_the_line_right_before_may_name_what_a_sentence_defines() -> None:
    assert strength("No new Pods will be scheduled on the tainted node.", "NoSchedule", "en",
                    heads=["NoSchedule"], labels=["NoSchedule"]) == DESCRIBING
    assert strength("No new Pods will be scheduled on the tainted node.", "NoSchedule", "en",
                    heads=["Concepts"], labels=["NoSchedule"]) == 0
