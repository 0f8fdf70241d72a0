"""Extraction on the tiny corpus and on single sentences: exact facts, lines and quotes."""
from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.build import extract_corpus
from kgraph.config import Settings


@pytest.fixture(scope="module")
def knowledge(small_corpus):
    return extract_corpus(Settings(corpus=small_corpus))


def facts(knowledge) -> set[tuple]:
    return {(a.subject, a.relation, a.object, a.evidence.note_path, a.evidence.span.start_line, a.evidence.rule)
            for a in knowledge.data.extraction.assertions}


def test_relations_with_their_lines_and_rules(knowledge):
    assert facts(knowledge) == {
        ("ReplicaSet", "supersedes", "ReplicationController", "workloads.md", 9, "zh-supersedes"),
        ("ReplicaSet", "manages", "Pod", "workloads.md", 10, "zh-passive"),
        ("Deployment", "manages", "Pod", "workloads.md", 14, "zh-active"),
        ("Deployment", "manages", "ReplicaSet", "workloads.md", 14, "zh-active"),
        ("Service", "routesTo", "Pod", "sub/english.md", 4, "en-active"),
        # a colon-ended lead-in continued by a list: cited from the lead-in and from each item
        ("Node", "hasPart", "kube-proxy", "sub/english.md", 7, "en-lead-in-parts"),
        ("Node", "hasPart", "kube-proxy", "sub/english.md", 9, "en-lead-in-parts"),
        ("Node", "hasPart", "kubelet", "sub/english.md", 7, "en-lead-in-parts"),
        ("Node", "hasPart", "kubelet", "sub/english.md", 10, "en-lead-in-parts"),
    }


def test_each_passage_keeps_what_was_read_in_it(knowledge):
    """The sentences and mentions extraction read, which the search index reuses: offsets of the
    passage's plain text, every mention in order (repeats kept), each concept once in ``keys``."""
    readings = knowledge.data.extraction.readings
    assert len(readings) == len(knowledge.data.passages) == 7
    reading = readings[("workloads.md", 0)]
    assert reading.sentences == ((0, 37), (38, 74))
    assert [(m.key, m.start, m.surface) for m in reading.mentions] == [
        ("ReplicaSet", 0, "ReplicaSet"), ("ReplicationController", 11, "ReplicationController"), ("Pod", 38, "Pod"),
        ("ReplicaSet", 42, "ReplicaSet"), ("ReplicaSet", 55, "ReplicaSet"), ("Pod", 67, "Pod")]
    assert reading.keys == ("ReplicaSet", "ReplicationController", "Pod")
    misspelt = readings[("workloads.md", 2)]
    assert [(m.key, m.surface) for m in misspelt.mentions] == [("StatefulSet", "StatefullSet"),
                                                                ("StatefulApplication", "有状态服务")]


def test_negated_statement_asserts_nothing(knowledge):
    assert not [a for a in knowledge.data.extraction.assertions if a.object == "Service"]


def test_evidence_quotes_are_verbatim_lines_of_the_note(knowledge, small_corpus):
    for a in knowledge.data.extraction.assertions:
        lines = (small_corpus / a.evidence.note_path).read_text(encoding="utf-8").splitlines()
        cited = "\n".join(lines[a.evidence.span.start_line - 1:a.evidence.span.end_line])
        assert a.evidence.quote in cited


def test_definitions_in_the_note_language(knowledge):
    found = {(d.key, d.lang, d.evidence.span.start_line, d.evidence.rule, d.text) for d in knowledge.data.extraction.definitions}
    assert found == {
        ("Service", "en", 3, "def-copula", "A Service is an abstraction that exposes a set of Pods."),
        ("kube-proxy", "en", 9, "def-colon", "kube-proxy: implements the Service virtual IP"),
        ("kubelet", "en", 10, "def-colon", "kubelet: talks to the container runtime"),
        ("ReplicaSet", "zh", 9, "def-copula", "ReplicaSet是ReplicationController的升级版。"),
        ("Deployment", "zh", 14, "def-copula", "Deployment用于管理Pod、ReplicaSet，可实现滚动升级。"),
        # the misspelling in the note still names StatefulSet
        ("StatefulSet", "zh", 19, "def-copula", "StatefullSet 是为了解决有状态服务问题。"),
    }


