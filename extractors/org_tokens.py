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

TOKEN_RE = re.compile(r"[^\W\d_]+(?:&[^\W\d_]+)*|\d+|\S")
_split_token = TOKEN_RE.findall
# A line-end hyphen between two letter runs: candidate soft hyphenation.
_BREAK_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n\s*(?=[^\W\d_])")
# After these a line-end hyphen is elliptical ("zorg-\nen welzijn"), never a soft break.
_ELLIPSIS_FOLLOWERS = frozenset({"en", "of", "tot", "noch"})


class Tokens:
    """Tokens of a text: the word each token stands for, and (computed on demand) its span."""

    __slots__ = ("_ends", "_low", "_starts", "text", "words")

    def __init__(self, text: str, words: list[str]) -> None:
        self.text = text
        self.words = words
        # Spans of the first len(_starts) tokens: a block needs those up to its last mention only.
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._low: list[str] | None = None
        if "-\n" in text or "- \n" in text or "-\r\n" in text:
            # Now and all of them: joining soft hyphens changes the words themselves.
            _join_soft_hyphens(text, words, *self.spans_through(len(words) - 1))

    def __len__(self) -> int:
        return len(self.words)

    def spans_through(self, i: int) -> tuple[list[int], list[int]]:
        """Start and end offsets of the tokens, complete at least through token i."""
        starts, ends = self._starts, self._ends
        if i >= len(starts):
            # The tokens tile the text outside whitespace, and a token never starts with whitespace,
            # so the first occurrence of a token after the previous one is the token itself.
            find = self.text.find
            pos = ends[-1] if ends else 0
            for w in self.words[len(starts) : i + 1]:
                pos = find(w, pos)
                starts.append(pos)
                pos += len(w)
                ends.append(pos)
        return starts, ends

    @property
    def starts(self) -> list[int]:
        return self.spans_through(len(self.words) - 1)[0]

    @property
    def ends(self) -> list[int]:
        return self.spans_through(len(self.words) - 1)[1]

    @property
    def low(self) -> list[str]:
        """The words in lower case (computed once)."""
        if self._low is None:
            self._low = list(map(str.lower, self.words))
        return self._low


def tokenize(text: str) -> Tokens:
    """Tokens of `text`; their spans are computed when asked for."""
    return Tokens(text, split_words(text))


def split_words(text: str) -> list[str]:
    """The tokens of `text` as strings: `TOKEN_RE.findall(text)`, at about half its cost.

    A token never spans whitespace, so the tokens of the text are those of its whitespace-separated
    chunks. A chunk of letters only (most of them) is a single token, and letters followed by one
    character that is neither a letter nor a digit ("zorg.", "VWS,", "NZa)") are two, both without
    a regex call.
    """
    out: list[str] = []
    append, extend = out.append, out.extend
    for chunk in text.split():
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
