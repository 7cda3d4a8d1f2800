"""Rejoin hard-broken lines into paragraphs, Dutch-aware about hyphens at line ends.

A hyphen at the end of a line is either a soft break inside one word ("organisa-" / "tie"), part
of a compound that keeps its hyphen ("AZWA-" / "partijen", "Wlz-" / "zorg", "2025-" / "2028"), or an
elliptical compound that keeps hyphen and space ("Zorg-" / "en Welzijnsakkoord"). The document's
own vocabulary decides first (a form seen elsewhere in the document wins); rules decide the rest.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_LAST_WORD = re.compile(r"[^\W_]+$")
_LAST_WORD_WINDOW = 64
_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")
# After this many different forms asked about, tokenising the whole text once is cheaper than searching
# it for each further form (one search of a 500 KB text costs ~1/400 of tokenising it).
MAX_LAZY_PROBES = 400
# Words that follow an elliptical compound: "zorg- en welzijn", "cliënten- of naastenorganisaties".
_ELLIPSIS_FOLLOWERS = frozenset({"en", "of", "tot", "t/m", "noch", "dan", "als", "c.q.", "en/of"})


def build_vocabulary(text: str) -> set[str]:
    """Lower-cased words of a text, hyphenated compounds included, for the join decisions."""
    # findall and map run in C: a third faster than a comprehension over match objects.
    return set(map(str.lower, _WORD.findall(text.replace(SOFT_HYPHEN, ""))))


class Vocabulary:
    """`form in Vocabulary(text)` answers exactly as `form in build_vocabulary(text)`, lazily.

    A join only asks about a few forms ("stem+word", "stem-word"), and a word never spans a line, so
    tokenising just the lines that contain a form (found with str.find, at C speed) answers as the
    whole text's vocabulary would. Tokenising a 580 KB export costs ~50 ms; its ~90 probes cost ~5 ms.
    """

    def __init__(self, text: str) -> None:
        self._text = text.replace(SOFT_HYPHEN, "")
        self._lowered: str | None = None
        self._answers: dict[str, bool] = {}
        self._full: set[str] | None = None

    def __contains__(self, form: object) -> bool:
        if not isinstance(form, str):
            return False
        if self._full is not None:
            return form in self._full
        known = self._answers.get(form)
        if known is None:
            if len(self._answers) >= MAX_LAZY_PROBES:
                self._full = build_vocabulary(self._text)
                return form in self._full
            known = self._answers[form] = self._search(form)
        return known

    def _search(self, form: str) -> bool:
        if not form:
            return False  # no word is empty
        if self._lowered is None:
            self._lowered = self._text.lower()
        lowered = self._lowered
        if len(lowered) != len(self._text):
            # Lower-casing changed the length ("İ" -> "i̇"): offsets in `lowered` do not map back.
            self._full = build_vocabulary(self._text)
            return form in self._full
        k = lowered.find(form)
        while k != -1:
            start = lowered.rfind("\n", 0, k) + 1
            end = lowered.find("\n", k + len(form))
            if end == -1:
                end = len(lowered)
            if form in build_vocabulary(self._text[start:end]):
                return True
            k = lowered.find(form, end + 1)  # the next line
        return False


def _last_word(s: str) -> str:
    # The search starts near the end: from the start of a long text it tries every word on the way
    # (0.4 ms for a 2,000-character paragraph). A match that starts at the window's edge may go on
    # before it, so only then is the whole text searched.
    start = max(0, len(s) - _LAST_WORD_WINDOW)
    m = _LAST_WORD.search(s, start)
    if m and start and m.start() == start:
        m = _LAST_WORD.search(s)
    return m.group(0) if m else ""


def join_hyphenated(left: str, right: str, vocab: Container[str] | None = None) -> str:
    """Join `left` (ending in '-') and `right` (the next line) across the line break."""
    stem = left[:-1]
    first = right.split(" ", 1)[0]
    first_word = re.match(r"[^\W_]*", first).group(0)  # type: ignore[union-attr]
    last_word = _last_word(stem)
    if not last_word or not first_word:
        return f"{left}{right}" if not first_word and first[:1].isdigit() else f"{left} {right}"
    if first.lower() in _ELLIPSIS_FOLLOWERS:
        return f"{left} {right}"
    if vocab:
        joined = (last_word + first_word).lower()
        hyphenated = f"{last_word}-{first_word}".lower()
        if hyphenated in vocab and joined not in vocab:
            return f"{left}{right}"
        if joined in vocab and hyphenated not in vocab:
            return f"{stem}{right}"
    if last_word[-1].isdigit() or first_word[0].isdigit():
        return f"{left}{right}"  # ranges and numbered forms: 2025-2028, COVID-19
    if first_word[0].isupper():
        return f"{left}{right}"  # Noord-Holland, HLO-Partijen style compounds keep their hyphen
    if any(c.isupper() for c in last_word[1:]) or (last_word[0].isupper() and len(last_word) <= 4):
        return f"{left}{right}"  # acronyms and short proper names: AZWA-partijen, Wlz-zorg, GGD-regio
    return f"{stem}{right}"


def join_lines(lines: Iterable[str], vocab: Container[str] | None = None) -> str:
    """Join the lines of one paragraph into a single line of text."""
    cleaned = [line for raw in lines if (line := raw.replace(SOFT_HYPHEN, "").strip())]
    if not cleaned:
        return ""
    # A join only has a decision to make after a line that ends in a hyphen: without one, the lines
    # are joined with single spaces in one go.
    if any(line[-1] == "-" for line in cleaned[:-1]):
        out = cleaned[0]
        for line in cleaned[1:]:
            if out.endswith("-") and len(out) > 1 and out[-2].isalnum():
                out = join_hyphenated(out, line, vocab)
            else:
                out = f"{out} {line}"
    else:
        out = " ".join(cleaned)
    # A run of two needs a tab, a no-break space or two spaces: the test costs a fraction of the scan.
    if "  " in out or "\t" in out or "\u00a0" in out:
        out = _SPACE_RUN.sub(" ", out)
    return out