def test_binary_file_is_reported_and_the_rest_still_read(knowledge):
    assert [str(p) for p in knowledge.problems] == ["broken.md:1: binary file (contains NUL bytes), not a text note"]
    assert [n.path for n in knowledge.data.notes] == ["sub/english.md", "workloads.md"]


def write_note(tmp_path: Path, text: str) -> Path:
    (tmp_path / "n.md").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("sentence, expected", [
    ("Deployment 管 ReplicaSet，ReplicaSet 维护 Pod。", {("Deployment", "manages", "ReplicaSet"), ("ReplicaSet", "manages", "Pod")}),
    ("ReplicaSet is managed by a Deployment.", {("Deployment", "manages", "ReplicaSet")}),
    ("RS是新一代RC。", {("ReplicaSet", "supersedes", "ReplicationController")}),
    ("新版本中建议用ReplicaSet替代ReplicationController。", {("ReplicaSet", "supersedes", "ReplicationController")}),
    ("整个集群的持久化数据，则由 kube-apiserver 处理后保存在 etcd 中。", {("kube-apiserver", "storesDataIn", "etcd")}),
    ("PVC 会耗用 PV 资源。", {("PersistentVolumeClaim", "consumes", "PersistentVolume")}),
    ("HPA 适用于 Deployment 和 ReplicaSet。", {("HorizontalPodAutoscaler", "scales", "Deployment"), ("HorizontalPodAutoscaler", "scales", "ReplicaSet")}),
    ("Service 不会转发请求给 Pod。", set()),
])
def test_single_sentences(tmp_path, sentence, expected):
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, f"# Notes\n\n{sentence}\n")))
    assert {(a.subject, a.relation, a.object) for a in knowledge.data.extraction.assertions} == expected


