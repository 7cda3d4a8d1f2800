"""Token-sequence patterns looked up by their first word: the phrase matching behind OrgMatcher.

The patterns and the texts are tokenised by extractors.org_tokens, so a match is an exact run of
equal words: a dictionary from first word to the patterns starting with it finds every match
(overlapping and nested ones included) with one C-level membership test per token. This replaced
spaCy's PhraseMatcher, which found the same matches but cost 1.5-2 s per run to import and build
(spaCy itself, a Vocab, a Doc per pattern) and a Doc per text: more than all matching together.

Case-sensitive patterns ("ZIN", "Per Saldo") and case-insensitive ones share one index over the
lower-cased words: a case-sensitive match is also a match of the lower-cased words, so one pass
finds the candidates of both, and the case-sensitive ones are then checked against the words as
written. One pass instead of two also spares hashing every word as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress


@dataclass(frozen=True, slots=True)
class _Pattern:
    order: int  # place in the order of adding: the order of hits that start together
    key: int
    cased: tuple[str, ...] | None  # all words as written for a case-sensitive pattern, else None
    rest: list[str]  # the lower-cased words after the first two (for one-word patterns: none)


class PhraseIndex:
    """Patterns (sequences of words) with an integer key each, case-sensitive or not; `matches`
    finds them in a text's words."""

    __slots__ = ("_by_first", "_count")

    def __init__(self) -> None:
        # lower-cased first word -> (one-word patterns, lower-cased second word -> longer patterns).
        # Keying the longer ones on their second word too checks a frequent first word ("zorg",
        # "partijen") with one lookup instead of a comparison per pattern.
        # The one-word patterns are stored with their length (1), in the shape of a hit
        # (pattern, length): a word that starts no longer match takes them as they are.
        self._by_first: dict[str, tuple[list[tuple[_Pattern, int]], dict[str, list[_Pattern]]]] = {}
        self._count = 0

    def add(self, words: Sequence[str], key: int, *, case_sensitive: bool = False) -> None:
        """A pattern; unless `case_sensitive`, its words are compared lower-cased."""
        if not words:
            raise ValueError("a pattern needs at least one word")
        low = [w.lower() for w in words]
        pattern = _Pattern(self._count, key, tuple(words) if case_sensitive else None, low[2:])
        singles, by_second = self._by_first.setdefault(low[0], ([], {}))
        if len(words) == 1:
            singles.append((pattern, 1))
        else:
            by_second.setdefault(low[1], []).append(pattern)
        self._count += 1

    def __contains__(self, word: str) -> bool:
        """Whether some pattern starts with `word` (compared lower-cased)."""
        return word.lower() in self._by_first

    def matches(self, words: list[str], low: list[str]) -> list[tuple[int, int, int]]:
        """(key, start, end) of every occurrence of every pattern in `words` (`low`: the same words
        lower-cased): the case-sensitive ones first, each group by start, then in order of adding."""
        by_first = self._by_first
        n = len(low)
        cased_hits: list[tuple[int, int, int]] = []
        folded_hits: list[tuple[int, int, int]] = []
        for i in compress(range(n), map(by_first.__contains__, low)):
            singles, by_second = by_first[low[i]]
            longer = by_second.get(low[i + 1]) if by_second and i + 1 < n else None
            here = singles
            if longer:
                here = singles.copy()
                for p in longer:
                    # A slice cut short by the end of the text is shorter than `rest`, so never equal.
                    size = 2 + len(p.rest)
                    if low[i + 2 : i + size] == p.rest:
                        here.append((p, size))
                if singles:
                    here.sort(key=_order)
            for p, size in here:
                if p.cased is None:
                    folded_hits.append((p.key, i, i + size))
                elif tuple(words[i : i + size]) == p.cased:
                    cased_hits.append((p.key, i, i + size))
        return cased_hits + folded_hits


def _order(hit: tuple[_Pattern, int]) -> int:
    return hit[0].order
