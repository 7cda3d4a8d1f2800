"""A small regex tokenizer shared by the organisation patterns and the texts they are matched in.

spaCy's Dutch tokenizer is the slow part of matching (measured: about 5x the cost of the
PhraseMatcher itself), and its rules are not the ones names need: here a token is a run of letters
(with "&" inside, so V&VN and V&V stay distinct words), a run of digits, or one other character.
Consequences the matcher relies on:

- a name never matches inside a longer word ("zorgdomein" is one token, "VWS-begroting" is VWS - begroting);
- footnote numbers glued to a name fall off ("MantelzorgNL4" -> MantelzorgNL 4);
- possessives fall off ("VWS'" -> VWS ', "ZN's" -> ZN ' s);
- line breaks and spacing do not matter ("GGD\\nGHOR Nederland", "AZWA-\\npartijen");
- a word broken by a line-end hyphen ("Zorg-\\ninstituut") is rejoined into one token when both
  halves are lower case on the join side, as Dutch de-hyphenation does.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain
from operator import itemgetter

TOKEN_RE = re.compile(r"[^\W\d_]+(?:&[^\W\d_]+)*|\d+|\S")
# The same tokens, each with the whitespace before it: offsets then come from cumulative lengths
# computed in C (itertools) instead of one Python-level match object per token.
_TOKEN_WITH_SPACE_RE = re.compile(r"(\s*)(" + TOKEN_RE.pattern + ")")
_SECOND = itemgetter(1)
# A line-end hyphen between two letter runs: candidate soft hyphenation.
_BREAK_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_])")
# After these a line-end hyphen is elliptical ("zorg-\nen welzijn"), never a soft break.
_ELLIPSIS_FOLLOWERS = frozenset({"en", "of", "tot", "noch"})


class Tokens:
    """Tokens of a text: the word each token stands for, and (computed on first use) its span."""

    __slots__ = ("_ends", "_low", "_pairs", "_starts", "text", "words")

    def __init__(self, text: str, pairs: list[tuple[str, str]]) -> None:
        self.text = text
        self._pairs = pairs
        self.words: list[str] = list(map(_SECOND, pairs))
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        self._low: list[str] | None = None
        if "-\n" in text or "- \n" in text or "-\r\n" in text:
            self._offsets()  # now: joining soft hyphens changes the words themselves

    def __len__(self) -> int:
        return len(self.words)

    def _offsets(self) -> None:
        cum = list(accumulate(map(len, chain.from_iterable(self._pairs))))
        self._starts, self._ends = cum[0::2], cum[1::2]
        text = self.text
        if "-\n" in text or "- \n" in text or "-\r\n" in text:
            _join_soft_hyphens(text, self.words, self._starts, self._ends)
            self._low = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._offsets()
        return self._starts  # type: ignore[return-value]

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._offsets()
        return self._ends  # type: ignore[return-value]

    @property
    def low(self) -> list[str]:
        """The words in lower case (computed once)."""
        if self._low is None:
            self._low = list(map(str.lower, self.words))
        return self._low


def tokenize(text: str) -> Tokens:
    """Tokens of `text`; spans and soft-hyphen joins are computed when first asked for."""
    return Tokens(text, _TOKEN_WITH_SPACE_RE.findall(text))


def _join_soft_hyphens(text: str, words: list[str], starts: list[int], ends: list[int]) -> None:
    """Merge "zorg", "-", "instituut" into one token where a line-end hyphen splits a word."""
    breaks = {m.start() for m in _BREAK_RE.finditer(text)}
    if not breaks:
        return
    i = 1
    while i < len(words) - 1:
        if words[i] == "-" and starts[i] in breaks:
            left, right = words[i - 1], words[i + 1]
            # Upper case at the join marks a compound that keeps its hyphen (AZWA-partijen, Wlz-zorg).
            if left[-1].islower() and right[0].islower() and right.lower() not in _ELLIPSIS_FOLLOWERS:
                words[i - 1 : i + 2] = [left + right]
                ends[i - 1 : i + 2] = [ends[i + 1]]
                del starts[i : i + 2]
                continue
        i += 1