def test_english_relations_in_active_passive_and_list_forms(tmp_path):
    source = Path(__file__).parent / "data" / "english_relations.md"
    (tmp_path / "n.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    found = {(a.subject, a.relation, a.object) for a in extract_corpus(Settings(corpus=tmp_path)).data.extraction.assertions}
    assert found == {
        ("Deployment", "manages", "ReplicaSet"), ("ReplicaSet", "manages", "Pod"),
        ("HorizontalPodAutoscaler", "scales", "Deployment"), ("Service", "selects", "Pod"),
        ("kube-apiserver", "storesDataIn", "etcd"), ("kubelet", "uses", "CRI"),
        ("kubelet", "interactsWith", "ContainerRuntime"),  # "uses the CRI to talk to the container runtime"
        ("PersistentVolumeClaim", "consumes", "PersistentVolume"), ("StorageClass", "provisions", "PersistentVolume"),
        ("ReplicaSet", "supersedes", "ReplicationController"), ("Pod", "runsOn", "Node"),
        ("kube-proxy", "implements", "Service"), ("CronJob", "creates", "Job"),
        ("kube-scheduler", "schedules", "Pod"), ("Pod", "mounts", "Volume"),
        ("ControlPlane", "hasPart", "kube-apiserver"), ("ControlPlane", "hasPart", "etcd"),
        ("ControlPlane", "hasPart", "kube-scheduler"), ("ControlPlane", "hasPart", "kube-controller-manager"),
    }


@pytest.mark.parametrize("sentence, expected", [
    # kinds: a copula right before the genus, an example after it; the kind must be of the genus's class
    ("Calico is a network plugin for Kubernetes.", {("Calico", "subtypeOf", "NetworkPlugin")}),
    ("Pods are a group of containers.", set()),
    ("Kubernetes supports network plugins such as Calico.", {("Calico", "subtypeOf", "NetworkPlugin")}),
    # negation between the participants of a rule without a relation verb; "no" before the subject
    ("Pod 不会被调度到这些节点上。", set()),
    ("No new Pods will be scheduled on the tainted node.", set()),
    # 将 before a preposition is "will": kubelet 将根据 … 排序 Pod does not make kubelet use anything
    ("kubelet 将根据磁盘使用量对 Pod 进行排序。", set()),
    # a particle makes another verb: "runs out of" is not "runs"
    ("The Node runs out of memory.", set()),
    # a relation between peers: a Deployment that replaces Pods supersedes nothing
    ("A Deployment replaces failed Pods.", set()),
    # noun phrases with no verb: parts a resource owns, and where a component or workload runs;
    # a rule's participants narrow the relation (the taints on a node run nowhere, a DaemonSet's
    # Pods are no parts of it)
    ("The container runtime configuration is used to run a Pod's containers.", {("Pod", "hasPart", "Container")}),
    ("单个 Pod 中的容器会在共同调度下运行。", {("Pod", "hasPart", "Container")}),
    ("DaemonSet 中的 Pod 永远不会被驱逐。", set()),
    ("The containers of the Pod share a network namespace.", {("Pod", "hasPart", "Container")}),
    ("The kubelet on each node reports its status.", {("kubelet", "runsOn", "Node")}),
    ("The taints on the node are listed.", set()),
    ("默认的调度器在选择一个节点来运行特定的 Pod 时会考虑污点。", {("Pod", "runsOn", "Node")}),
    # the reader's conditions and purposes state nothing; a basis (根据 X 的标签) is a means; 从 X is no subject;
    # a link's title names a page
    ("如果你在面临资源压力的节点上运行静态 Pod，则 kubelet 可能会驱逐该静态 Pod。", {("kubelet", "evicts", "StaticPod")}),
    ("To run device plugins on nodes that need an upgrade, upgrade the plugins first.", set()),
    ("Pod 间亲和性允许你根据其他 Pod 的标签来约束 Pod。", set()),
    ("这段时间过去后，节点生命周期控制器从节点驱除这些 Pod。", {("NodeController", "evicts", "Pod")}),
    ("请参阅[使用 DRA 为工作负载分配设备](/docs/tasks/allocate-devices/)。", set()),
    # a negation inside a noun's modifier is not the verb's; the means after a named agent is its instrument
    ("调度器会将所发现的每一个未调度的 Pod 调度到一个合适的节点上来运行。",
     {("kube-scheduler", "schedules", "Pod"), ("Pod", "runsOn", "Node")}),
    ("控制平面使用节点控制器自动创建污点。", {("ControlPlane", "creates", "Taint")}),
    # a subject inside a prepositional phrase with an owner between is an oblique: no Pod creates the claim
    ("Kubernetes 会为工作负载中的每个 Pod 创建独立的 ResourceClaim。", set()),
    # a relation named by a noun after a copula
    ("Operators are software extensions to Kubernetes.", {("Operator", "extends", "Kubernetes")}),
    # a second verb phrase after a description of the subject; the node chosen to run a Pod, past other mentions
    ("kube-scheduler is the default scheduler for Kubernetes and runs as part of the control plane.",
     {("ControlPlane", "hasPart", "kube-scheduler")}),
    ("kube-scheduler selects an optimal node to run newly created or not yet scheduled (unscheduled) Pods.",
     {("Pod", "runsOn", "Node"), ("kube-scheduler", "schedules", "Pod")}),
    ("kube-scheduler 是 Kubernetes 集群的默认调度器，并且是集群控制面的一部分。", {("ControlPlane", "hasPart", "kube-scheduler")}),
    ("Operator 是 Kubernetes 的扩展软件。", {("Operator", "extends", "Kubernetes")}),
    # a noun phrase states its relation whatever its clause says of it, unless negated inside
    ("API 服务器无法与节点上的 kubelet 进行通信。", {("kubelet", "runsOn", "Node")}),
    ("The network model is implemented by the container runtime on each node.",
     {("ContainerRuntime", "runsOn", "Node"), ("ContainerRuntime", "implements", "KubernetesNetworkModel")}),
    ("Containers in pods can have different requirements.", {("Pod", "hasPart", "Container")}),
    ("尚未调度到节点上的 Pod 会被发现。", set()),
    # a negation before a modal negates the predicate even when a modifier with 的 follows it
    ("请注意，Pod 不一定会调度到“被提名的节点”。", set()),
    # "is configured to" keeps its subject the doer
    # whoever assigns an address allocates it, and the one it is assigned to has it
    ("The kube-apiserver is configured to assign IP addresses to Services.",
     {("kube-apiserver", "allocates", "IPAddress"), ("Service", "hasAddress", "IPAddress")}),
    ("kube-apiserver 负责为 Service 分配 IP 地址。", {("kube-apiserver", "allocates", "IPAddress"), ("Service", "hasAddress", "IPAddress")}),
    # the one made or configured to act does it
    ("你可以配置 kubelet 或 kube-proxy 来使用 CNI。", {("kubelet", "uses", "CNI"), ("kube-proxy", "uses", "CNI")}),
    ("CRI 使 kubelet 能够使用容器运行时。", {("kubelet", "uses", "ContainerRuntime")}),
    # a clause without a subject continues the sentence's subject, also across a moved object
    ("Service 提供一个固定的地址，负责将前端请求转发给 Pod。", {("Service", "routesTo", "Pod")}),
    # choosing a node for a workload is scheduling it
    ("The kube-scheduler selects an optimal node to run newly created Pods.",
     {("kube-scheduler", "schedules", "Pod"), ("Pod", "runsOn", "Node")}),
    ("kube-scheduler 选择一个最佳节点来运行这个 Pod。", {("kube-scheduler", "schedules", "Pod"), ("Pod", "runsOn", "Node")}),
    # a Chinese object that only qualifies the noun after it is no object
    ("kubelet 创建 Pod 沙箱。", set()),
    # a mention right before another qualifies it: no object
    ("kube-apiserver 使用 Pod 标签查找值。", set()),
    # a verb right after 被 names no agent after it; the agent between 被 and the verb does it
    ("如果一个 Pod 被逐出节点，它的容器也会停止。", set()),
    ("ReplicationController 被 ReplicaSet 替代。", {("ReplicaSet", "supersedes", "ReplicationController")}),
    # a second verb after the first one's object: the clause's subject does both, not that object
    ("在 1.29 之前，节点控制器负责为节点添加污点并驱逐 Pod。", {("NodeController", "evicts", "Pod")}),
    ("Deployment 创建 ReplicaSet 并管理 Pod。", {("Deployment", "creates", "ReplicaSet"), ("Deployment", "manages", "Pod")}),
    # a place or doer inside a modifier of a later noun is no object (the images are used, not the node)
    ("所有 Pod 都可以使用节点上缓存的镜像。", set()),
    ("kubelet 管理节点上运行的 Pod。", {("Pod", "runsOn", "Node")}),
    # "to V" after an object: only a verb of using keeps the subject the doer
    ("The kubelet uses the CRI to talk to the container runtime.",
     {("kubelet", "uses", "CRI"), ("kubelet", "interactsWith", "ContainerRuntime")}),
    # new relation words: reference, launch, target, run within
    ("A Pod can reference a Secret.", {("Pod", "uses", "Secret")}),
    ("The kubelet launches containers.", {("kubelet", "creates", "Container")}),
    # a name whose last character starts a common word gives it back: 容器组成 is 容器 + 组成
    ("Pod 由一个或多个容器组成。", {("Pod", "hasPart", "Container")}),
    # 属于 / 隶属于 (a relation's weak labels) name part-of in questions but do not state it in a note
    ("Pod 隶属于某个 Service。", set()),
    # a means is not the head of an "X-based" modifier: a time-based Job is no use of time nor of Job
    ("Cron Job 管理基于时间的job，即：", {("CronJob", "manages", "Job")}),
    # a verb of beginning before a gerund is aspectual: starting to evict creates nothing
    ("The kubelet starts evicting Pods.", set()),
    ("The kubelet starts containers.", {("kubelet", "creates", "Container")}),
    # outside or besides an object is not on it
    ("控制器通常会运行在控制平面之外。", set()),
    ("除了 Deployment 之外，StatefulSet 也管理 Pod。", {("StatefulSet", "manages", "Pod")}),
    # code runs inside a control plane component's process; a workload never runs on one
    ("The admission controller runs in the API server.", {("AdmissionController", "runsOn", "kube-apiserver")}),
    ("准入控制器在 API 服务器中执行。", {("AdmissionController", "runsOn", "kube-apiserver")}),
    ("Pods run on etcd.", set()),
    # a client uses what it is a client of
    ("The kubelet is a client of the API server.", {("kubelet", "uses", "kube-apiserver")}),
    ("kubectl 是 API Server 的客户端。", {("kubectl", "uses", "kube-apiserver")}),
    # a list's last mention that qualifies the noun after it (CPU 利用率) is no member of the list
    ("HPA 适用于 Deployment 和 ReplicaSet ,CPU利用率扩缩容。",
     {("HorizontalPodAutoscaler", "scales", "Deployment"), ("HorizontalPodAutoscaler", "scales", "ReplicaSet")}),
    # an interaction's two sides and its verb lie in one clause; "A 和 B … 与 C 交互" coordinates A and B
    ("kubelet 通过 gRPC 协议与 Device Plugin 交互。", {("kubelet", "interactsWith", "DevicePlugin"), ("kubelet", "uses", "gRPC")}),
    ("HorizontalPodAutoscaler 和 PodDisruptionBudget 这类子系统与你的新资源交互。", set()),
    ("Pod 优先级和 QoS 类是两个正交特征，交互很少。", set()),
    # a person named as an owner between subject and verb does not take the verb over
    ("ReplicaSet 为你的应用程序创建了 Pod。", {("ReplicaSet", "creates", "Pod")}),
    ("Deployment 允许你创建 Pod。", set()),
    # a relative clause's place is not followed on to its own head ("运行在 Pod 中的容器": the container)
    ("运行在 Pod 中的容器会被重启。", {("Container", "runsOn", "Pod")}),
    # ... and an object whose place chain ends in a possessor ("容器的状态") is no object
    ("kube-state-metrics 可以报告运行在 Pod 中的容器的状态。", set()),
    # a rejected reading (from a place, "在K8s集群中") does not hide a later one of the same template
    ("在K8s集群中微服务的负载均衡是由Kube-proxy实现的。", {("kube-proxy", "implements", "LoadBalancing")}),
    # composition: the parts' class after a classifier; a later clause continuing the sentence's subject
    ("K8s 集群都由 Master 和 Node 两种节点组成。", {("Cluster", "hasPart", "MasterNode"), ("Cluster", "hasPart", "Node")}),
    ("Kubernetes 的架构与 Borg 类似，都由 Master 和 Node 组成。",
     {("Kubernetes", "hasPart", "MasterNode"), ("Kubernetes", "hasPart", "Node")}),
    # quantifiers before an English object ("as much", "enough")
    ("A Pod can consume as much CPU and memory as is allowed.", {("Pod", "consumes", "CPU"), ("Pod", "consumes", "Memory")}),
    # a means phrase between the subject and 将 ("…使用 X 的信息来将 Pod 调度到…")
    ("调度器使用 PersistentVolume 的 nodeAffinity 信息来将使用 local 卷的 Pod 调度到正确的节点。",
     {("kube-scheduler", "schedules", "Pod")}),
])
def test_single_sentences_kinds_and_scopes(tmp_path, sentence, expected):
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, f"# Notes\n\n{sentence}\n")))
    assert {(a.subject, a.relation, a.object) for a in knowledge.data.extraction.assertions} == expected


