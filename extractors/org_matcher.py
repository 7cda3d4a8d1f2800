"""Find registry organisations in text: token patterns (extractors.org_phrases) over regex tokens.

Patterns come from the registry (name, abbreviation, aliases). Acronyms match case-sensitively
(ZIN is also the word "zin", SER is not "ser"), other names case-insensitively (ActiZ/Actiz,
ZorgthuisNL/Zorgthuisnl). After matching:

1. guards: an alias with an `after` list needs one of those words right before it ("de Kamer");
2. compounds: "NZa-tarieven" is not a mention of the NZa; "SER-advies", "RIVM-monitor" are (the
   organisation token only, role mentioned), see `COMPOUND_MENTION_HEADS`;
3. overlaps: the longest match wins, then the earliest;
4. "NAME (ABBR)" and "ABBR (NAME)" of one organisation become one mention spanning both;
5. apposition: a role group directly followed by a named organisation ("de beroepsorganisaties
   Verenso en V&VN") is not a mention of its own.

Roles are assigned by extractors.org_roles. Unknown organisation-like names: extractors.org_unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from extractors.fast_copy import trusted
from extractors.org_phrases import PhraseIndex
from extractors.org_registry import ARTICLES, Registry
from extractors.org_roles import RoleLexicon, assign_roles
from extractors.org_tokens import Tokens, tokenize
from extractors.org_unknown import find_unknown
from schemas.facts import OrgMention, Role, UnknownOrganisation

# Heads of hyphenated compounds that still name the organisation as author or owner of an output:
# the gold convention counts "SER-advies", "NZA-advies", "RIVM-monitor" as mentions. Every other
# head ("VWS-begroting", "NZa-tarieven", "GGD-regio", "VNG-leden") names something else.
COMPOUND_MENTION_HEADS = frozenset(
    {
        "advies",
        "adviezen",
        "advisering",
        "monitor",
        "monitoring",
        "rapport",
        "rapporten",
        "rapportage",
        "onderzoek",
        "brief",
        "analyse",
        "evaluatie",
        "verkenning",
        "signalement",
        "standpunt",
        "uitvoeringstoets",
        "toets",
        "handreiking",
        "publicatie",
        "programma",
        "project",
        "website",
    }
)
# Names inside web and mail addresses are not mentions ("www.movisie.nl/publicatie").
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_MAX_ACRONYM_MIXED_LEN = 4


def is_acronym(word: str) -> bool:
    letters = "".join(filter(str.isalpha, word))
    if not letters:
        return False
    upper = sum(map(str.isupper, letters))
    return upper == len(letters) or (len(letters) <= _MAX_ACRONYM_MIXED_LEN and upper >= 2)


def _strip_article(alias: str) -> str:
    """Drop a leading article; names that start with one ("De Nederlandse GGZ") get it back after
    matching (see `_name_article`), because an article as a pattern's first word would open a
    window at every "de" of the text."""
    low = alias.lower()
    if not low.startswith(ARTICLES):  # most names: one C-level test
        return alias
    art = next(art for art in ARTICLES if low.startswith(art))
    return alias[len(art) :]


def _name_article(name: str) -> str | None:
    low = name.lower()
    return next((art.strip() for art in ARTICLES if low.startswith(art)), None)


@dataclass(slots=True)
class _Cand:
    start: int  # token indices
    end: int
    org_id: str
    compound: bool = False


@dataclass(frozen=True, slots=True)
class _PatternInfo:
    org_id: str
    after: tuple[str, ...] = ()


class OrgMatcher:
    """Finds registry organisations in text. Build once (it compiles ~1,000 patterns); reuse."""

    def __init__(self, registry: Registry | None = None, roles: RoleLexicon | None = None) -> None:
        self.registry = registry or Registry.load()
        self.roles = roles or RoleLexicon.load()
        self._phrases = PhraseIndex()
        self._info: list[_PatternInfo] = []  # by pattern key
        self.pattern_count = 0
        self._name_article: dict[str, str] = {}
        self._role_groups = frozenset(e.id for e in self.registry.raw_entries() if e.org.kind == "role_group")
        self._build()

    @classmethod
    def for_registry(cls, registry: Registry) -> OrgMatcher:
        if registry is Registry.load():
            return default_matcher()
        return _matcher_for(id(registry), registry)

    def _build(self) -> None:
        seen: set[tuple[bool, tuple[str, ...], str]] = set()
        for entry in self.registry.raw_entries():
            art = _name_article(entry.org.name)
            if art:
                self._name_article[entry.id] = art
            for form in entry.surface_forms():
                alias = _strip_article(form)
                words = tokenize(alias).words
                if not words:
                    continue
                letter_words = [w for w in words if any(map(str.isalpha, w))]
                sensitive = form in entry.case_sensitive or (
                    bool(letter_words) and all(is_acronym(w) for w in letter_words)
                )
                key_words = tuple(words) if sensitive else tuple(w.lower() for w in words)
                after = entry.after.get(form, ())
                dedupe = (sensitive, key_words, entry.id)
                if dedupe in seen and not after:
                    continue
                seen.add(dedupe)
                self._phrases.add(key_words, len(self._info), case_sensitive=sensitive)
                self._info.append(_PatternInfo(entry.id, after))
                self.pattern_count += 1

    # --- matching -------------------------------------------------------------------------------
    def _candidates(self, toks: Tokens) -> list[_Cand]:
        words = toks.words
        hits = self._phrases.matches(words, toks.low)
        if not hits:
            return []
        n = len(words)
        low = toks.low
        cands: list[_Cand] = []
        for key, s, e in hits:
            info = self._info[key]
            if info.after and (s == 0 or words[s - 1] not in info.after):
                continue
            compound = False
            # A hyphen glued to the name and a word after it: "NZa-tarieven", "SER-advies", "AZWA-\npartijen".
            if (
                e + 1 < n
                and words[e] == "-"
                and words[e + 1][0].isalpha()
                and toks.gap(e) == ""
                and ((gap := toks.gap(e + 1)) == "" or "\n" in gap)
            ):
                if words[e + 1].lower() not in COMPOUND_MENTION_HEADS:
                    continue
                compound = True
            art = self._name_article.get(info.org_id)
            if art and s > 0 and low[s - 1] == art:
                s -= 1  # "De Nederlandse GGZ": the article belongs to the name
            cands.append(_Cand(s, e, info.org_id, compound))
        if cands and ("www." in toks.text or "://" in toks.text or "@" in toks.text):
            cands = _outside_urls(toks, cands)
        return _resolve_overlaps(cands)

    def _merge_and_filter(self, toks: Tokens, cands: list[_Cand]) -> tuple[list[_Cand], set[int]]:
        """NAME (ABBR) pairs become one mention; role groups in apposition are dropped.

        Returns the mentions and the token indices of dropped appositions (the role logic skips them).
        """
        if len(cands) < 2:
            return cands, set()  # both rules are about a pair of neighbours
        words = toks.words
        out: list[_Cand] = []
        dropped: set[int] = set()
        i = 0
        while i < len(cands):
            c = cands[i]
            if i + 1 < len(cands):
                nxt = cands[i + 1]
                # "Nederlandse AI coalitie (NL AIC)", "Zorginstituut Nederland (het Zorginstituut)".
                between = words[c.end : nxt.start]
                if (
                    nxt.org_id == c.org_id
                    and between
                    and between[0] == "("
                    and all(w.lower() in ("(", "de", "het") for w in between)
                    and nxt.end < len(words)
                    and words[nxt.end] == ")"
                ):
                    out.append(_Cand(c.start, nxt.end + 1, c.org_id))
                    i += 2
                    continue
                if (
                    c.org_id in self._role_groups
                    and nxt.org_id not in self._role_groups
                    and nxt.start == c.end
                ):
                    dropped.update(range(c.start, c.end))
                    i += 1
                    continue
            out.append(c)
            i += 1
        return out, dropped

    def find(self, text: str) -> list[OrgMention]:
        """Registry organisations in `text`, non-overlapping, in order, with their role."""
        return self.find_all(text, unknown=False)[0]

    def find_all(self, text: str, unknown: bool = True) -> tuple[list[OrgMention], list[UnknownOrganisation]]:
        """Mentions and (with `unknown`) unknown organisation-like names, tokenising the text once."""
        toks = tokenize(text)
        cands, dropped = self._merge_and_filter(toks, self._candidates(toks))
        spans = [(toks.start(c.start), toks.end(c.end - 1)) for c in cands]
        unknowns = find_unknown(text, spans, self.registry.knows, toks.low) if unknown else []
        if not cands:
            return [], unknowns
        roles = assign_roles(toks, [(c.start, c.end, c.compound) for c in cands], dropped, self.roles)
        out = [
            _mention(c.org_id, text[cs:ce], role, cs, ce)
            for c, role, (cs, ce) in zip(cands, roles, spans, strict=True)
        ]
        return out, unknowns

    def find_ids(self, text: str) -> list[str]:
        """Organisation ids in `text`, without roles (cheaper: for filtering and benchmarks)."""
        toks = tokenize(text)
        cands, _ = self._merge_and_filter(toks, self._candidates(toks))
        return [c.org_id for c in cands]

    def find_unknown(self, text: str) -> list[UnknownOrganisation]:
        """Organisation-like names in `text` that the registry does not know, for curation."""
        return self.find_all(text)[1]


_MENTION_FIELDS_SET = frozenset({"organisation_id", "surface", "role", "char_start", "char_end"})


def _mention(org_id: str, surface: str, role: Role, start: int, end: int) -> OrgMention:
    """An OrgMention from values built here, not validated (extractors.fast_copy.trusted). Equal to
    the validated model; tests/test_organisations.py checks that."""
    values = {
        "char_start": start,
        "char_end": end,
        "block": None,
        "page": None,
        "organisation_id": org_id,
        "surface": surface,
        "role": role,
    }
    return trusted(OrgMention, values, _MENTION_FIELDS_SET)


def _outside_urls(toks: Tokens, cands: list[_Cand]) -> list[_Cand]:
    urls = [m.span() for m in _URL_RE.finditer(toks.text)]
    return [
        c for c in cands if not any(s <= toks.start(c.start) and toks.end(c.end - 1) <= e for s, e in urls)
    ]


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then earliest; keep the ones that do not overlap an already kept match."""
    if all(a.end <= b.start for a, b in pairwise(cands)):
        return cands  # in order and apart (the usual case): all are kept, in this order
    cands.sort(key=lambda c: (c.start - c.end, c.start))
    taken: list[_Cand] = []
    used: set[int] = set()
    for c in cands:
        span = range(c.start, c.end)
        if any(t in used for t in span):
            continue
        used.update(span)
        taken.append(c)
    taken.sort(key=lambda c: c.start)
    return taken


@lru_cache(maxsize=1)
def default_matcher() -> OrgMatcher:
    """The matcher over the default registry, built once per process."""
    return OrgMatcher()


@lru_cache(maxsize=4)
def _matcher_for(_key: int, registry: Registry) -> OrgMatcher:
    return OrgMatcher(registry)


__all__ = ["COMPOUND_MENTION_HEADS", "OrgMatcher", "Role", "default_matcher", "is_acronym"]
