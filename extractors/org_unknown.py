"""Organisation-like names the registry does not know, recorded for curation (never dropped silently).

Three shapes are reported:

- acronyms: 2-6 capitals, possibly with "&" or a trailing number ("NLZVE", "ZE&GG", "G40"), with a
  glued footnote number removed ("IKZ4" -> "IKZ");
- legal-form names: "Stichting ...", "Vereniging ...", "Federatie ...", "Coöperatie ...", "Platform
  ...", "Kenniscentrum ...", "Netwerk ...", "Alliantie ...", "Bureau ..." followed by capitalised words;
- capitalised multi-word names (two or more capitalised words, linked by van/voor/en/de...) that act:
  within a few words of an action verb (data/roles.yaml `verbs`) or after "door"/"met"/"samen met".

The stoplist (data/org_stoplist.yaml) excludes laws, programmes, standards, month names and common
sentence starts. Names inside a registry mention are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from extractors.datafile import load_yaml
from extractors.org_registry import DATA_DIR
from extractors.org_roles import RoleLexicon
from schemas.facts import UnknownOrganisation

STOPLIST_PATH = DATA_DIR / "org_stoplist.yaml"
# Characters of context kept on each side of an unknown name (the brief asks for about 80 in all).
CONTEXT_CHARS = 40
# How many words after a capitalised name an action verb may follow and still count as "acting".
VERB_WINDOW_WORDS = 3

# The patterns below scan every block. Each opens with a capital and only then looks behind it
# ("[A-Z](?<![\w.][A-Z])" where one would write "(?<![\w.])[A-Z]"): the same matches, but a pattern
# that starts with a character class lets the regex engine skip ahead to the next capital instead of
# trying the look-behind at every position, which halves the cost of a scan.
_LEGAL_FORMS = (
    "Stichting",
    "Vereniging",
    "Federatie",
    "Coöperatie",
    "Platform",
    "Kenniscentrum",
    "Netwerk",
    "Alliantie",
    "Bureau",
)
_LEGAL_FORMS_LOW = frozenset(form.lower() for form in _LEGAL_FORMS)

# Capitals (and &) only; digits glued after them are a footnote number or a year and fall off.
_ACRONYM = re.compile(r"([A-Z](?<![\w&.-][A-Z])[A-Z&]{1,5})(?=\d{0,3}(?![\w&]))")
_ROMAN = re.compile(r"^[IVXLC]+$")
# A legal form at the start of a word ("\bStichting"), then capitalised words.
_LEGAL_FORM = re.compile(
    "(?:" + "|".join(rf"{form[0]}(?<!\w.){form[1:]}" for form in _LEGAL_FORMS) + ")"
    r"(?:\s+(?:(?:van|voor|de|der|het|en|in|&)\s+)?[A-Z0-9][\w&'’.-]*)+"
)
# Capitalised words (a capital, then lower case) linked by small words; line breaks allowed
# because PDF exports break lines mid-name.
_CAPITALISED_RUN = re.compile(
    r"[A-Z](?<![\w.][A-Z])[a-zà-ÿ][\w&'’-]*(?:\s+(?:(?:van|voor|de|der|het|en|&|in)\s+)?[A-Z][a-zà-ÿ][\w&'’-]*)+"
)
# A word of a capitalised run, quotes excluded (see `_trim_run`).
_RUN_WORD = re.compile(r"[^\s'’‘\"“”]+")
_AGENT_BEFORE = re.compile(r"(?:\bdoor|\bmet|\bsamen met|\bbij)\s+(?:de\s+|het\s+)?$")


@dataclass(frozen=True)
class Stoplist:
    exact: frozenset[str]  # compared as written (acronyms) ...
    lower: frozenset[str]  # ... and lower-cased (words)
    name_endings: tuple[str, ...]  # a capitalised run ending in one names a thing, not an organisation
    endings_anywhere: tuple[str, ...]  # ... and so does a run with any word ending in one of these

    def stops(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.lower


@lru_cache(maxsize=2)
def load_stoplist(path: str | Path = STOPLIST_PATH) -> Stoplist:
    raw = load_yaml(Path(path))
    endings = tuple(str(w).lower() for w in raw.pop("name_endings", ()))
    anywhere = tuple(str(w).lower() for w in raw.pop("endings_anywhere", ()))
    exact: set[str] = set()
    for group in raw.values():
        exact.update(str(w) for w in group)
    return Stoplist(
        frozenset(exact), frozenset(w.lower() for w in exact if not w.isupper()), endings, anywhere
    )


def _trim_run(text: str, start: int, end: int, stop: Stoplist) -> tuple[int, int] | None:
    """Drop leading stopwords ("Het Generiek Kompas", "Tijdens de Slimme Zorg Estafette"); None if
    fewer than two capitalised words remain or the run names a thing ("... Dementiestrategie")."""
    words = list(_RUN_WORD.finditer(text, start, end))
    while words and (stop.stops(words[0].group()) or words[0].group()[0].islower()):
        words.pop(0)
    # A heading followed by a sentence start: "Mantelzorg Het versterken", "Overig De NZa".
    while words and (stop.stops(words[-1].group()) or words[-1].group()[0].islower()):
        words.pop()
    texts = [w.group() for w in words]
    if sum(t[0].isupper() for t in texts) < 2 or any(a == b for a, b in pairwise(texts)):
        return None
    if texts[-1].lower().endswith(stop.name_endings) or any(
        t.lower().endswith(stop.endings_anywhere) for t in texts
    ):
        return None
    return words[0].start(), words[-1].end()


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _context(text: str, start: int, end: int) -> str:
    ctx = text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS]
    return " ".join(ctx.split())


# Around an acronym, a share of capitals above this means the whole line is set in capitals.
SHOUTING_SHARE = 0.7
SHOUTING_WINDOW = 25


def _shouting(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - SHOUTING_WINDOW) : start] + text[end : end + SHOUTING_WINDOW]
    letters = sum(map(str.isalpha, around))
    return letters >= 4 and sum(map(str.isupper, around)) / letters > SHOUTING_SHARE


def _may_name_legal_form(text: str, low_words: Collection[str] | None) -> bool:
    """False where `_LEGAL_FORM` cannot match. A match starts with a form that is a whole token
    (a non-word character before it, whitespace after it), or the end of one joined by "&"
    ("Zorg&Stichting"): without "&" in the text, one set test over the tokens already hashed
    for the phrase lookup decides, instead of a substring search per form."""
    if low_words is None or "&" in text:
        return any(form in text for form in _LEGAL_FORMS)
    return not _LEGAL_FORMS_LOW.isdisjoint(low_words)


def find_unknown(
    text: str,
    known: list[tuple[int, int]],
    is_known: Callable[[str], bool] = lambda _: False,
    low_words: Collection[str] | None = None,
) -> list[UnknownOrganisation]:
    """Unknown organisation-like names in `text`.

    `known` are the spans of registry mentions; `is_known(surface)` says whether the registry has
    the name although it was no mention here (the "VWS" of "VWS-begroting"). `low_words`, the
    lower-cased tokens of `text` (extractors.org_tokens) if the caller has them, make a cheaper
    test for legal forms.
    """
    stop = load_stoplist()
    verbs = RoleLexicon.load().verbs
    found: dict[tuple[int, int], str] = {}
    for m in _ACRONYM.finditer(text):
        surface = m.group(1)
        start, end = m.span(1)
        # Cheapest and most often decisive tests first (the stoplist, then the registry mentions).
        if stop.stops(surface) or _overlaps(start, end, known) or sum(map(str.isupper, surface)) < 2:
            continue
        if _ROMAN.match(surface) or is_known(surface):
            continue
        if _shouting(text, start, end):
            continue  # a line in capitals ("MOTIE VAN HET LID ...", "2500 EA DEN HAAG") has no acronyms
        found[(start, end)] = surface
    # The legal-form scan costs as much as the others; the forms themselves are rare, and plain
    # substring tests (a fraction of the cost) rule it out for almost every block.
    if _may_name_legal_form(text, low_words):
        for m in _LEGAL_FORM.finditer(text):
            surface = " ".join(m.group(0).rstrip(".,'’").split())
            end = m.start() + len(m.group(0).rstrip(".,'’"))
            if " " in surface and not is_known(surface) and not _overlaps(m.start(), end, known):
                found[(m.start(), end)] = surface
    for m in _CAPITALISED_RUN.finditer(text):
        span = _trim_run(text, m.start(), m.end(), stop)
        if span is None or _overlaps(*span, known):
            continue
        surface = " ".join(text[span[0] : span[1]].split())
        if is_known(surface) or stop.stops(surface):
            continue
        after = text[span[1] : span[1] + 60].split()[:VERB_WINDOW_WORDS]
        acts = any(w.strip(".,;:()").lower() in verbs for w in after)
        if acts or _AGENT_BEFORE.search(text[max(0, span[0] - 20) : span[0]]):
            found[span] = surface
    out: list[UnknownOrganisation] = []
    last_end = -1
    for (start, end), surface in sorted(found.items()):
        if start < last_end:  # an acronym inside a longer reported name
            continue
        last_end = end
        out.append(
            UnknownOrganisation(
                surface=surface, context=_context(text, start, end), char_start=start, char_end=end
            )
        )
    return out