def test_list_items_take_the_subject_of_their_lead_in(tmp_path):
    note = ("# Proxies\n\nThere are several proxies:\n\n1.  The kube-proxy:\n\n    - runs on each node\n"
            "    - Use a Service to reach it\n\n1.  kubelet：\n\n    - 运行在节点上\n\n1.  kube-proxy：\n\n    - 在每个节点上运行\n\n"
            "## Steps\n\n- 创建 Pod，并设置它的优先级。\n")
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, note)))
    found = {(a.subject, a.relation, a.object, a.evidence.span.start_line, a.evidence.rule)
             for a in knowledge.data.extraction.assertions}
    # the imperative ("Use a Service") and the task step ("创建 Pod") take no subject
    assert found == {("kube-proxy", "runsOn", "Node", 7, "en-continued"), ("kubelet", "runsOn", "Node", 12, "zh-item"),
                     ("kube-proxy", "runsOn", "Node", 16, "zh-item-runs-on")}


def test_a_person_in_the_clause_and_not_the_topic_does_what_a_subjectless_clause_says(tmp_path):
    note = "# kubelet\n\n## 运行时\n\n你还可以通过 RuntimeClass 运行不同的 Pod。\n\n还可以通过 RuntimeClass 运行不同的 Pod。\n"
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, note)))
    found = {(a.subject, a.relation, a.object, a.evidence.span.start_line) for a in knowledge.data.extraction.assertions}
    assert found == {("kubelet", "uses", "RuntimeClass", 7)}  # line 5 names the reader as the doer


