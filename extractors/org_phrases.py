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

# The words after the first two, the pattern's place in the order of adding, and its key.
_Longer = tuple[list[str], int, int]


class PhraseIndex:
    """Patterns (tuples of words) with an integer key each; `matches` finds them in a word list."""

    __slots__ = ("_by_first", "_count")

    def __init__(self) -> None:
        # first word -> (one-word patterns, second word -> longer patterns), each pattern with its
        # place in the order of adding. Keying the longer ones on their second word too checks a
        # frequent first word ("zorg", "partijen") with one lookup instead of a slice per pattern.
        self._by_first: dict[str, tuple[list[tuple[int, int]], dict[str, list[_Longer]]]] = {}
        self._count = 0

    def add(self, words: Sequence[str], key: int) -> None:
        if not words:
            raise ValueError("a pattern needs at least one word")
        singles, by_second = self._by_first.setdefault(words[0], ([], {}))
        if len(words) == 1:
            singles.append((self._count, key))
        else:
            by_second.setdefault(words[1], []).append((list(words[2:]), self._count, key))
        self._count += 1

    def __contains__(self, word: str) -> bool:
        return word in self._by_first

    def first_words(self) -> set[str]:
        return set(self._by_first)

    def matches(self, words: list[str]) -> list[tuple[int, int, int]]:
        """(key, start, end) of every occurrence of every pattern, by start, then in pattern order.
        `words` is a list: its slices are compared with the stored lists."""
        by_first = self._by_first
        n = len(words)
        found: list[tuple[int, int, int]] = []
        for i in compress(range(n), map(by_first.__contains__, words)):
            singles, by_second = by_first[words[i]]
            longer = by_second.get(words[i + 1]) if i + 1 < n else None
            if not longer:
                found.extend([(key, i, i + 1) for _, key in singles])
                continue
            here = [(order, key, i + 1) for order, key in singles]
            for rest, order, key in longer:
                # A slice cut short by the end of the text is shorter than `rest`, so never equal.
                if words[i + 2 : i + 2 + len(rest)] == rest:
                    here.append((order, key, i + 2 + len(rest)))
            if singles:
                here.sort()  # back into the order of adding
            found.extend([(key, i, end) for _, key, end in here])
        return found
