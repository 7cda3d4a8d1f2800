"""Role of each organisation mention: actor, involved or mentioned. Small clause-level rules.

The cue phrases and verbs are data (data/roles.yaml). Mentions joined only by list material
("VWS, VNG en ZN", "zorginstellingen (ActiZ)", "Leden van Team Overheid (met name CIZ ...)") form a
group that shares one role, decided in this order:

1. a compound mention ("SER-advies") is mentioned;
2. a cue phrase right before the group decides ("in afstemming met" involved, "op verzoek van"
   actor, "aan"/"van"/"voor" mentioned; "door X <participle>-de/-te" as in "de door zorgaanbieders
   genoemde knelpunten" is mentioned);
3. a passive involvement after it ("X worden hierbij betrokken") makes it involved;
4. a finite verb right before it makes it the inverted subject or an acting object ("Daarnaast
   verkennen VWS, NZa en ZN", "vraagt VWS het Zorginstituut ... advies"); after an involve verb
   ("betrekt") it is involved unless nothing subject-like precedes the verb ("Bij ... betrekt VWS");
5. at the start of a clause it is the subject: actor (a copula after it, "is een", makes it mentioned);
6. otherwise the nearest earlier mention of the clause passes on its role (a list with nouns in
   between), or a strong cue further back (an involve verb, "samen met", "door") decides;
7. otherwise mentioned.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

from extractors.datafile import load_yaml
from extractors.org_registry import DATA_DIR
from extractors.org_tokens import Tokens
from schemas.facts import Role

DEFAULT_PATH = DATA_DIR / "roles.yaml"
# A clause longer than this is cut off when looking for its start: bounds the cost on run-on text.
MAX_CLAUSE_TOKENS = 80
_SENTENCE_END = frozenset({".", "?", "!"})
_HARD_BOUNDARY = frozenset({";", ":", "·", "•", "[", "]", "|"})
_BULLETS = frozenset({"·", "•", "-", "–", "o", "▪", "*"})
# Suffixes of a Dutch finite verb heading a verb-first clause ("Onderzoeken de NZa ...", "Stelt de NZa").
_VERB_FIRST_SUFFIXES = ("t", "en", "d")
_MIN_PARTICIPLE_LEN = 5


@dataclass(frozen=True)
class RoleLexicon:
    before: dict[tuple[str, ...], Role]
    before_last: frozenset[str]  # last words of the `before` phrases: a quick test before the lookup
    max_before: int
    strong: frozenset[tuple[str, ...]]
    involve_verbs: frozenset[str]
    passive_involved: frozenset[str]
    passive_aux: frozenset[str]
    passive_window: int
    copula_after: tuple[tuple[str, ...], ...]
    attributive_suffixes: tuple[str, ...]
    verbs: frozenset[str]
    skip: frozenset[str]
    transparent: dict[str, tuple[tuple[str, ...], ...]]  # by last word, longest first
    connectors: frozenset[str]
    subject_words: frozenset[str]
    clause_starters: frozenset[str]
    hard_boundaries: frozenset[str]  # clause starters and boundary punctuation, for `_Clauses`
    clause_marks: frozenset[str]  # lower-cased tokens that may end a clause: the scan of `_Clauses`

    @classmethod
    def load(cls, path: str | Path | None = None) -> RoleLexicon:
        # The default is asked for once per block (org_unknown): skip building its cache key.
        return _default_lexicon() if path is None else _load(str(path))


@lru_cache(maxsize=1)
def _default_lexicon() -> RoleLexicon:
    return _load(str(DEFAULT_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> RoleLexicon:
    raw = load_yaml(Path(path))
    before: dict[tuple[str, ...], Role] = {}
    strong: set[tuple[str, ...]] = set()
    for role_name, phrases in raw["before"].items():
        role = Role("mentioned" if role_name == "mentioned" else role_name)
        for p in phrases:
            key = tuple(p.lower().split())
            before[key] = role
            if role is not Role.mentioned:
                strong.add(key)
    return RoleLexicon(
        before=before,
        before_last=frozenset(k[-1] for k in before),
        max_before=max(len(k) for k in before),
        strong=frozenset(strong),
        involve_verbs=frozenset(raw["involve_verbs"]),
        passive_involved=frozenset(raw["passive_involved"]),
        passive_aux=frozenset(raw["passive_aux"]),
        passive_window=int(raw["passive_window"]),
        copula_after=tuple(tuple(x) for x in raw["copula_after"]),
        attributive_suffixes=tuple(raw["attributive_participle_suffixes"]),
        verbs=frozenset(str(v) for v in raw["verbs"]),
        skip=frozenset(str(s) for s in raw["skip"]),
        transparent=_by_last_word(tuple(t.split()) for t in raw["transparent"]),
        connectors=frozenset(str(c) for c in raw["connectors"]),
        subject_words=frozenset(raw["subject_words"]),
        clause_starters=frozenset(raw["clause_starters"]),
        hard_boundaries=frozenset(raw["clause_starters"]) | _HARD_BOUNDARY,
        clause_marks=frozenset(raw["clause_starters"]) | _HARD_BOUNDARY | _SENTENCE_END | _BULLETS,
    )


def _by_last_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[-1], []).append(p)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


class _Clauses:
    """Clause boundaries of a token list, found once per text with C-level scans, then bisected."""

    def __init__(self, toks: Tokens, low: list[str], lex: RoleLexicon, lo: int, hi: int) -> None:
        """Boundaries among tokens [lo, hi): the stretch that the mentions' clauses can reach."""
        words = toks.words
        n = len(words)
        hard = lex.hard_boundaries
        ends: list[int] = []  # in increasing order, as the scan finds them
        # One scan over the lower-cased tokens finds every token that may matter ("O" is "o" there:
        # the bullet test below reads the token as written).
        for i in compress(range(lo, hi), map(lex.clause_marks.__contains__, low[lo:hi])):
            w = words[i]
            # A bullet at the start of a line ends whatever came before it.
            if w in _BULLETS and i > 0 and "\n" in toks.gap(i) and (not ends or ends[-1] != i - 1):
                ends.append(i - 1)
            if low[i] in hard or (
                # A full stop ends a sentence before a capital, digit or bullet, not inside "o.a. de".
                w in _SENTENCE_END
                and (
                    i + 1 >= n
                    or words[i + 1][0].isupper()
                    or words[i + 1][0].isdigit()
                    or words[i + 1] in _BULLETS
                )
            ):
                ends.append(i)
        self.bounds = set(ends)
        self._sorted = ends

    def is_boundary(self, i: int) -> bool:
        """Token i ends a clause (the token itself belongs to neither side)."""
        return i in self.bounds

    def start(self, i: int) -> int:
        """First token of the clause that token i is in."""
        k = bisect_left(self._sorted, i) - 1
        prev = self._sorted[k] if k >= 0 else -1
        return max(prev + 1, i - MAX_CLAUSE_TOKENS)


