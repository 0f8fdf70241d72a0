"""The question vocabulary: templates of question types and the small word lists around them.

In: ``ontology/questions.yaml`` (its header documents the template language). Out: a frozen
``Vocabulary`` with compiled templates, stop words, wh words, passive markers, contrast words,
class words and the everyday-word translations (both directions). Relation words are not here:
they come from the ontology (``Relation.labels``). Must not: know concepts or the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kgraph.answer.judge import JudgePolicy
from kgraph.tokenize import fold_text, stem
from kgraph.errors import OntologyError

QUESTIONS_FILE = "questions.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster at start-up
MENTION_BASE = 0xE000  # mention i of a question is masked as chr(MENTION_BASE + i)
MAX_MENTIONS = 256
MENTION = f"[\\u{MENTION_BASE:04x}-\\u{MENTION_BASE + MAX_MENTIONS - 1:04x}]"
LANGS = ("zh", "en")


def mention_char(i: int) -> str:
    return chr(MENTION_BASE + i)


def mention_index(ch: str) -> int | None:
    i = ord(ch) - MENTION_BASE
    return i if 0 <= i < MAX_MENTIONS else None


@dataclass(frozen=True)
class Template:
    kind: str  # difference, relationship, composition, list, definition
    lang: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Vocabulary:
    templates: tuple[Template, ...]
    slot_fillers: dict[str, frozenset[str]]
    slot_joiners: dict[str, tuple[str, ...]]
    wh_words: dict[str, tuple[str, ...]]
    passive_markers: dict[str, tuple[str, ...]]
    yes_no: dict[str, tuple[re.Pattern, ...]]
    stopwords: frozenset[str]
    question_words: frozenset[str]  # words framing a question (什么, 关系, difference): search ignores them too
    contrast_words: frozenset[str]
    weak_contrast_words: frozenset[str]
    list_cues: frozenset[str]
    purpose_markers: tuple[re.Pattern, ...]
    purpose_words: frozenset[str]
    connectives: tuple[str, ...]
    pointers: tuple[str, ...]  # words opening a sentence that only points elsewhere (进一步阅读, see)
    defining: dict[str, dict[str, tuple[str, ...]]]  # naming / describing -> per language: words after a subject
    how_to: tuple[re.Pattern, ...]
    template_words: frozenset[str]  # the English words the templates spell out ("role", "types" …)
    class_words: dict[str, tuple[str, ...]]  # ontology class -> folded words naming it
    translations: dict[str, tuple[str, ...]]  # folded word -> its equivalents in the other language
    fallback_relations: dict[str, tuple[str, ...]]  # relation -> relations to try when it has no facts
    composition: dict[str, tuple[str, ...]]  # "forward" / "inverse" -> relations naming parts
    judge: JudgePolicy  # when a draft answers (``judge``)

    def templates_for(self, lang: str) -> list[Template]:
        """Templates of ``lang`` first, then the other language's (mixed-language questions)."""
        return [t for t in self.templates if t.lang == lang] + [t for t in self.templates if t.lang != lang]

    def asks_how(self, text: str) -> bool:
        return any(p.search(text) for p in self.how_to)

    def asks_purpose(self, text: str) -> bool:
        return any(p.search(text) for p in self.purpose_markers)

    def is_yes_no(self, text: str, lang: str) -> bool:
        return any(p.search(text) for p in self.yes_no.get(lang, ()))


def load_vocabulary(ontology_dir: Path) -> Vocabulary:
    """The vocabulary of ``<ontology_dir>/questions.yaml``; ``OntologyError`` naming the file if bad."""
    path = Path(ontology_dir) / QUESTIONS_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        return Vocabulary(templates=_templates(data, path), **_words(data), **_patterns(data), **_rules(data))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as error:
        raise OntologyError(f"{path}: cannot read the question vocabulary: {error!r}") from error


