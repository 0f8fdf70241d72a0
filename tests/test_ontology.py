"""kgraph.ontology and ontology/*.ttl: vocabulary, relation words, lexicon, relative IRIs, errors."""
from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from kgraph import data
from kgraph.errors import OntologyError
from kgraph.iri import Iris
from kgraph.model import Term
from kgraph.lexicon import fold_label
from kgraph.ontology import load_ontology

ONTOLOGY_DIR = data.ontology_dir()
BASE = "http://kg.test"
KG = BASE + "/ontology#"
CORE = {
    "manages": "managedBy", "scales": "scaledBy", "selects": "selectedBy", "routesTo": "receivesFrom",
    "supersedes": "supersededBy", "storesDataIn": "storesDataOf", "uses": "usedBy", "consumes": "consumedBy",
    "provisions": "provisionedBy", "mounts": "mountedBy", "hasPart": "partOf", "implements": "implementedBy",
    "runsOn": "runs",
}


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(ONTOLOGY_DIR, BASE)


def test_core_relations_and_their_inverses(ontology):
    for name, inverse in CORE.items():
        forward, backward = ontology.relations[name], ontology.relations[inverse]
        assert (forward.inverse, backward.inverse) == (inverse, name)
        assert (forward.canonical, backward.canonical) == (True, False)
        assert (URIRef(KG + name), OWL.inverseOf, URIRef(KG + inverse)) in ontology.graph
        assert (URIRef(KG + inverse), OWL.inverseOf, URIRef(KG + name)) in ontology.graph


def test_further_relations(ontology):
    assert ontology.relations["schedules"].inverse == "scheduledBy"
    assert ontology.relations["subtypeOf"].inverse == "hasSubtype"
    interacts = ontology.relations["interactsWith"]
    assert (interacts.symmetric, interacts.inverse, interacts.canonical) == (True, "interactsWith", True)
    assert (URIRef(KG + "subtypeOf"), RDFS.subPropertyOf, SKOS.broader) in ontology.graph
    assert (URIRef(KG + "hasSubtype"), RDFS.subPropertyOf, SKOS.narrower) in ontology.graph
    assert "relatedTo" not in ontology.relations and "mentions" not in ontology.relations


def test_every_class_and_property_has_en_and_zh_labels_and_a_definition(ontology):
    missing = []
    for name in sorted(ontology.terms):
        labels = ontology.class_labels(name)
        definitions = {d.language for d in ontology.graph.objects(URIRef(KG + name), SKOS.definition)}
        if set(labels) != {"en", "zh"} or "en" not in definitions:
            missing.append((name, sorted(labels), sorted(definitions)))
    assert missing == []
    assert ontology.class_labels("WorkloadController") == {"en": "workload controller", "zh": "工作负载控制器"}


def test_declared_terms_include_the_data_properties_the_graph_uses(ontology):
    used = {"startLine", "endLine", "source", "text", "headingPath", "passageKind", "passageIndex", "path",
            "sha256", "encoding", "tag", "rule", "confidence", "mentions", "weakLabel", "origin",
            "derivedInverse", "signature", "Evidence", "Passage", "Note", "KubernetesConcept"}
    assert used <= ontology.terms
    assert len(ontology.terms) == 114


def test_relation_words(ontology):
    assert ontology.relations["manages"].labels == {
        "en": ("manages", "control", "controls", "delete", "deletes", "maintains", "manage", "managed", "remove", "removes"),
        "zh": ("管理", "控制", "管", "管控", "维护", "负责管理"),
    }
    assert ontology.relations["managedBy"].labels["zh"][0] == "被管理"
    assert ontology.relations["storesDataIn"].labels["zh"] == (
        "存储在", "保存到", "保存在", "储存在", "存储到", "存放在", "持久化到",
    )
    assert "使用" not in ontology.relations["consumes"].labels["zh"]


def test_a_relations_weak_labels_name_it_but_do_not_state_it(ontology):
    part_of = ontology.relations["partOf"]
    assert part_of.labels["zh"] == ("属于", "包含在", "的一部分", "隶属于")
    assert part_of.unstated == {"zh": ("属于", "隶属于")}
    assert ontology.relations["manages"].unstated == {}


def test_no_relation_word_names_two_relations_or_a_concept(ontology):
    owners = defaultdict(set)
    for relation in ontology.relations.values():
        for words in relation.labels.values():
            for word in words:
                owners[fold_label(word)].add(relation.name)
    assert {word: names for word, names in owners.items() if len(names) > 1} == {}
    concept_labels = {fold_label(text) for term in ontology.lexicon for text, _lang, _kind in term.labels}
    assert sorted(set(owners) & concept_labels) == []


def test_inverse_domain_and_range_mirror_each_other(ontology):
    for relation in ontology.relations.values():
        if not relation.symmetric:
            inverse = ontology.relations[relation.inverse]
            assert (inverse.domain, inverse.range) == (relation.range, relation.domain), relation.name
    assert ontology.relations["mounts"].domain == ("Container", "WorkloadResource")
    assert ontology.relations["mounts"].range == ("StorageResource", "StorageSystem", "Volume")


