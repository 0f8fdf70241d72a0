"""/api/terms: completions of the tail of what was typed, from every label, one entry per concept."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest


DEPLOYMENT = {"key": "Deployment", "url": "/id/Deployment", "labels": {"en": "Deployment", "zh": "部署"}}


def terms(client, prefix: str, **params) -> dict:
    query = "&".join([f"prefix={quote(prefix)}"] + [f"{k}={v}" for k, v in params.items()])
    response = client.get(f"/api/terms?{query}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.data)


def test_english_prefix(client) -> None:
    assert terms(client, "Depl") == {"prefix": "Depl", "matched": "Depl", "terms": [
        {**DEPLOYMENT, "label": "Deployment", "lang": "en", "kind": "prefLabel", "matched": "Deployment"}]}


def test_chinese_tail_of_a_question(client) -> None:
    data = terms(client, "什么是副本")
    assert data["matched"] == "副本"
    assert [(t["key"], t["label"], t["lang"]) for t in data["terms"]] == [("ReplicaSet", "副本集", "zh")]


def test_alias_and_misspelling_show_the_concept(client) -> None:
    assert [(t["key"], t["label"], t["kind"], t["matched"]) for t in terms(client, "what is r")["terms"]] == []
    rs = terms(client, "what is rs")["terms"]
    assert [(t["key"], t["label"], t["kind"], t["matched"]) for t in rs] == [("ReplicaSet", "RS", "altLabel", "RS")]
    typo = terms(client, "deploymn")["terms"]
    assert [(t["key"], t["label"], t["kind"], t["matched"]) for t in typo] == [
        ("Deployment", "Deployment", "hiddenLabel", "Deploymnet")]


def test_case_width_and_ranking(client) -> None:
    # "deploy" is both an alias (exact) and the start of the preferred label: one entry, the exact one.
    data = terms(client, "ＤＥＰＬＯＹ")
    assert [(t["key"], t["label"], t["kind"]) for t in data["terms"]] == [("Deployment", "deploy", "altLabel")]
    assert [t["key"] for t in terms(client, "s")["terms"]] == []  # one Latin letter completes nothing
    assert [t["key"] for t in terms(client, "se")["terms"]] == ["Service"]


def test_limit_and_nothing_to_complete(client) -> None:
    assert terms(client, "服") ["terms"][0]["label"] == "服务"
    assert terms(client, "Pod ") == {"prefix": "Pod ", "matched": "", "terms": []}
    assert terms(client, "") == {"prefix": "", "matched": "", "terms": []}
    assert terms(client, "zzz") == {"prefix": "zzz", "matched": "", "terms": []}


@pytest.mark.parametrize("limit", ["0", "51", "x", "-1", "2.5", "²", "١٢"])
def test_bad_limit_is_400(client, limit: str) -> None:
    response = client.get(f"/api/terms?prefix=a&limit={limit}")
    assert response.status_code == 400
    assert json.loads(response.data)["message"] == f"limit must be an integer from 1 to 50, not {limit!r}"