def _words(data: dict) -> dict:
    return {
        "slot_fillers": {lang: frozenset(_folded(words)) for lang, words in data["slot_fillers"].items()},
        "slot_joiners": {lang: tuple(_folded(words)) for lang, words in data["slot_joiners"].items()},
        "wh_words": _per_lang(data["wh_words"]),
        "passive_markers": _per_lang(data["passive_markers"]),
        "stopwords": _all(data["stopwords"]),
        "question_words": _all(data["question_words"]),
        "contrast_words": _all(data["contrast_words"]),
        "weak_contrast_words": _all(data["weak_contrast_words"]),
        "list_cues": _all(data["list_cues"]),
        "purpose_words": frozenset(_folded(data["purpose"]["words"])),
        "connectives": tuple(sorted(_all(data["connectives"]), key=len, reverse=True)),
        "pointers": tuple(sorted(_all(data["pointers"]), key=len, reverse=True)),
        "defining": {tier: _per_lang(words) for tier, words in data["defining"].items()},
        "class_words": {name: tuple(_folded(w for ws in langs.values() for w in ws)) for name, langs in data["class_words"].items()},
        "translations": _translations(data["translations"]),
    }


def _patterns(data: dict) -> dict:
    return {
        "yes_no": {lang: tuple(re.compile(p, re.I) for p in ps) for lang, ps in data["yes_no"].items()},
        "purpose_markers": tuple(re.compile(p, re.I) for p in data["purpose"]["markers"]),
        "how_to": tuple(re.compile(p, re.I) for ps in data["how_to"].values() for p in ps),
        "template_words": frozenset(w for langs in data["types"].values() for ps in langs.values()
                                    for p in ps for w in re.findall(r"[a-z]{3,}", re.sub(r"\{\w+\}", " ", p))),
    }


def _rules(data: dict) -> dict:
    return {
        "fallback_relations": {k: tuple(v) for k, v in (data.get("fallback_relations") or {}).items()},
        "composition": {k: tuple(v) for k, v in (data.get("composition") or {}).items()},
        "judge": JudgePolicy.from_data(data["judge"]),
    }


def _folded(words) -> list[str]:
    return [fold_text(str(w)) for w in words]


def _all(data: dict) -> frozenset[str]:
    """The words of every language in one set."""
    return frozenset(w for words in data.values() for w in _folded(words))


def _per_lang(data: dict) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(_folded(data.get(lang) or ())) for lang in LANGS}


def _templates(data: dict, path: Path) -> tuple[Template, ...]:
    pieces = {
        lang: {
            "CTX": data["context"].get(lang, ""),
            "TAIL": data["tail"].get(lang, ""),
            "Z": data["any_subject"].get(lang, "(?:.+?)"),
        }
        for lang in LANGS
    }
    templates = []
    for kind, langs in data["types"].items():
        for lang, patterns in langs.items():
            for pattern in patterns:
                templates.append(Template(kind, lang, _compile(pattern, pieces[lang], path)))
    return tuple(templates)


def _compile(pattern: str, pieces: dict[str, str], path: Path) -> re.Pattern:
    text = pattern
    for name, piece in pieces.items():
        text = text.replace("{" + name + "}", piece)
    text = text.replace("{M}", MENTION)
    for slot in ("X", "Y"):
        text = text.replace("{" + slot + "}", f"(?P<{slot}>.+?)")
    try:
        return re.compile(text, re.I)
    except re.error as error:
        raise OntologyError(f"{path}: bad question template {pattern!r}: {error}") from error


def _translations(data: dict) -> dict[str, tuple[str, ...]]:
    """Each word with its equivalents, both ways (存储 -> storage, store); English words are also
    found by their stem (addresses -> address -> 地址)."""
    table: dict[str, list[str]] = {}
    for word, equivalents in data.items():
        word = fold_text(str(word))
        for other in _folded(equivalents):
            for key, value in ((word, other), (other, word)):
                table.setdefault(key, []).append(value)
                if key.isascii():
                    table.setdefault(stem(key), []).append(value)
    return {word: tuple(dict.fromkeys(others)) for word, others in table.items()}
