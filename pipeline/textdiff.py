"""Text normalisation for comparing renderings, and word-level redlines.

Two renderings of one document differ in quote styles, dashes, bullets, whitespace, soft hyphens
and characters a PDF extraction loses (cliënt/client). `norm` removes what is never meaningful;
`fold` also drops case and diacritics, so two texts equal under `fold` are the same text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from rapidfuzz import fuzz

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)
_DASHES = re.compile(r"[‐‑‒–—―]")
_BULLET = re.compile(r"^\s*[•·▪●◦○■□➢►*-]\s+")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)])")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\ufffe", "")
    text = _DASHES.sub("-", text.translate(_QUOTES))
    text = _BULLET.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", norm(text).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two texts after folding (order-sensitive)."""
    if not a and not b:
        return 1.0
    return fuzz.ratio(fold(a), fold(b)) / 100


def overlap(a: str, b: str) -> float:
    """0..1 similarity that tolerates reordering and one text containing the other's words."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    return fuzz.token_set_ratio(fold(a), fold(b)) / 100


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(norm(text))


def redline_segments(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert, at word level on normalised text."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[t.lower() for t in a], b=[t.lower() for t in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", _join(b[j1:j2])))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", _join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", _join(b[j1:j2])))
    return out


def redline(old: str, new: str) -> str:
    """A plain-text redline: [-removed words-]{+added words+}."""
    parts = []
    for op, text in redline_segments(old, new):
        if op == "equal":
            parts.append(text)
        elif op == "delete":
            parts.append(f"[-{text}-]")
        else:
            parts.append(f"{{+{text}+}}")
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(parts))


def _join(words: list[str]) -> str:
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(words))
