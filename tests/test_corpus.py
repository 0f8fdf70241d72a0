"""Tests for kgraph.corpus: reading the folder, decoding, front matter, titles, problems."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.corpus import decode_note, load_note, read_corpus
from kgraph.errors import NotFound
from kgraph.model import Note, Problem
from kgraph.text import split_lines

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

GBK_TEXT = "# 控制器\n\nDeployment 管理 ReplicaSet，ReplicaSet 管理 Pod。副本集控制器确保指定数量的 Pod 在运行。\n"
BIG5_TEXT = "# 控制器\n\nDeployment 管理 ReplicaSet，ReplicaSet 管理 Pod。副本集控制器確保指定數量的 Pod 在執行。\n"
UNDECODABLE = b"# ok\n\n\x81\x8d\x8f\x90\x9d\xff\xff\n"


def note(raw: bytes, path: str = "n.md") -> Note:
    result = decode_note(path, raw)
    assert isinstance(result, Note), result
    return result


# --- the real corpus -------------------------------------------------------------------------


def test_real_corpus_reads_every_note_without_problems() -> None:
    read = read_corpus(CORPUS)
    assert [n.path for n in read.notes] == [
        "000_b4841ad40d62e92a.md",
        "001_fd38ff0f8ae72d38.md",
        "002_619db85eefd09656.md",
        "003_39f8276f66997fbe.md",
        "004_67691ae25526bf00.md",
    ]
    assert read.problems == ()
    assert [len(split_lines(n.text)) for n in read.notes] == [268, 120, 150, 250, 128]
    assert {n.encoding for n in read.notes} == {"utf-8"}


def test_real_corpus_metadata() -> None:
    notes = {n.path: n for n in read_corpus(CORPUS).notes}
    fm = notes["004_67691ae25526bf00.md"]
    assert (fm.title, fm.tags, fm.date, fm.front_matter_lines) == ("k8s实践与总结-1(pod)", ("k8s",), "2023-06-23", 16)
    assert fm.text.startswith("---\nauthor:")  # front matter kept: line numbers stay true
    assert notes["002_619db85eefd09656.md"].title == "1. 核心组件原理 —— pod 核心原理"
    assert notes["003_39f8276f66997fbe.md"].title == "Pod控制器"
    raw = (CORPUS / "000_b4841ad40d62e92a.md").read_bytes()
    assert notes["000_b4841ad40d62e92a.md"].sha256 == hashlib.sha256(raw).hexdigest()


# --- folder walking and per-file problems ----------------------------------------------------


def test_read_corpus_walks_recursively_skips_hidden_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "a.markdown").write_text("text\n", encoding="utf-8")
    (tmp_path / "notes.TXT").write_text("plain\n", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("# hidden\n", encoding="utf-8")
    (tmp_path / ".git" / "x.md").write_text("# git\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "binary.md").write_bytes(b"# title\n\x00\x01\x02")
    (tmp_path / "bad.md").write_bytes(UNDECODABLE)
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing-target.md")

    read = read_corpus(tmp_path)

    assert [n.path for n in read.notes] == ["b.md", "notes.TXT", "sub/deeper/a.markdown"]
    assert [(p.path, p.line, p.severity) for p in read.problems] == [
        ("bad.md", 3, "error"),
        ("binary.md", 2, "error"),
        ("gone.md", None, "error"),
    ]
    assert "not UTF-8" in read.problems[0].message
    assert "binary" in read.problems[1].message
    assert "cannot read file" in read.problems[2].message


def test_read_corpus_missing_folder_raises_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="corpus folder not found"):
        read_corpus(tmp_path / "nope")


# --- decoding --------------------------------------------------------------------------------


def test_utf8_with_bom() -> None:
    n = note(b"\xef\xbb\xbf# T\nbody\n")
    assert (n.encoding, n.text, n.title) == ("utf-8-sig", "# T\nbody\n", "T")


def test_crlf_and_lone_cr_keep_the_line_count() -> None:
    raw = b"# T\r\n\r\nline one\rline two\r\n"
    n = note(raw)
    assert n.text == "# T\n\nline one\nline two\n"
    assert len(split_lines(n.text)) == 4
    assert n.sha256 == hashlib.sha256(raw).hexdigest()


def test_gbk_note_decodes_as_gb18030() -> None:
    n = note(GBK_TEXT.encode("gbk"), "gbk.md")
    assert (n.encoding, n.text, n.title) == ("gb18030", GBK_TEXT, "控制器")


def test_big5_note_decodes() -> None:
    n = note(BIG5_TEXT.encode("big5"), "big5.md")
    assert (n.encoding, n.text) == ("big5", BIG5_TEXT)


def test_utf16_with_bom_decodes() -> None:
    n = note("# 标题\n正文\n".encode("utf-16"))
    assert (n.encoding, n.text) == ("utf-16", "# 标题\n正文\n")


def test_binary_file_is_an_error_naming_path_and_line() -> None:
    problem = decode_note("img/x.md", b"line one\nline two \x00\x00")
    assert problem == Problem("img/x.md", "binary file (contains NUL bytes), not a text note", line=2, severity="error", kind="decode")


def test_undecodable_file_is_an_error_naming_the_byte() -> None:
    problem = decode_note("bad.md", UNDECODABLE)
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line, problem.severity) == ("bad.md", 3, "error")
    assert problem.message.startswith("cannot decode: byte 0x81 at offset 6 is not UTF-8")


def test_invalid_utf8_after_bom_is_an_error() -> None:
    problem = decode_note("x.md", b"\xef\xbb\xbfok \xff\n")
    assert isinstance(problem, Problem) and problem.severity == "error"
    assert "utf-8-sig" in problem.message


# --- front matter and titles -----------------------------------------------------------------


def test_front_matter_fields() -> None:
    raw = "---\ntitle: 标题\ntags: k8s, pod，控制器\ndate: 2023-06-23 10:20:30\n---\n# Heading\n".encode()
    n = note(raw)
    assert (n.title, n.tags, n.date, n.front_matter_lines) == ("标题", ("k8s", "pod", "控制器"), "2023-06-23T10:20:30", 5)


def test_front_matter_list_tags_and_numeric_title() -> None:
    n = note(b"---\ntitle: 2023\ntags:\n- a\n- 7\n- a\n---\n")
    assert (n.title, n.tags, n.date) == ("2023", ("a", "7"), None)


def test_malformed_front_matter_is_a_warning_with_line_and_note_still_loads() -> None:
    raw = "---\ntitle: 好\ntags: [a, b\n---\n# 回退标题\n".encode()
    loaded, problems = load_note("fm.md", raw)
    assert loaded is not None
    assert (loaded.title, loaded.front_matter_lines, loaded.tags) == ("回退标题", 4, ())
    assert [(p.path, p.line, p.severity) for p in problems] == [("fm.md", 3, "warning")]
    assert problems[0].message.startswith("malformed front matter")


def test_front_matter_that_is_not_a_mapping_is_a_warning() -> None:
    loaded, problems = load_note("fm.md", b"---\n- a\n- b\n---\ntext\n")
    assert loaded is not None and loaded.title == "fm"
    assert problems == (Problem("fm.md", "front matter is not a YAML mapping", line=1, kind="front-matter"),)


def test_impossible_date_is_a_warning() -> None:
    loaded, problems = load_note("d.md", b"---\ndate: 2023-13-45\n---\n")
    assert loaded is not None and loaded.date is None
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]


def test_title_falls_back_to_first_heading_then_stem() -> None:
    assert note(b"intro\n\n## **Pod** `x`:\n# Later\n").title == "Pod x"
    assert note(b"no heading here\n", "dir/my-note.md").title == "my-note"


def test_unclosed_front_matter_is_not_front_matter() -> None:
    n = note(b"---\ntitle: x\n")
    assert (n.front_matter_lines, n.title) == (0, "n")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_decode_note_never_raises(raw: bytes) -> None:
    result = decode_note("x.md", raw)
    assert isinstance(result, (Note, Problem))
    if isinstance(result, Note) and result.encoding != "utf-16":  # ASCII-compatible: same line ends
        line_ends = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
        assert (result.text.count("\n"), result.text.count("\r")) == (line_ends, 0)
    elif isinstance(result, Problem):
        assert result.path == "x.md" and result.severity == "error"


LINE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00\ufeff")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(LINE_CHARS, max_size=20), max_size=8),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_line_count_survives_any_line_ending(lines: list[str], newline: str) -> None:
    raw = newline.join(lines).encode("utf-8")
    n = note(raw)
    assert n.text.split("\n") == (newline.join(lines)).split(newline)
