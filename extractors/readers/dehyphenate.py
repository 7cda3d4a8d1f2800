"""Rejoin hard-broken lines into paragraphs, Dutch-aware about hyphens at line ends.

A hyphen at the end of a line is either a soft break inside one word ("organisa-" / "tie"), part
of a compound that keeps its hyphen ("AZWA-" / "partijen", "Wlz-" / "zorg", "2025-" / "2028"), or an
elliptical compound that keeps hyphen and space ("Zorg-" / "en Welzijnsakkoord"). The document's
own vocabulary decides first (a form seen elsewhere in the document wins); rules decide the rest.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# Words that follow an elliptical compound: "zorg- en welzijn", "cliënten- of naastenorganisaties".
_ELLIPSIS_FOLLOWERS = frozenset({"en", "of", "tot", "t/m", "noch", "dan", "als", "c.q.", "en/of"})


def build_vocabulary(text: str) -> set[str]:
    """Lower-cased words of a text, hyphenated compounds included, for the join decisions."""
    # findall and map run in C: a third faster than a comprehension over match objects.
    return set(map(str.lower, _WORD.findall(text.replace(SOFT_HYPHEN, ""))))


def _last_word(s: str) -> str:
    m = re.search(r"[^\W_]+$", s)
    return m.group(0) if m else ""


def join_hyphenated(left: str, right: str, vocab: Collection[str] | None = None) -> str:
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


def join_lines(lines: Iterable[str], vocab: Collection[str] | None = None) -> str:
    """Join the lines of one paragraph into a single line of text."""
    out = ""
    for raw in lines:
        line = raw.replace(SOFT_HYPHEN, "").strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out = join_hyphenated(out, line, vocab)
        else:
            out = f"{out} {line}"
    return re.sub(r"[ \t\u00a0]{2,}", " ", out)
