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
from bisect import bisect_right
from itertools import accumulate

TOKEN_RE = re.compile(r"[^\W\d_]+(?:&[^\W\d_]+)*|\d+|\S")
_split_token = TOKEN_RE.findall
# A line-end hyphen between two letter runs: candidate soft hyphenation.
_BREAK_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_])")
# After these a line-end hyphen is elliptical ("zorg-\nen welzijn"), never a soft break.
_ELLIPSIS_FOLLOWERS = frozenset({"en", "of", "tot", "noch"})


class Tokens:
    """Tokens of a text: the word each token stands for, and (computed on demand) its span."""

    __slots__ = ("_chunk_ends", "_ends", "_low", "_offsets", "_starts", "chunks", "text", "words")

    def __init__(self, text: str, words: list[str], chunks: list[str] | None = None) -> None:
        self.text = text
        self.words = words
        self.chunks = text.split() if chunks is None else chunks  # the whitespace-separated chunks
        self._low: list[str] | None = None
        # Spans come from prefix sums (see `start`) unless the text needs the search below.
        self._offsets: list[int] | None = None
        self._chunk_ends: list[int] | None = None
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        if "-\n" in text or "- \n" in text or "-\r\n" in text:
            # Now and all of them: joining soft hyphens changes the words themselves.
            _join_soft_hyphens(text, words, *self._searched_spans())

    def __len__(self) -> int:
        return len(self.words)

    def start(self, i: int) -> int:
        """Offset of token i in the text.

        The tokens tile the chunks, so a token's offset in the text without its whitespace is the sum
        of the lengths before it (one C-level pass). Where single characters separate the chunks (99 %
        of the blocks of the corpus), the text offset adds the number of chunks that end before it,
        a bisection: no Python loop over the tokens, and only the spans asked for are computed.
        """
        offsets = self._offsets
        if offsets is None:
            if self._starts is None and not self._regular():
                self._searched_spans()
            if self._starts is not None:
                return self._starts[i]
            offsets = self._offsets = [0, *accumulate(map(len, self.words))]
        return offsets[i] + bisect_right(self._chunk_ends, offsets[i])

    def end(self, i: int) -> int:
        """End offset of token i in the text."""
        if self._ends is not None:
            return self._ends[i]
        return self.start(i) + len(self.words[i])

    def gap(self, i: int) -> str:
        """The text between token i - 1 and token i."""
        return self.text[self.end(i - 1) : self.start(i)]

    @property
    def starts(self) -> list[int]:
        """Every token's start (the matcher asks `start(i)` for the few it needs)."""
        return [self.start(i) for i in range(len(self.words))]

    @property
    def ends(self) -> list[int]:
        """Every token's end."""
        return [self.end(i) for i in range(len(self.words))]

    @property
    def low(self) -> list[str]:
        """The words in lower case (computed once)."""
        if self._low is None:
            self._low = list(map(str.lower, self.words))
        return self._low

    def _regular(self) -> bool:
        """Whether single whitespace characters separate the chunks, with none around them."""
        if self._chunk_ends is None:
            self._chunk_ends = list(accumulate(map(len, self.chunks)))
        ends = self._chunk_ends
        return not ends or len(self.text) == ends[-1] + len(ends) - 1

    def _searched_spans(self) -> tuple[list[int], list[int]]:
        """All spans, each found by searching for its token after the previous one: a token never
        starts with whitespace, so its first occurrence after the previous token is the token itself."""
        starts: list[int] = []
        ends: list[int] = []
        find = self.text.find
        pos = 0
        for w in self.words:
            pos = find(w, pos)
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        self._starts, self._ends = starts, ends
        return starts, ends


def tokenize(text: str) -> Tokens:
    """Tokens of `text`; their spans are computed when asked for."""
    chunks = text.split()
    return Tokens(text, _split_chunks(chunks), chunks)


def split_words(text: str) -> list[str]:
    """The tokens of `text` as strings: `TOKEN_RE.findall(text)`, at about half its cost.

    A token never spans whitespace, so the tokens of the text are those of its whitespace-separated
    chunks. A chunk of letters only (most of them) is a single token, and letters followed by one
    character that is neither a letter nor a digit ("zorg.", "VWS,", "NZa)") are two, both without
    a regex call.
    """
    return _split_chunks(text.split())


def _split_chunks(chunks: list[str]) -> list[str]:
    out: list[str] = []
    append, extend = out.append, out.extend
    for chunk in chunks:
        if chunk.isalpha():
            append(chunk)
        elif chunk[:-1].isalpha() and not chunk[-1].isalnum():
            append(chunk[:-1])
            append(chunk[-1])
        else:
            extend(_split_token(chunk))
    return out


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
