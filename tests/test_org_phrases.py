"""PhraseIndex (extractors/org_phrases.py) finds exactly what a brute-force scan finds, in its order."""

from __future__ import annotations

from extractors.org_phrases import PhraseIndex

PATTERNS = [
    ("zorg",),
    ("zorg", "en", "welzijn"),
    ("zorg", "en"),
    ("a", "b", "c", "d"),
    ("zorg",),  # a duplicate under another key
    ("b",),
    ("a", "b"),
    ("a",),
    ("en", "welzijn"),
    ("a", "b", "c"),
]


def brute_force(patterns: list[tuple[str, ...]], words: list[str]) -> list[tuple[int, int, int]]:
    """By start, then in the order the patterns were added: the contract of `matches`."""
    return [
        (key, i, i + len(p))
        for i in range(len(words))
        for key, p in enumerate(patterns)
        if tuple(words[i : i + len(p)]) == p
    ]


def test_matches_equal_brute_force_on_nested_overlapping_and_cut_off_patterns() -> None:
    index = PhraseIndex()
    for key, p in enumerate(PATTERNS):
        index.add(p, key)
    texts = [
        "",
        "zorg",
        "zorg en",
        "zorg en welzijn zorg en",
        "a b c d a b c a b a",
        "x a b c d",
        "a",
        "b a",
        "en welzijn en",
    ]
    for text in texts:
        words = text.split()
        assert index.matches(words) == brute_force(PATTERNS, words), text
    assert "zorg" in index and "welzijn" not in index
    assert index.first_words() == {"zorg", "a", "b", "en"}
