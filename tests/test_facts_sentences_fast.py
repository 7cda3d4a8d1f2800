"""sentence_spans, which matches at offsets instead of slicing the rest of the text at every period,
splits exactly like the slicing version it replaced (kept here as the reference)."""

from __future__ import annotations

import random
import re

import pytest

from extractors.sentences import _END, _is_abbreviation, sentence_spans


def _reference_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        rest = text[end:].lstrip()
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


TRICKY = [
    "",
    "   ",
    "Een zin.",
    "  Een zin. Nog een!  En een derde?  ",
    "Zie o.a. nr. 5 en art. 3. Dhr. J. Jansen komt. Het is 3 p.m. en klaar.",
    "Verbonden. o De volgende. o  de kleine. o",
    "Einde.” “Begin” (haakje). [blok] •punt -streep 'quote'",
    "Einde.\u00a0Begin.\u2003Verder.\x1cNa.\x1fZo.\u3000Tot.\n\nSlot.",
    "a. b. c. D. e! F? g",
    "Eén.É twee. ñ drie. 3 vier. ٣ vijf. Ⅻ zes.",
    "zin zonder punt",
    "Punt aan het eind.\n",
    "Tekst o.\nVolgende o De",
]


@pytest.mark.parametrize("text", TRICKY)
def test_spans_equal_the_slicing_version(text: str) -> None:
    assert sentence_spans(text) == _reference_spans(text)


def test_spans_equal_the_slicing_version_on_random_text() -> None:
    pieces = ["Zin", "de", "o", "nr", "J", "Ⅻ", "É", "3", ".", "!", "?", "”", ")", " ", "  ", "\n", "\u00a0"]
    pieces += ["\x1c", "“", "(", "•", "-", "[", "o ", "o.a", "z.s.m", "t.a.v", "ca"]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 14)))
        assert sentence_spans(text) == _reference_spans(text), text


def test_regex_whitespace_is_str_whitespace() -> None:
    """The offsets come from \\s, the slicing version used str.strip: the same characters."""
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    assert "".join(re.findall(r"\s", every)) == "".join(c for c in every if c.isspace())