def test_fitted_rule_priors_replace_the_written_ones(tmp_path):
    from kgraph import data
    from kgraph.extract.confidence import load_priors
    from kgraph.extract.rules import load_rules, with_priors
    from kgraph.ontology import load_ontology

    (tmp_path / "thresholds.yaml").write_text("fact_threshold: 0.5\nrule_priors:\n  en-active: 0.42\n", encoding="utf-8")
    ontology = load_ontology(data.ontology_dir(), "http://localhost:8000")
    rules = with_priors(load_rules(data.ontology_dir() / "patterns.yaml", ontology.relations), load_priors(tmp_path))
    assert {r.confidence for r in rules if r.rule_id == "en-active"} == {0.42}
    assert {r.confidence for r in rules if r.rule_id == "en-passive"} == {0.8}  # as written in the patterns file
    assert load_priors(tmp_path / "missing") == {}


@pytest.mark.parametrize("text, expected", [
    ("# Deployment\n\nDeployment 的滚动升级逐个替换旧的 Pod。\n", [("Deployment", "def-heading")]),
    # advice to the reader under the term's heading says what you can do, not what the term is
    ("# Container runtime\n\nUsually, you can allow your cluster to pick the default container runtime.\n", []),
    ("# 容器运行时\n\n通常，你可以允许集群为一个 Pod 选择其默认的容器运行时。\n", []),
    ("# Service\n\nConsider adding a Service if you want to expose Pods.\n", []),
])
def test_the_first_sentence_under_a_terms_heading(tmp_path, text, expected):
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, text)))
    assert [(d.key, d.evidence.rule) for d in knowledge.data.extraction.definitions] == expected


