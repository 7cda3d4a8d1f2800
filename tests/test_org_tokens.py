"""The organisation tokenizer's fast paths answer exactly like the plain regex (extractors/org_tokens.py)."""

from __future__ import annotations

import pytest

from extractors.org_tokens import TOKEN_RE, _join_soft_hyphens, split_words, tokenize

TRICKY = [
    "",
    "   \n\t ",
    "VWS, NZa en ZN (V&VN) overleggen.",
    "MantelzorgNL4 en VWS' rol; ZN's leden",
    "Zorg-\ninstituut en AZWA-\npartijen, zorg-\nen welzijn",
    "www.movisie.nl/publicatie en info@nza.nl",
    "İstanbul ΣΑΣ'Β café Coöperatie ½ ² x_y 3a a3 €12,50 —",
    "o.a. de 2026-2028\u00a0afspraken\u202fmet\u2003GGD\u200bGHOR",
    "a&b & &c d&&e f& V&V\r\nnieuwe\x00regel",
    "𝐰𝐨𝐫𝐝 ꟷ 𝐅",
    "zorg& VWS_ ab² Ⅻ. ß. ǅ, é- a1 a.b (a) a.. .a",
]


@pytest.mark.parametrize("text", TRICKY)
def test_split_words_equals_the_regex(text: str) -> None:
    assert split_words(text) == TOKEN_RE.findall(text)


@pytest.mark.parametrize("text", TRICKY)
def test_offsets_are_the_regex_spans(text: str) -> None:
    words = TOKEN_RE.findall(text)
    starts = [m.start() for m in TOKEN_RE.finditer(text)]
    ends = [m.end() for m in TOKEN_RE.finditer(text)]
    _join_soft_hyphens(text, words, starts, ends)
    toks = tokenize(text)
    assert (toks.words, toks.starts, toks.ends) == (words, starts, ends)
    assert toks.low == [w.lower() for w in words]
