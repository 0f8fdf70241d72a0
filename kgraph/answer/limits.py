"""What a question or search text may be, checked before anything is looked up.

In: the text as received and the name of the parameter it came in (``q`` over HTTP, ``QUESTION``
on the command line), so the message names what to fix. Out: the text with its line breaks and
tabs made spaces, or ``BadRequest``. Must not: know HTTP or click.
"""
from __future__ import annotations

import unicodedata

from kgraph.errors import BadRequest

MAX_CHARS = 500
_SPACES = {"\t": " ", "\n": " ", "\r": " "}


def check_text(text: str | None, name: str = "q") -> str:
    """``text`` cleaned, or ``BadRequest`` if it is missing, blank, too long or has control characters."""
    if text is None:
        raise BadRequest(f"missing parameter {name}: give the question or search text", details={"parameter": name})
    if len(text) > MAX_CHARS:
        raise BadRequest(
            f"parameter {name} is {len(text)} characters long; at most {MAX_CHARS} are accepted",
            details={"parameter": name, "max_chars": MAX_CHARS},
        )
    bad = next((ch for ch in text if _is_control(ch)), None)
    if bad is not None:
        raise BadRequest(
            f"parameter {name} contains the control character U+{ord(bad):04X}",
            details={"parameter": name},
        )
    cleaned = "".join(_SPACES.get(ch, ch) for ch in text).strip()
    if not cleaned:
        raise BadRequest(f"parameter {name} is empty: give the question or search text", details={"parameter": name})
    return cleaned


def _is_control(ch: str) -> bool:
    """C0/C1 controls and unpaired surrogates; tab and line breaks are only white space."""
    if ch in _SPACES:
        return False
    category = unicodedata.category(ch)
    return category in ("Cc", "Cs")