@pytest.mark.parametrize("sentence, expected", [
    # emphasis, an opening setting (a narrower definition, weaker) and an English aside between commas
    ("In Kubernetes, _Pod Overhead_ is a way to account for the resources the Pod infrastructure consumes.",
     [("PodOverhead", "def-copula", 0.8)]),
    ("在网络语境中，容器运行时（Container Runtime）是在节点上的守护进程，为 kubelet 提供 CRI 服务。",
     [("ContainerRuntime", "def-copula", 0.8)]),
    ("A Container Runtime, in the networking context, is a daemon on a node that provides CRI services.",
     [("ContainerRuntime", "def-copula", 0.9)]),
    ("**ReplicaSet** 是 ReplicationController 的升级版。", [("ReplicaSet", "def-copula", 0.9)]),
    # a list after a comma is no aside
    ("The kubelet, kube-proxy and containerd run on nodes.", []),
])
def test_defining_sentences_with_settings_and_asides(tmp_path, sentence, expected):
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, f"# Notes\n\n{sentence}\n")))
    assert [(d.key, d.evidence.rule, d.evidence.confidence) for d in knowledge.data.extraction.definitions] == expected


def test_a_definition_lists_description_defines_its_term(tmp_path):
    note = ("# Effects\n\nSet `NoSchedule`, `Never` or `IfNotPresent` in a spec. With `Never` the image is local.\n\n"
            "`NoSchedule`\n: No new Pods will be scheduled on the tainted node.\n\n"
            "`Never`\n: The kubelet never pulls the image.\n\n"
            "`IfNotPresent` (default)\n: The image is pulled only if it is not already present.\n\n"
            "A Pod will never run on a tainted node.\n")
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, note)))
    found = {(d.key, d.evidence.rule, d.evidence.span.start_line) for d in knowledge.data.extraction.definitions}
    assert found == {("NoSchedule", "def-heading", 6), ("Never", "def-heading", 9), ("IfNotPresent", "def-heading", 12)}
    # `Never` is an everyday word: its concept is never matched in running text ("will never run")
    assert not any("Never" in (a.subject, a.object) for a in knowledge.data.extraction.assertions)
    never = next(t for t in knowledge.data.terms.values() if t.key == "Never")
    assert ("Never", "en", "weak") in never.labels


