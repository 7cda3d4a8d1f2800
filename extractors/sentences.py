"""Sentence spans for Dutch policy text, aware of the abbreviations that end in a period."""

from __future__ import annotations

import re

# Abbreviations whose period does not end a sentence (lower-cased, without the final period).
ABBREVIATIONS = frozenset(
    """
    o.a a.s e.a e.d e.v t.a.v t.b.v t.o.v i.p.v i.v.m m.b.t m.i.v m.u.v n.a.v v.w.b c.q c.s d.w.z
    z.s.m bijv bv ca jl nr nrs art lid blz pag zgn resp evt etc incl excl min max mln mld mrd
    drs dr mr ir ing prof mw dhr st vs vgl zie jo kst tk ek jan feb mrt apr jun jul aug sep sept okt
    nov dec
    """.split()
)
_END = re.compile(r"[.!?](?:[”’\"')\]]*)(?=\s+|$)")


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _is_abbreviation(text: str, period: int) -> bool:
    # The word before the period: scanning back to the last space is linear in the word, where a
    # regex over text[:period] would be linear in the text for every period.
    begin = max(text.rfind(" ", 0, period), text.rfind("\n", 0, period)) + 1
    raw = text[begin:period]
    if not raw:
        return False
    word = raw.lower().lstrip("(“‘\"'")
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    if _INITIALS.fullmatch(word):  # initials and o.a.-like forms
        return True
    return len(raw) == 1 and raw.isupper()  # an initial: "J. Jansen"


# Whitespace (str.isspace: the same characters as \s), then the sub-bullet glyph "o " that PDF
# extraction leaves in running text ("... verbonden. o De ...").
_SPACE = re.compile(r"\s*")
_GAP = re.compile(r"\s*(?:o )?")
_OPENERS = "‘“\"'(•-["


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a sentence ends at . ! ? followed by space and a capital.

    Positions are found by matching at an offset rather than by slicing the rest of the text at every
    period (linear in the block for each sentence end)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        after = _GAP.match(text, end).end()
        if after < len(text):
            c = text[after]
            if not (c.isupper() or c.isdigit() or c in _OPENERS):
                continue
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        first = _SPACE.match(text, start, end).end()
        if first < end:
            spans.append((first, end))
        start = end
    first = _SPACE.match(text, start).end()
    if first < len(text):
        spans.append((first, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
