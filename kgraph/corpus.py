"""Read the corpus folder into decoded notes: the only module that touches the corpus on disk.

In: a folder of notes (``*.md``, ``*.markdown``, ``*.txt``, recursively; hidden files and folders
skipped; symlinked files read, symlinked folders not followed), or one file's path and bytes.
Out: ``Note`` values (sorted by path) and ``Problem`` values naming the file and line. Must not:
parse passages (that is ``kgraph.parse``), stop on one bad file.

Decoding: a UTF-8 (or UTF-16) byte-order mark decides; otherwise strict UTF-8; only when that fails
is the encoding detected with charset-normalizer among GB18030 (a superset of GBK/GB2312) and Big5,
then Windows-1252 as a last resort. NUL bytes mean a binary file. CRLF and lone CR become ``\\n``,
so the text has exactly the file's lines. The text keeps the front matter, so line numbers stay
those of the file.

Front matter is found with the same mdit-py-plugins ``front_matter`` rule that ``kgraph.parse``
uses, so both agree on which lines it takes, and read with PyYAML ``safe_load``: ``title`` (any
scalar), ``tags`` (a list, or one string split at commas), ``date`` (ISO string), and the fields of
a glossary page as kubernetes.io writes them: ``id``, ``aka``, ``short_description``, ``full_link``.
Malformed front matter is a warning on its line and the note still loads. The title is the front
matter's, else the first heading's text, else the file stem.

A note's language is its path's language folder (``zh-cn/``, ``zh/``, ``en/`` … as docs sites lay
out translations), else the language most of its text is in.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from kgraph.errors import NotFound
from kgraph.model import Note, Problem
from kgraph.text import detect_lang

NOTE_SUFFIXES = (".md", ".markdown", ".txt")
_CHINESE_CODECS = ["gb18030", "big5"]
_LAST_RESORT_CODECS = ["cp1252"]
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_FRONT_MATTER_LINES = 40  # read first: most front matter is shorter; a longer one is read again
LANGUAGE_FOLDERS = {"zh": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-tw": "zh", "zh-hant": "zh", "en": "en", "en-us": "en"}


@dataclass(frozen=True)
class CorpusRead:
    """Every note that could be read, and a problem for every file or line that could not."""

    notes: tuple[Note, ...]  # sorted by path
    problems: tuple[Problem, ...]  # sorted by path, then line


class _Undecodable(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


Loader = Callable[[str, bytes], tuple[Note | None, tuple[Problem, ...]]]  # load_note, or one that remembers it


def read_corpus(root: Path, load: Loader | None = None) -> CorpusRead:
    """All notes under ``root``; a missing folder raises ``NotFound``, a bad file is a problem.
    ``load`` decodes one file (default ``load_note``; the build passes one backed by its cache)."""
    load = load or load_note
    if not root.is_dir():
        raise NotFound(f"corpus folder not found: {root}")
    notes: list[Note] = []
    problems: list[Problem] = []
    for path in _note_files(root, problems):
        rel = path.relative_to(root).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as err:
            problems.append(Problem(rel, f"cannot read file: {err.strerror or err}", severity="error", kind="decode"))
            continue
        note, found = load(rel, raw)
        notes.extend([note] if note else [])
        problems.extend(found)
    notes.sort(key=lambda n: n.path)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return CorpusRead(tuple(notes), tuple(problems))


def _note_files(root: Path, problems: list[Problem]) -> list[Path]:
    """Note files under ``root``, hidden ones and those in hidden folders left out."""

    def unlistable(err: OSError) -> None:
        rel = Path(err.filename).relative_to(root).as_posix() if err.filename else "."
        problems.append(Problem(rel, f"cannot list folder: {err.strerror or err}", severity="error", kind="decode"))

    found = []
    for folder, dirs, files in os.walk(root, onerror=unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and name.lower().endswith(NOTE_SUFFIXES):
                found.append(Path(folder, name))
    return found


def decode_note(path: str, raw: bytes) -> Note | Problem:
    """The note in ``raw`` (``path`` is corpus-relative), or the error that keeps it out. Pure."""
    note, problems = load_note(path, raw)
    if note is not None:
        return note
    return problems[0]


def load_note(path: str, raw: bytes) -> tuple[Note | None, tuple[Problem, ...]]:
    """The note in ``raw`` (or None) and every problem found on the way (front matter warnings)."""
    try:
        text, encoding = _decode(raw)
    except _Undecodable as err:
        return None, (Problem(path, str(err), line=err.line, severity="error", kind="decode"),)
    tokens = _markdown().parse(_head(text, _FRONT_MATTER_LINES))
    meta, lines, problems = _front_matter(path, tokens)
    title = _scalar(meta.get("title"))
    if not title:  # no front matter (or one longer than the head read), or no title in it
        tokens = _markdown().parse(_head(text))
        meta, lines, problems = _front_matter(path, tokens)
        title = _scalar(meta.get("title")) or _first_heading(tokens) or Path(path).stem
    note = Note(
        path=path,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        title=title,
        tags=_tags(meta.get("tags")),
        date=_scalar(meta.get("date")),
        front_matter_lines=lines,
        lang=language_of(path, text),
        term_id=_scalar(meta.get("id")),
        aka=_tags(meta.get("aka")),
        summary=_scalar(meta.get("short_description")),
        full_link=_scalar(meta.get("full_link")),
    )
    return note, problems


def language_of(path: str, text: str) -> str:
    """``zh`` or ``en``: the first language folder of ``path``, else the language of ``text``."""
    for part in Path(path).parts[:-1]:
        lang = LANGUAGE_FOLDERS.get(part.lower())
        if lang:
            return lang
    return detect_lang(text[:4000])


def _head(text: str, lines: int = 200) -> str:
    """The top of a note: enough for its front matter and first heading, without parsing it all
    (the parser stage parses the whole note once)."""
    cut = -1
    for _ in range(lines):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            return text
    return text[:cut + 1]


def _decode(raw: bytes) -> tuple[str, str]:
    """``(text, encoding)`` with ``\\n`` line ends and no BOM; raises ``_Undecodable``."""
    if raw.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(raw, "utf-8-sig"), "utf-8-sig"
    elif raw.startswith(_UTF16_BOMS):
        text, encoding = _strict(raw, "utf-16"), "utf-16"
    elif b"\x00" in raw:
        raise _Undecodable("binary file (contains NUL bytes), not a text note", _line_at(raw, raw.index(0)))
    else:
        text, encoding = _utf8_or_detected(raw)
    if "\x00" in text:
        raise _Undecodable("binary file (contains NUL characters), not a text note")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _strict(raw: bytes, codec: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as err:
        raise _Undecodable(f"has a {codec} byte-order mark but is not valid {codec}: {err.reason}") from None


def _utf8_or_detected(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        bad = err
    for candidates in (_CHINESE_CODECS, _LAST_RESORT_CODECS):
        found = _detect(raw, candidates)
        if found:
            return found
    raise _Undecodable(
        f"cannot decode: byte 0x{raw[bad.start]:02x} at offset {bad.start} is not UTF-8, "
        "and the file is not GB18030, Big5 or Windows-1252 text either",
        _line_at(raw, bad.start),
    )


def _detect(raw: bytes, candidates: list[str]) -> tuple[str, str] | None:
    """Decode with the codec charset-normalizer finds best among ``candidates``, if any fits."""
    best = from_bytes(raw, cp_isolation=candidates).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name
    codec = "gb18030" if codec in ("gbk", "gb2312") else codec
    if codec not in candidates:
        return None
    try:
        return raw.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _line_at(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _front_matter(path: str, tokens: list[Token]) -> tuple[dict[str, Any], int, tuple[Problem, ...]]:
    """``(fields, lines taken, warnings)`` of the YAML front matter token, if the note has one."""
    token = tokens[0] if tokens and tokens[0].type == "front_matter" else None
    if token is None or token.map is None:
        return {}, 0, ()
    lines = token.map[1] - token.map[0]
    try:
        data = yaml.safe_load(token.content)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 2 if mark else 1  # content starts on the file's second line
        return {}, lines, (Problem(path, f"malformed front matter: {err.problem or err}", line=line, kind="front-matter"),)
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        return {}, lines, (Problem(path, f"malformed front matter: {err}", line=1, kind="front-matter"),)
    if data is None:
        return {}, lines, ()
    if not isinstance(data, dict):
        return {}, lines, (Problem(path, "front matter is not a YAML mapping", line=1, kind="front-matter"),)
    return data, lines, ()


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").use(front_matter_plugin)


def _first_heading(tokens: list[Token]) -> str:
    """Plain text of the first heading (markup dropped, trailing colon stripped), or ``""``."""
    for i, token in enumerate(tokens[:-1]):
        if token.type == "heading_open":
            children = tokens[i + 1].children or []
            plain = "".join(c.content for c in children if c.type in ("text", "code_inline"))
            return plain.strip().rstrip(":：").strip()
    return ""


def _scalar(value: Any) -> str | None:
    """A front matter scalar as a string (dates as ISO), or None for missing, empty or non-scalar."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _tags(value: Any) -> tuple[str, ...]:
    """``tags`` as given: a list of scalars, or one string of comma-separated tags."""
    if isinstance(value, str):
        value = value.replace("，", ",").split(",")
    if not isinstance(value, list):
        return ()
    tags = (_scalar(v) for v in value)
    return tuple(dict.fromkeys(t for t in tags if t))