def test_a_subjectless_item_defines_the_subject_of_its_lead_in(tmp_path):
    note = ("# Proxies\n\nThere are several proxies:\n\n1.  The apiserver proxy:\n\n"
            "    - is a bastion built into the apiserver\n    - is reached through the API\n\n"
            "1.  kube-proxy：\n\n    - 是一个运行在每个节点上的网络代理\n    - 运行在节点上\n")
    knowledge = extract_corpus(Settings(corpus=write_note(tmp_path, note)))
    found = {(d.key, d.evidence.rule, d.evidence.span.start_line, d.evidence.confidence) for d in knowledge.data.extraction.definitions}
    assert found == {("APIServerProxy", "def-copula", 7, 0.8), ("kube-proxy", "def-copula", 12, 0.8)}


def test_an_untyped_doer_weakens_a_fact_more_than_an_untyped_object(tmp_path):
    from kgraph import data
    from kgraph.extract.confidence import UNTYPED, Untyped, load_untyped
    from kgraph.extract.typing import type_check
    from kgraph.lexicon import Lexicon
    from kgraph.model import Term
    from kgraph.ontology import load_ontology

    ontology = load_ontology(data.ontology_dir(), "http://localhost:8000")
    lexicon = Lexicon(list(ontology.lexicon) + [Term("Gizmo", (("gizmo", "en", "pref"),), (), "discovered")])
    check = type_check(ontology, lexicon, Untyped(subject=0.2, object=0.5))
    assert check("manages", "Deployment", "ReplicaSet") == 1.0
    assert check("manages", "Gizmo", "Pod") == 0.2  # the doer has no type
    assert check("uses", "kubelet", "Gizmo") == 0.5
    assert check("managedBy", "Pod", "Gizmo") == 0.2  # passive: the doer is its object
    (tmp_path / "thresholds.yaml").write_text("untyped:\n  subject: 0.3\n", encoding="utf-8")
    assert load_untyped(tmp_path) == Untyped(0.3, UNTYPED)
    assert load_untyped(tmp_path / "missing") == Untyped(UNTYPED, UNTYPED)
