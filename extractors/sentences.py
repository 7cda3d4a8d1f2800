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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a sentence ends at . ! ? followed by space and a capital."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        rest = text[end:].lstrip()
        # "o " is a sub-bullet glyph that PDF extraction leaves in running text ("... verbonden. o De ...").
        rest = rest[2:] if rest.startswith("o ") else rest
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "‘“\"'(•-["):
            continue
        if text[start:end].strip():
            spans.append((start + len(text[start:end]) - len(text[start:end].lstrip()), end))
        start = end
    if text[start:].strip():
        s = start + len(text[start:]) - len(text[start:].lstrip())
        spans.append((s, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
