"""Fast paths of the organisation matcher answer exactly like the general ones they stand for."""

from __future__ import annotations

import pytest

from extractors.org_matcher import is_acronym
from extractors.org_registry import _looks_like_acronym
from extractors.org_tokens import TOKEN_RE, _join_soft_hyphens, tokenize
from extractors.org_unknown import find_unknown

SPAN_TEXTS = [
    "VWS, NZa en ZN (V&VN) overleggen met Stichting Zorg&Welzijn.",
    "  leading and trailing whitespace  ",
    "two  spaces\tand\ttabs\n\nand blank lines",
    "Zorg-\ninstituut en AZWA-\npartijen",
    "MantelzorgNL4 en VWS' rol; ZN's leden (o.a. 2026-2028)",
    "a",
    "",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_asked_in_any_order_are_the_token_spans(text: str) -> None:
    words = TOKEN_RE.findall(text)
    starts = [m.start() for m in TOKEN_RE.finditer(text)]
    ends = [m.end() for m in TOKEN_RE.finditer(text)]
    _join_soft_hyphens(text, words, starts, ends)
    toks = tokenize(text)
    assert toks.words == words
    for i in reversed(range(len(toks))):  # backwards: no span relies on an earlier one
        assert (toks.start(i), toks.end(i)) == (starts[i], ends[i])
    for i in range(1, len(toks)):
        assert toks.gap(i) == text[ends[i - 1] : starts[i]]


LEGAL_TEXTS = [
    "Stichting Zorg Samen en Vereniging Van Artsen helpen.",
    "De Zorg&Stichting Beter Leven werkt mee.",  # the form after "&" inside a token
    "stichting Zorg Samen",  # lower case: no legal form
    "Stichtingen Zorg Samen",  # a longer word
    "2Stichting Zorg en _Platform Wonen",
    "Het Platform\nZorg Anders en het Kenniscentrum Wonen",
    "Geen enkele vorm hier.",
]


@pytest.mark.parametrize("text", LEGAL_TEXTS)
def test_unknown_names_are_the_same_with_or_without_the_tokens(text: str) -> None:
    assert find_unknown(text, [], low_words=tokenize(text).low) == find_unknown(text, [])


@pytest.mark.parametrize(
    "word", ["VWS", "NZa", "V&VN", "Zin", "ZIN", "ActiZ", "GGZ-", "a", "", "123", "ÉÉN", "ǅx"]
)
def test_acronym_tests_match_the_per_character_definition(word: str) -> None:
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    rule = bool(letters) and (upper == len(letters) or (len(letters) <= 4 and upper >= 2))
    assert is_acronym(word) == rule
    assert _looks_like_acronym(word) == rule
