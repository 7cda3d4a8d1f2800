"""Token-sequence patterns looked up by their first word: the phrase matching behind OrgMatcher.

The patterns and the texts are tokenised by extractors.org_tokens, so a match is an exact run of
equal words: a dictionary from first word to the patterns starting with it finds every match
(overlapping and nested ones included) with one C-level membership test per token. This replaced
spaCy's PhraseMatcher, which found the same matches but cost 1.5-2 s per run to import and build
(spaCy itself, a Vocab, a Doc per pattern) and a Doc per text: more than all matching together.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress


class PhraseIndex:
    """Patterns (tuples of words) with an integer key each; `matches` finds them in a word list."""

    __slots__ = ("_by_first",)

    def __init__(self) -> None:
        # first word -> [(the remaining words, key)], in the order the patterns were added
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}

    def add(self, words: Sequence[str], key: int) -> None:
        if not words:
            raise ValueError("a pattern needs at least one word")
        self._by_first.setdefault(words[0], []).append((tuple(words[1:]), key))

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def first_words(self) -> set[str]:
        return set(self._by_first)

    def matches(self, words: Sequence[str]) -> list[tuple[int, int, int]]:
        """(key, start, end) of every occurrence of every pattern, by start, then in pattern order."""
        by_first = self._by_first
        n = len(words)
        found: list[tuple[int, int, int]] = []
        for i in compress(range(n), map(by_first.__contains__, words)):
            for rest, key in by_first[words[i]]:
                end = i + 1 + len(rest)
                if end <= n and (not rest or tuple(words[i + 1 : end]) == rest):
                    found.append((key, i, end))
        return found