DESIGN_EXAMPLES = [
    ("manages", "Deployment", "ReplicaSet"), ("manages", "ReplicaSet", "Pod"), ("manages", "CronJob", "Job"),
    ("manages", "kubelet", "StaticPod"), ("scales", "HorizontalPodAutoscaler", "Deployment"),
    ("selects", "Service", "Pod"), ("routesTo", "Service", "Pod"),
    ("supersedes", "ReplicaSet", "ReplicationController"), ("storesDataIn", "kube-apiserver", "etcd"),
    ("uses", "kubelet", "CRI"), ("uses", "kubelet", "CNI"), ("uses", "kubelet", "CSI"),
    ("uses", "kubelet", "DevicePlugin"), ("uses", "StatefulSet", "PersistentVolumeClaim"),
    ("consumes", "PersistentVolumeClaim", "PersistentVolume"), ("provisions", "StorageClass", "PersistentVolume"),
    ("mounts", "Pod", "Volume"), ("hasPart", "Pod", "Container"), ("hasPart", "Pod", "PauseContainer"),
    ("hasPart", "MasterNode", "kube-apiserver"), ("implements", "kube-proxy", "Service"), ("runsOn", "Pod", "Node"),
    ("schedules", "kube-scheduler", "Pod"), ("interactsWith", "kubelet", "DevicePlugin"),
    ("subtypeOf", "EmptyDir", "EphemeralVolume"),
]


@pytest.mark.parametrize("relation,subject,obj", DESIGN_EXAMPLES)
def test_domain_and_range_admit_the_design_examples(ontology, relation, subject, obj):
    types = {term.key: term.types for term in ontology.lexicon}
    assert ontology.allows(relation, types[subject], types[obj])
    assert ontology.allows(ontology.relations[relation].inverse, types[obj], types[subject])


def test_domain_and_range_reject_misfits(ontology):
    types = {term.key: term.types for term in ontology.lexicon}
    assert not ontology.allows("scales", types["Pod"], types["Deployment"])
    assert not ontology.allows("mounts", types["kubelet"], types["Volume"])
    assert not ontology.allows("runsOn", types["Pod"], types["etcd"])
    assert ontology.allows("mounts", (), types["Volume"])  # an untyped (discovered) side is not judged


def test_a_relation_with_signatures_admits_each_combination_and_no_mix(ontology):
    """runsOn: what runs on a node or workload, or code inside a control plane component's process."""
    types = {term.key: term.types for term in ontology.lexicon}
    runs_on = ontology.relations["runsOn"]
    assert len(runs_on.pairs) == 3 and ("ControlPlaneComponent",) in [r for _d, r in runs_on.pairs]
    assert ontology.allows("runsOn", ("Controller",), types["kube-apiserver"])
    assert ontology.allows("runs", types["kube-apiserver"], ("Plugin",))  # the inverse mirrors them
    assert not ontology.allows("runsOn", types["Pod"], types["kube-apiserver"])
    assert not ontology.allows("runs", types["etcd"], types["Pod"])
    assert ontology.allows("runsOn", types["Container"], types["Pod"])
    assert not ontology.allows("runsOn", types["StaticPod"], types["Pod"])  # a workload runs on nodes, not workloads



def test_composition_holds_between_a_whole_and_its_kind_of_parts(ontology):
    types = {term.key: term.types for term in ontology.lexicon}
    assert ontology.allows("hasPart", types["Pod"], types["Container"])
    assert ontology.allows("hasPart", types["MasterNode"], types["kube-apiserver"])
    assert not ontology.allows("hasPart", types["Service"], types["Pod"])  # a Service selects Pods
    assert not ontology.allows("hasPart", types["Node"], types["Docker"])  # the runtime runs on the node
    assert not ontology.allows("partOf", types["Pod"], types["Service"])  # the inverse mirrors them


def test_superclasses(ontology):
    assert ontology.superclasses["WorkloadController"] == {
        "WorkloadController", "WorkloadResource", "APIResource", "KubernetesConcept",
    }
    assert ontology.superclasses["Evidence"] == {"Evidence"}


def test_lexicon_terms(ontology):
    terms = {term.key: term for term in ontology.lexicon}
    assert terms["ReplicaSet"] == Term(
        "ReplicaSet",
        (("ReplicaSet", "en", "pref"), ("副本集", "zh", "pref"), ("RS", "en", "alt"), ("Replica Set", "en", "alt")),
        ("WorkloadController",),
        "lexicon",
    )
    assert terms["StatefulSet"].labels[-1] == ("StatefullSet", "en", "hidden")
    assert 300 <= len(ontology.lexicon) <= 400
    assert [term.key for term in ontology.lexicon] == sorted(terms)


def test_weak_labels_stay_names_and_are_flagged(ontology):
    terms = {term.key: term for term in ontology.lexicon}
    assert terms["Deployment"].labels == (
        ("Deployment", "en", "pref"), ("部署", "zh", "pref"), ("deploy", "en", "alt"), ("部署对象", "zh", "alt"),
        ("Deploymnet", "en", "hidden"), ("deploy", "en", "weak"), ("部署", "zh", "weak"),
    )
    weak = sorted((text, lang) for term in ontology.lexicon for text, lang, kind in term.labels if kind == "weak")
    assert ("服务", "zh") in weak and ("任务", "zh") in weak and ("命名空间", "zh") in weak
    assert ("副本集", "zh") not in weak and ("节点", "zh") not in weak


