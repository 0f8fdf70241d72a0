"""English verb forms of the relation words, so one label in the ontology covers every tense.

In: a relation word as the ontology writes it ("manages", "runs on", "binds to"). Out: its forms:
``active`` (3rd person, base and past: manages / manage / managed), ``third_person`` (manages),
``participle`` (managed) and
``gerund`` (managing), the rest of a phrase kept ("ran on", "bound to"). Chinese words have no
forms and come back as they are. Must not: know about rules or sentences.

Regular English spelling rules, and a short table of the irregular and consonant-doubling verbs
that relation words use (run, bind, keep, control, repel …).
"""
from __future__ import annotations

from functools import lru_cache

# base -> (past, participle, gerund)
_IRREGULAR = {
    "run": ("ran", "run", "running"), "bind": ("bound", "bound", "binding"), "keep": ("kept", "kept", "keeping"),
    "hold": ("held", "held", "holding"), "get": ("got", "got", "getting"), "set": ("set", "set", "setting"),
    "put": ("put", "put", "putting"), "control": ("controlled", "controlled", "controlling"),
    "repel": ("repelled", "repelled", "repelling"), "have": ("had", "had", "having"), "be": ("was", "been", "being"),
    "split": ("split", "split", "splitting"), "spin": ("spun", "spun", "spinning"),
}
_SIBILANT = ("s", "sh", "ch", "x", "z", "o")


_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "can", "may", "must"})


@lru_cache(maxsize=4096)
def base_form(word: str) -> str:
    """'manages' -> 'manage', 'proxies' -> 'proxy', 'watches' -> 'watch', 'exposes' -> 'expose'."""
    w = word.lower()
    if w in _IRREGULAR or not w.isalpha() or len(w) <= 3 and not w.endswith("s"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "oes", "sses", "zzes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _third(base: str) -> str:
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + ("es" if base.endswith(_SIBILANT) else "s")


def _past(base: str) -> str:
    if base in _IRREGULAR:
        return _IRREGULAR[base][0]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def _participle(base: str) -> str:
    return _IRREGULAR[base][1] if base in _IRREGULAR else _past(base)


def _gerund(base: str) -> str:
    if base in _IRREGULAR:
        return _IRREGULAR[base][2]
    if base.endswith("e") and not base.endswith(("ee", "ye")):
        return base[:-1] + "ing"
    return base + "ing"


def _phrase(word: str, form) -> str:
    first, _, rest = word.partition(" ")
    if not first.isascii() or not first.isalpha() or first.lower() in _AUXILIARIES:
        return word
    inflected = form(base_form(first))
    return f"{inflected} {rest}" if rest else inflected


def active(word: str) -> tuple[str, ...]:
    """The finite forms a sentence uses the word in: 'manages', 'manage', 'managed'."""
    if not word.isascii():
        return (word,)
    return tuple(dict.fromkeys((word, _phrase(word, _third), _phrase(word, lambda b: b), _phrase(word, _past))))


def third_person(word: str) -> tuple[str, ...]:
    """The 3rd-person singular only ('manages', 'runs on'): a clause that continues a named subject,
    never an imperative ('Use a Service …')."""
    return (word,) if not word.isascii() else (_phrase(word, _third),)


def participle(word: str) -> tuple[str, ...]:
    return (word,) if not word.isascii() else (_phrase(word, _participle),)


def gerund(word: str) -> tuple[str, ...]:
    return (word,) if not word.isascii() else (_phrase(word, _gerund),)