def assign_roles(
    toks: Tokens,
    mentions: Sequence[tuple[int, int, bool]],
    skippable: set[int],
    lex: RoleLexicon,
) -> list[Role]:
    """Roles for mentions given as (start token, end token, is_compound), in text order."""
    low = toks.low
    # Clauses reach at most MAX_CLAUSE_TOKENS back from a mention and a passive window forward.
    lo = max(0, mentions[0][0] - MAX_CLAUSE_TOKENS - 1)
    hi = min(len(low), mentions[-1][1] + lex.passive_window + 2)
    clauses = _Clauses(toks, low, lex, lo, hi)
    roles: list[Role] = [Role.mentioned] * len(mentions)
    role_at: dict[int, Role] = {}  # token index -> role of the mention covering it
    mention_tokens: set[int] = set()
    for s, e, _ in mentions:
        mention_tokens.update(range(s, e))

    def skippable_at(j: int) -> int:
        """Length of the skippable material ending at token j (0 if none)."""
        if j in skippable:
            return 1
        w = low[j]
        for phrase in lex.transparent.get(w, ()):
            n = len(phrase)
            if j - n + 1 >= 0 and tuple(low[j - n + 1 : j + 1]) == phrase:
                return n
        if w in lex.skip or w in lex.connectors or w.isdigit():
            return 1
        return 0

    def skip_back(j: int, floor: int) -> int:
        while j >= floor:
            n = skippable_at(j)
            if not n:
                break
            j -= n
        return j

    # Group mentions that only list material separates.
    groups: list[list[int]] = []
    for idx, (s, _e, compound) in enumerate(mentions):
        if groups and not compound and not mentions[groups[-1][-1]][2]:
            prev_end = mentions[groups[-1][-1]][1]
            if skip_back(s - 1, prev_end) < prev_end:
                groups[-1].append(idx)
                continue
        groups.append([idx])

    for group in groups:
        gs, ge = mentions[group[0]][0], mentions[group[-1]][1]
        if len(group) == 1 and mentions[group[0]][2]:
            role = Role.mentioned
        else:
            role = _group_role(gs, ge, toks, low, lex, clauses, skip_back, role_at, mention_tokens)
        for idx in group:
            roles[idx] = role
            for t in range(mentions[idx][0], mentions[idx][1]):
                role_at[t] = role
    return roles