def test_lexicon_has_one_pref_label_per_language_and_no_shared_labels(ontology):
    owners = defaultdict(set)
    for term in ontology.lexicon:
        prefs = [lang for _text, lang, kind in term.labels if kind == "pref"]
        assert len(prefs) == len(set(prefs)) and "en" in prefs, term.key
        assert {lang for _text, lang, _kind in term.labels} <= {"en", "zh"}, term.key
        for text, _lang, _kind in term.labels:
            owners[fold_label(text)].add(term.key)
    assert {label: keys for label, keys in owners.items() if len(keys) > 1} == {}


def test_lexicon_holds_names_and_types_only():
    graph = Graph().parse(ONTOLOGY_DIR / "lexicon.ttl", format="turtle", publicID=BASE + "/")
    predicates = set(graph.predicates())
    assert predicates == {RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, URIRef(KG + "weakLabel")}


def test_closed_namespace(ontology):
    kg = Iris(BASE, ontology.terms).kg
    assert kg.manages == URIRef(KG + "manages")
    with pytest.raises(AttributeError):
        kg.manges


@pytest.mark.parametrize("base", ["http://a.example/kg", "https://b.example"])
def test_relative_iris_resolve_against_the_base(base):
    ontology = load_ontology(ONTOLOGY_DIR, base + "/")
    assert ontology.namespace == base + "/ontology#"
    assert (URIRef(base + "/ontology#manages"), RDF.type, OWL.ObjectProperty) in ontology.graph
    assert (URIRef(base + "/ontology"), RDF.type, OWL.Ontology) in ontology.graph
    ours = {str(s) for s in ontology.graph.subjects() if isinstance(s, URIRef) and "ontology" in str(s)}
    assert all(iri.startswith(base + "/ontology") for iri in ours)
    assert len(ontology.relations) == 59


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, target)
    return target


def test_syntax_error_names_file_and_line(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "lexicon.ttl"
    path.write_text(path.read_text(encoding="utf-8") + '\n<id/X> a skos:Concept ;\n  skos:prefLabel "X\n', encoding="utf-8")
    lines = path.read_text(encoding="utf-8").count("\n")
    with pytest.raises(OntologyError) as error:
        load_ontology(directory, BASE)
    assert error.value.message == f"{path}:{lines}: Turtle syntax error: newline found in string literal"


def test_lexicon_with_a_relation_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "lexicon.ttl"
    text = path.read_text(encoding="utf-8").replace(
        '<id/Deployment> a skos:Concept , kg:WorkloadController ;',
        '<id/Deployment> a skos:Concept , kg:WorkloadController ;\n    kg:manages <id/ReplicaSet> ;',
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("<id/Deployment> a skos:Concept , kg:WorkloadController ;") + 1
    with pytest.raises(OntologyError) as error:
        load_ontology(directory, BASE)
    assert error.value.message == (
        f"{path}:{line}: Deployment has {KG}manages; the lexicon holds names and types only"
    )


def test_label_shared_by_two_concepts_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "lexicon.ttl"
    text = path.read_text(encoding="utf-8").replace('skos:altLabel "svc"@en ;', 'skos:altLabel "svc"@en , "R S"@en ;')
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("<id/Service> a skos:Concept , kg:ServiceResource ;") + 1
    with pytest.raises(OntologyError) as error:
        load_ontology(directory, BASE)
    assert error.value.message == f"{path}:{line}: label 'R S' of Service is also a label of ReplicaSet"


def test_unknown_class_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "lexicon.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace("kg:Autoscaler ;", "kg:AutoScaler ;", 1), encoding="utf-8")
    with pytest.raises(OntologyError, match=r"HorizontalPodAutoscaler must be typed with kgraph.ttl classes \(unknown: \['AutoScaler'\]\)"):
        load_ontology(directory, BASE)


def test_base_directive_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "kgraph.ttl"
    path.write_text("@base <http://fixed.example/> .\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(OntologyError) as error:
        load_ontology(directory, BASE)
    assert error.value.message == f"{path}: must not declare @base (the base is configured, not fixed)"


def test_a_signature_outside_the_relations_domain_and_range_is_an_error(tmp_path):
    directory = _copy(tmp_path)
    path = directory / "kgraph.ttl"
    text = path.read_text(encoding="utf-8")
    wrong = text.replace("[ rdfs:domain kg:WorkloadController ; rdfs:range kg:WorkloadResource ]",
                         "[ rdfs:domain kg:WorkloadController ; rdfs:range kg:Protocol ]", 1)
    assert wrong != text
    path.write_text(wrong, encoding="utf-8")
    with pytest.raises(OntologyError, match=r"a kg:signature of hasPart \(WorkloadController -> Protocol\) is not within"):
        load_ontology(directory, BASE)
