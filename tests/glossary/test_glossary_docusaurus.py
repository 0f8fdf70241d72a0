"""``--format docusaurus``: glossary.json against a JSON Schema of docusaurus-plugin-glossary's documented
shape (a real Docusaurus build needs network installs), plus what the schema cannot say: unique
terms and ids, related terms that exist, abbreviations as the plugin documents them."""
from __future__ import annotations

import json

import jsonschema
import pytest

from kgraph import data
from kgraph.glossary import render

SCHEMA = data.schema_path("docusaurus-glossary.schema.json")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("lang", ["both", "en", "zh"])
@pytest.mark.parametrize("undefined", [False, True])
def test_valid_against_the_plugins_shape_and_linkable(load, validator, lang, undefined) -> None:
    document = json.loads(render(load(lang, undefined), "docusaurus").page)
    validator.validate(document)
    names = [t["term"].casefold() for t in document["terms"]]
    ids = [t["id"] for t in document["terms"]]
    assert len(names) == len(set(names)) and len(ids) == len(set(ids))
    for term in document["terms"]:
        assert {r.casefold() for r in term.get("relatedTerms", [])} <= set(names), term


def test_entries_and_abbreviations(load) -> None:
    terms = {t["term"]: t for t in json.loads(render(load(), "docusaurus").page)["terms"]}
    assert terms["Deployment"] == {
        "term": "Deployment", "definition": "Deployment用于管理ReplicaSet和Pod，可以实现滚动更新和回滚。 — workloads.md#L13-L13",
        "id": "deployment", "relatedTerms": ["Pod", "ReplicaSet"]}
    assert terms["RS"] == {
        "term": "RS", "abbreviation": "ReplicaSet", "definition": terms["ReplicaSet"]["definition"],
        "id": "replicaset-rs", "relatedTerms": ["ReplicaSet"]}
    zh = {t["term"] for t in json.loads(render(load("zh"), "docusaurus").page)["terms"]}
    assert {"容器组", "副本集", "RS"} <= zh


def test_the_schema_rejects_what_the_plugin_cannot_read(validator) -> None:
    good = {"term": "Pod", "definition": "A group of containers."}
    validator.validate({"terms": [good]})
    for bad in ({"terms": [{"term": "Pod"}]}, {"terms": [{**good, "citation": "x.md"}]}, [good],
                {"terms": [{**good, "relatedTerms": "Node"}]}, {"terms": [{**good, "term": " Pod"}]}):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)
