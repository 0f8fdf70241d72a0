"""The SPARQL 1.1 Service Description of the endpoint, with VoID statistics and the predeclared prefixes.

In: the endpoint IRI, the prefixes, the store's statistics, graph names and the generation served
(``owl:versionInfo`` of the dataset). Out: RDF triples
(pyoxigraph) that ``formats.serialize_triples`` writes as Turtle, JSON-LD, N-Triples or RDF/XML.
Must not: query the store (the engine passes the numbers in).

Vocabulary: ``sd:`` (SPARQL 1.1 Service Description), ``void:`` for the counts (``void:triples``;
``void:classPartition`` for concepts, notes, passages and evidence; a ``void:subset`` for the facts
between concepts), and SHACL's ``sh:declare``/``sh:prefix``/``sh:namespace`` for the prefixes a query
may use without declaring them (the standard way to publish prefix declarations in RDF).
"""
from __future__ import annotations

import pyoxigraph as ox

from kgraph.sparql import formats

_FORMATS_NS = "http://www.w3.org/ns/formats/"
RESULT_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                      "Turtle", "N-Triples", "RDF_XML", "JSON-LD")
CLASS_PARTITIONS = (("skos:Concept", "concepts"), ("kg:Note", "notes"), ("kg:Passage", "passages"),
                    ("kg:Evidence", "evidence"))


def describe_service(
    endpoint: str, prefixes: dict[str, str], stats: dict[str, int], graphs: list[str], generation: str = ""
) -> list[ox.Triple]:
    """The service description as triples."""
    declarations = "PREFIX sh: <http://www.w3.org/ns/shacl#>\n" + "".join(
        f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()
    )
    text = declarations + _service(endpoint, prefixes) + _dataset(endpoint, stats, graphs, generation)
    return list(ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=endpoint))


def _service(endpoint: str, prefixes: dict[str, str]) -> str:
    result_formats = ", ".join(f"<{_FORMATS_NS}{name}>" for name in RESULT_FORMAT_IRIS)
    declares = " ,\n    ".join(
        f'[ sh:prefix "{p}" ; sh:namespace "{ns}"^^xsd:anyURI ]' for p, ns in prefixes.items()
    )
    return f"""
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat {result_formats} ;
  sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
  sd:defaultDataset <{endpoint}#dataset> ;
  sh:declare {declares} .
"""


def _dataset(endpoint: str, stats: dict[str, int], graphs: list[str], generation: str) -> str:
    partitions = " ,\n    ".join(
        f"[ void:class {cls} ; void:entities {stats[name]} ]" for cls, name in CLASS_PARTITIONS
    )
    named = "".join(
        f"<{endpoint}#dataset> sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] .\n" for g in sorted(graphs)
    )
    return f"""
<{endpoint}#dataset> a sd:Dataset, void:Dataset ;
  sd:defaultGraph <{endpoint}#default-graph> ;
  void:sparqlEndpoint <{endpoint}> ;
  void:triples {stats["triples"]} ;
  owl:versionInfo "{generation}" ;
  void:classPartition {partitions} ;
  void:subset <{endpoint}#facts> .
<{endpoint}#default-graph> a sd:Graph ;
  rdfs:comment "The union of the ontology, asserted, inferred and evidence graphs; facts below the confidence threshold are only in the named graph candidate."@en .
<{endpoint}#facts> a void:Dataset ;
  dct:title "Facts between concepts (the asserted graph)"@en ;
  void:triples {stats["facts"]} .
{named}"""


def serialize(triples: list[ox.Triple], fmt: formats.Format, prefixes: dict[str, str]) -> bytes:
    return formats.serialize_triples(triples, fmt, {"sh": "http://www.w3.org/ns/shacl#", **prefixes})
