"""``defining.defines``: which sentences say what a concept is, and how plainly."""
from __future__ import annotations

from kgraph.answer.defining import DESCRIBING, NAMING, OPENING, defines

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
    assert strength("No new Pods will be scheduled.", "NoSchedule", "en") == 0


def test_a_sentence_opening_with_the_subject_in_other_words_is_about_it_less_plainly() -> None:
    assert strength("Eviction thresholds have the form of a signal.", "Eviction", "en") == OPENING
    assert strength("Pod 的 IP 在重启后会改变。", "Pod", "zh") == OPENING


def test_the_line_right_before_may_name_what_a_sentence_defines() -> None:
    assert strength("No new Pods will be scheduled on the tainted node.", "NoSchedule", "en",
                    heads=["NoSchedule"], labels=["NoSchedule"]) == DESCRIBING
    assert strength("No new Pods will be scheduled on the tainted node.", "NoSchedule", "en",
                    heads=["Concepts"], labels=["NoSchedule"]) == 0


def test_a_title_with_the_other_name_in_brackets_names_both() -> None:
    summary = "各种容器化应用运行所在的层。"
    assert strength(summary, "Applications", "zh", heads=["应用（Applications）"], labels=["Applications"]) == DESCRIBING
    assert strength(summary, "JWT", "zh", heads=["JSON Web Token (JWT)"], labels=["JWT"]) == DESCRIBING
    assert strength(summary, "Web", "zh", heads=["JSON Web Token (JWT)"], labels=["Web"]) == 0
