"""PhraseIndex (extractors/org_phrases.py) finds exactly what a brute-force scan finds, in its order."""

from __future__ import annotations

from extractors.org_phrases import PhraseIndex

# (words, case-sensitive)
PATTERNS = [
    (("zorg",), False),
    (("zorg", "en", "welzijn"), False),
    (("ZIN",), True),
    (("zorg", "en"), False),
    (("a", "b", "c", "d"), False),
    (("Zorg", "En"), True),  # the same words as a pattern above, but only as written
    (("zorg",), False),  # a duplicate under another key
    (("b",), False),
    (("a", "B"), True),
    (("a", "b"), False),
    (("A",), True),
    (("a",), False),
    (("en", "welzijn"), False),
    (("a", "b", "c"), False),
]


def brute_force(words: list[str]) -> list[tuple[int, int, int]]:
    """The contract of `matches`: case-sensitive hits, then the others; each by start, then in
    the order of adding."""
    low = [w.lower() for w in words]

    def hits(cased: bool) -> list[tuple[int, int, int]]:
        return [
            (key, i, i + len(p))
            for i in range(len(words))
            for key, (p, sensitive) in enumerate(PATTERNS)
            if sensitive == cased
            and (tuple(words[i : i + len(p)]) == p if cased else tuple(low[i : i + len(p)]) == p)
        ]

    return hits(True) + hits(False)


def test_matches_equal_brute_force_on_nested_overlapping_cased_and_cut_off_patterns() -> None:
    index = PhraseIndex()
    for key, (p, sensitive) in enumerate(PATTERNS):
        index.add(p, key, case_sensitive=sensitive)
    texts = [
        "",
        "zorg",
        "Zorg En",
        "zorg en welzijn ZORG en Zorg En welzijn",
        "a b c d A B C a B a",
        "x a b c d",
        "A",
        "b a",
        "en welzijn en",
        "zin ZIN Zin",
    ]
    for text in texts:
        words = text.split()
        assert index.matches(words, [w.lower() for w in words]) == brute_force(words), text
    assert "ZORG" in index and "Zin" in index and "welzijn" not in index
