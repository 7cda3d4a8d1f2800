"""Text normalisation for comparing renderings, and word-level redlines.

Two renderings of one document differ in quote styles, dashes, bullets, whitespace, soft hyphens
and characters a PDF extraction loses (cliënt/client). `norm` removes what is never meaningful;
`fold` also drops case and diacritics, so two texts equal under `fold` are the same text.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Texts are folded over and over while pairs are scored; a diff of two 100-page documents folds a
# few thousand distinct strings.
CACHE_SIZE = 65536
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)
_DASHES = re.compile(r"[‐‑‒–—―]")
_BULLET = re.compile(r"^\s*(?:[•·▪●◦○■□➢►*-]|o(?=\s))\s+")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)])")
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


# A table-of-contents entry ends in dot leaders and a page number; the number is layout.
_TOC_PAGE = re.compile(r"\s*(?:\.{2,}|…)\s*\d{1,4}\s*$")
# A section number in front of a heading is numbering, like a footnote number ("3.2 Toegang").
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\s?\.\s?\d{1,2})*\.?\s+(?=[^\W\d])")


@lru_cache(maxsize=CACHE_SIZE)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\ufffe", "")
    text = _DASHES.sub("-", text.translate(_QUOTES))
    text = _BULLET.sub("", text)
    text = _TOC_PAGE.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCT.sub(r"\1", text)


_NON_WORD = re.compile(r"[^\w%€]+", re.UNICODE)


@lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Words only: case, diacritics, punctuation and hyphenation are not what a reviewer reads as a
    change ("medisch-specialistische" / "medisch specialistische", "IZA-traject" / "IZA traject")."""
    decomposed = unicodedata.normalize("NFKD", _SECTION_NUMBER.sub("", norm(text)).lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()


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


_GLUE = re.compile(r"\s*([&/])\s*|(?<=\w)\s+(-)\s+(?=\w)|([(\[])\s+")


def _join(words: list[str]) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(words))
    return _GLUE.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