def _cue_before(low: list[str], k: int, floor: int, lex: RoleLexicon) -> tuple[tuple[str, ...], Role] | None:
    if low[k] not in lex.before_last:
        return None
    for n in range(min(lex.max_before, k - floor + 1), 0, -1):
        phrase = tuple(low[k - n + 1 : k + 1])
        role = lex.before.get(phrase)
        if role is not None:
            return phrase, role
    return None


def _group_role(gs, ge, toks, low, lex, clauses, skip_back, role_at, mention_tokens) -> Role:
    cs = clauses.start(gs)
    k = skip_back(gs - 1, cs)
    # 2. a cue phrase right before the group
    if k >= cs:
        cue = _cue_before(low, k, cs, lex)
        if cue is not None:
            phrase, role = cue
            if phrase == ("door",) and _attributive_after(ge, toks, low, lex, clauses):
                return Role.mentioned
            return role
    # 3. passive involvement after the group
    if _passive_involved(ge, cs, low, lex, clauses, mention_tokens):
        return Role.involved
    # 4. a finite verb right before the group
    if k >= cs and _is_verb(k, cs, toks, low, lex, skip_back):
        if low[k] in lex.involve_verbs and _subject_before(cs, k, low, lex, mention_tokens):
            return Role.involved
        return Role.actor
    # 5. clause start: the subject
    if k < cs:
        for pattern in lex.copula_after:
            if tuple(low[ge : ge + len(pattern)]) == pattern:
                return Role.mentioned
        return Role.actor
    # 6. an earlier mention of the clause or a strong cue further back
    for j in range(k, cs - 1, -1):
        if j in role_at:
            return role_at[j]
        if low[j] in lex.involve_verbs:
            return Role.involved
        # The test that opens `_cue_before`, here to spare a call per word of a long clause.
        if low[j] in lex.before_last:
            cue = _cue_before(low, j, cs, lex)
            if cue is not None and cue[0] in lex.strong:
                return cue[1]
    return Role.mentioned


def _attributive_after(ge: int, toks: Tokens, low: list[str], lex: RoleLexicon, clauses: _Clauses) -> bool:
    """'door X genoemde knelpunten': a participle in -de/-te followed by a word, inside the clause."""
    if ge + 1 >= len(low) or clauses.is_boundary(ge):
        return False
    w = low[ge]
    return (
        len(w) >= _MIN_PARTICIPLE_LEN
        and w.isalpha()
        and w.endswith(lex.attributive_suffixes)
        and toks.words[ge + 1][0].isalpha()
    )


def _passive_involved(ge, cs, low, lex, clauses, mention_tokens) -> bool:
    hi = min(len(low), ge + lex.passive_window)
    for j in range(ge, hi):
        if j in mention_tokens or clauses.is_boundary(j):
            return False
        if low[j] in lex.passive_involved:
            return any(low[t] in lex.passive_aux for t in range(cs, j) if t not in mention_tokens)
    return False


def _is_verb(k, cs, toks, low, lex, skip_back) -> bool:
    if low[k] in lex.verbs:
        return True
    # Verb-first clause: the first word of the clause, capitalised, shaped like a finite verb.
    w = toks.words[k]
    return (
        skip_back(k - 1, cs) < cs
        and w[0].isupper()
        and w.isalpha()
        and low[k] not in lex.before
        and low[k].endswith(_VERB_FIRST_SUFFIXES)
    )


def _subject_before(cs, k, low, lex, mention_tokens) -> bool:
    return any(t in mention_tokens or low[t] in lex.subject_words for t in range(cs, k))
