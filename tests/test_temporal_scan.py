"""The fast paths of the temporal scanner answer exactly like the general ones they replace.

`_triggers` finds trigger tokens with one nested pattern instead of splitting the block into all its
tokens; anchors are matched with a pattern of only the letter-led (or number-led) alternatives
instead of all of them. Both are checked against the general path on tricky text.
"""

from __future__ import annotations

import random
import re

import pytest

from extractors import temporal as T
from extractors import temporal_patterns as P

TRICKY = [
    "Uiterlijk EIND 2026, in2026 of Q1-2027; z.s.m. na afloop van de zomer.",
    "İstanbul, 3 juni 202510 en H2 2026: ná de vóórjaar-periode, 1e kwartaal 2026.",
    "x_2026_y januari_februari 12345 ٢٠٢٦ tot en met half jaar, ieder kwartaal, per week.",
    "De huidige maand, dit jaar, deze zomer; mid-2026 t/m medio mei jl. begin sept. 2025.",
    "Het eerste en tweede kwartaal van 2026 (2024, 1 november) 1/10/2025 2025-2028 Kamerstuk 36 600.",
    "",
    "zonder tijd of getal",
]

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_FULL_ANCHOR = re.compile("|".join(f"(?P<A_{n}>{rx})" for n, rx in P._ALTERNATIVES), P.FLAGS)


def _tokens_with_flags(text: str) -> list[tuple[tuple[int, int], int]]:
    """The general path: every token of the lower-cased text with its trigger flags."""
    low = "".join(c.lower()[0] for c in text)
    return [(m.span(), P.TRIGGERS.get(m.group(), 0)) for m in _TOKEN.finditer(low)]


@pytest.mark.parametrize("text", TRICKY)
def test_trigger_scan_equals_tokenising(text: str) -> None:
    tokens = _tokens_with_flags(text)
    t = T._triggers(text)
    digits = [span for span, f in tokens if not f and text[span[0] : span[1]].isdecimal()]
    assert t.anchor == sorted(digits + [span for span, f in tokens if f & P.T_ANCHOR])
    assert t.unit == [span for span, f in tokens if f & P.T_UNIT]
    assert t.rec == [span for span, f in tokens if f & P.T_REC]
    assert t.per == [span for span, f in tokens if f & P.T_PER]
    assert t.rel == [span for span, f in tokens if f & P.T_REL]


@pytest.mark.parametrize("text", TRICKY)
def test_split_anchor_patterns_equal_all_alternatives(text: str) -> None:
    for start, _end in (m.span() for m in _TOKEN.finditer(text)):
        split = P.ANCHOR_AT_NUMBER if text[start].isdigit() else P.ANCHOR_AT_LETTER
        got, want = split.match(text, start), _FULL_ANCHOR.match(text, start)
        assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup))


def test_trie_matches_the_same_words_longest_first() -> None:
    words = ["feb", "febr", "februari", "mei", "mid", "midden", "t/m"]
    nested = re.compile(P.trie(words))
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    for text in ["februari", "febr.", "feb", "middenin", "mid-2026", "t/m", "meizoen", "x"]:
        got, want = nested.match(text), flat.match(text)
        assert (got and got.group()) == (want and want.group())


def test_trigger_scan_equals_tokenising_on_random_text() -> None:
    """Words after a space, after another non-letter, at the start, glued to numbers: the three scans
    of `_triggers` together find what tokenising finds."""
    rnd = random.Random(7)
    pieces = [*" \n\t\u00a0(-_.,'‘’/0123456789٢", "jan", "januari", "na", "q", "1e", "2026", "İ", "ë", "per"]
    pieces += ["om", "jaar", "z", "x", "de", "Dit", "KWARTAAL", "ná"]
    for _ in range(3000):
        test_trigger_scan_equals_tokenising("".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))))
