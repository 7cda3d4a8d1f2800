"""Line-level helpers shared by the plain-text readers: list markers, headings, glued footnote marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemas import Block, BlockKind, FootnoteRef

# Bullet glyphs seen in exports: "•" (tkconv, PDF), "·" (docx export), "-", "–", "▪", "o".
_BULLET = r"[•·\-–▪●◦○■□➢►*]|o(?=\s)"
# Numbered markers: "1.", "1)", "a.", "a)", "(a)", "iv.", "3.1" is a heading number, not a marker.
_NUMBER = r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]"
BULLET_RE = re.compile(rf"^\s*({_BULLET})\s+(?=\S)")
NUMBER_MARKER_RE = re.compile(rf"^\s*({_NUMBER})\s+(?=\S)")
# Both in one pass. A marker can only stand after all the leading space, and no number marker starts
# with a bullet glyph that is followed by space, so this finds the bullet when BULLET_RE does and
# the number when only NUMBER_MARKER_RE does.
_LIST_MARKER_RE = re.compile(rf"^\s*(?:({_BULLET})|({_NUMBER}))\s+(?=\S)")
SECTION_NUMBER_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}\.)\s+\S")
AGREEMENT_CODE_RE = re.compile(r"^\s*\[?[A-Z]\d{1,2}[a-z]?\]\s+\S")
TERMINAL_PUNCT = (".", ",", ";", ":", "!")
NORMALISED_BULLET = "•"

# A heading is short; longest real headings in the corpus are about 100 characters.
MAX_HEADING_CHARS = 110
MAX_HEADING_WORDS = 16


def bullet_marker(line: str) -> tuple[str, str] | None:
    """(marker, rest) when the line starts with a bullet glyph; the glyph is normalised to '•'."""
    m = BULLET_RE.match(line)
    if not m:
        return None
    return NORMALISED_BULLET, line[m.end() :]


def number_marker(line: str) -> tuple[str, str] | None:
    m = NUMBER_MARKER_RE.match(line)
    if not m:
        return None
    return m.group(1), line[m.end() :]


def list_marker(line: str) -> tuple[str, str] | None:
    """`bullet_marker(line) or number_marker(line)`, with one regex match instead of two."""
    m = _LIST_MARKER_RE.match(line)
    if not m:
        return None
    return NORMALISED_BULLET if m.group(1) is not None else m.group(2), line[m.end() :]


def looks_like_heading(line: str) -> bool:
    """A short standalone line without sentence punctuation at its end, starting like a title."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if text.endswith(TERMINAL_PUNCT) and not text.endswith("..."):
        return False
    if text.endswith("?") and len(text) > 60:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "[‘'“\""):
        return False
    if text.startswith(("http://", "https://", "www.")):
        return False
    # A line that is mostly digits, amounts or symbols (table rows, page numbers) is not a title.
    letters = sum(map(str.isalpha, text))  # (in C: 3x faster than a generator over the chars)
    return letters >= max(3, len(text) // 3)


def heading_level(text: str) -> int:
    """Outline level from a printed section number ("3." -> 1, "3.1" -> 2); 2 when unnumbered."""
    m = SECTION_NUMBER_RE.match(text)
    if m:
        return m.group(1).rstrip(".").count(".") + 1
    return 2


# --- glued footnote marks -------------------------------------------------------------------------

# Short upper-case codes that end in a digit are not words with a mark: Q1, A1, H2, C3, B12.
_CODE_WORD = re.compile(r"(?:^|[^\w])([A-Z]{1,2}|[A-Z]\d?)$")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d\d$")
_ALLOWED_BEFORE = set(").,’”\"'»:;") | {"%"}
_ALLOWED_AFTER = set(" \t.,;:)-–’”\"'\n") | {""}
# The checks before a mark look at most 5 characters back (a year, a code word and the character before
# it); a tail this long decides them as the whole text before would, without copying and scanning it.
_BEFORE_CHARS = 8
_SPACE_RUN = re.compile(r" {2,}")
_ASCII_DIGIT = re.compile(r"[0-9]")


def _is_mark(text: str, start: int, digits: str) -> bool:
    end = start + len(digits)
    after = text[end : end + 1]
    if after not in _ALLOWED_AFTER or (after and after.isdigit()):
        return False
    before = text[max(0, start - _BEFORE_CHARS) : start]
    if not before:
        return False
    prev = before[-1]
    if prev.isdigit():
        return bool(_YEAR_BEFORE.search(before)) and not before[-5:-4].isdigit()
    if prev.isalpha():
        return not _CODE_WORD.search(before)
    if prev in ".,:" and before[-2:-1].isdigit():
        return False  # section numbers and decimals: "3.1", "1,5"
    return prev in _ALLOWED_BEFORE


def _occurrences(text: str, digits: str, start: int = 0) -> Iterator[int]:
    """Where `digits` occurs in `text` from `start`, without overlaps (as re.finditer would find them)."""
    k = text.find(digits, start)
    while k != -1:
        yield k
        k = text.find(digits, k + len(digits))


def has_glued_mark(text: str, number: int) -> bool:
    digits = str(number)
    return any(_is_mark(text, k, digits) for k in _occurrences(text, digits))


def _relaxed_mark(text: str, digits: str) -> int | None:
    """A mark glued to a word that itself ends in digits ("ESG448-breed" holds mark 8)."""
    for m in re.finditer(r"[^\W\d_]\w*?" + re.escape(digits) + r"(?=[\s.,;:)\-]|$)", text):
        return m.end() - len(digits)
    return None


def unglue_marks(
    texts: list[str], numbers: list[int], lookahead: int = 3
) -> list[tuple[str, list[FootnoteRef]]]:
    """Remove footnote marks glued to words from `texts` (blocks in document order).

    `numbers` are the footnote numbers in the order the footnotes appear. Marks appear in the
    running text in that order, so only the next expected numbers are looked for; that is what makes
    "doen toekomen.1", "Eerdmans12" and "3 juni 20255" (mark 5 after a year) safe to split while
    "Q1 2026" or "2025" stay intact. A number not found strictly is looked for once more, relaxed,
    in the blocks between its neighbours' marks.
    """
    hits: dict[int, tuple[int, int]] = {}  # index in `numbers` -> (block, position in original text)
    pos = 0
    for bi, text in enumerate(texts):
        if not _ASCII_DIGIT.search(text):
            continue  # no mark to find (most blocks): skips a search for each expected number
        search_from = 0
        while pos < len(numbers):
            best: tuple[int, int] | None = None
            for skip, n in enumerate(numbers[pos : pos + lookahead]):
                digits = str(n)
                for start in _occurrences(text, digits, search_from):
                    if _is_mark(text, start, digits):
                        if best is None or start < best[0]:
                            best = (start, skip)
                        break
            if best is None:
                break
            start, skip = best
            hits[pos + skip] = (bi, start)
            pos += skip + 1
            search_from = start + 1
    for i, n in enumerate(numbers):
        if i in hits:
            continue
        lo = max((hits[j][0] for j in hits if j < i), default=0)
        hi = min((hits[j][0] for j in hits if j > i), default=len(texts) - 1)
        for bi in range(lo, hi + 1):
            at = _relaxed_mark(texts[bi], str(n))
            if at is not None and not any(h == (bi, at) for h in hits.values()):
                hits[i] = (bi, at)
                break
    per_block: dict[int, list[tuple[int, int]]] = {}
    for i, (bi, start) in hits.items():
        per_block.setdefault(bi, []).append((start, numbers[i]))
    out: list[tuple[str, list[FootnoteRef]]] = []
    for bi, text in enumerate(texts):
        refs: list[FootnoteRef] = []
        if bi not in per_block:
            out.append((text, refs))
            continue
        marks = sorted(per_block[bi])
        removed = 0
        for start, n in marks:
            at = start - removed
            text = text[:at] + text[at + len(str(n)) :]
            refs.append(FootnoteRef(number=n, offset=at))
            removed += len(str(n))
        out.append((text, refs))
    return out


def clean_spaces(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\t", " ")
    if "  " in text:  # the test is a fraction of a regex scan, and most blocks pass it
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def make_block(kind: BlockKind, text: str, **kwargs: object) -> Block:
    return Block(kind=kind, text=clean_spaces(text), **kwargs)  # type: ignore[arg-type]
