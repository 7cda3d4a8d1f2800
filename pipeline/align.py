"""Align agreements across two versions by content, not only by code.

Codes get renumbered (a concept measure "A1" became the final "A2"), blocks are split ("C3" into
"C3a"/"C3b") or merged, titles are reworded. A pair's score combines title and body similarity with
the organisations and deadlines the two share; a shared code only breaks ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.snapshot import AgreementView
from pipeline.textdiff import fold, overlap

# Weights of the evidence in a pair score (sum 1.0). Titles carry most signal; bodies are long and
# similar across agreements of one chapter, so they count less; shared actors and deadlines are
# corroboration. Chosen on the AZWA onderhandelaarsakkoord/definitief pair and the HLO renderings.
W_TITLE, W_BODY, W_ACTORS, W_TIMES = 0.45, 0.35, 0.1, 0.1
# The same printed code adds this much: enough to prefer it between near-equal candidates.
CODE_BONUS = 0.08
# Minimum score for a pair: the lowest true pair in the AZWA versions scored 0.62 (a reworded title
# with the same body); the highest false pair 0.45 (two "We verminderen regeldruk ..." blocks).
MATCH_MIN = 0.55
# A block is part of a split/merge when this share of its folded text is found in the other side
# (rapidfuzz partial_ratio on up to SPLIT_PROBE_CHARS characters).
SPLIT_MIN = 0.85
SPLIT_PROBE_CHARS = 600


@dataclass
class Alignment:
    pairs: list[tuple[AgreementView, AgreementView, float]]
    splits: list[tuple[AgreementView, list[AgreementView], float]]  # old -> several new
    merges: list[tuple[list[AgreementView], AgreementView, float]]  # several old -> new
    removed: list[AgreementView]
    added: list[AgreementView]


def _jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _times(a: AgreementView) -> set[tuple[str | None, str | None]]:
    return {(t.start, t.end) for t in a.times if t.start}


def pair_score(a: AgreementView, b: AgreementView) -> float:
    title = overlap(a.title, b.title)
    body = overlap(a.body[:2000], b.body[:2000])
    actors = _jaccard(set(a.actors), set(b.actors))
    times = _jaccard(_times(a), _times(b))
    score = W_TITLE * title + W_BODY * body + W_ACTORS * actors + W_TIMES * times
    if a.code and a.code == b.code:
        score += CODE_BONUS
    return min(1.0, score)


def _base(code: str | None) -> str | None:
    return re.sub(r"[a-z]+$", "", code) if code else None


def _contained(part: AgreementView, whole: AgreementView) -> float:
    from rapidfuzz import fuzz

    probe = fold(part.body)[:SPLIT_PROBE_CHARS]
    if not probe:
        return 0.0
    return fuzz.partial_ratio(probe, fold(whole.body)) / 100


def align(old: list[AgreementView], new: list[AgreementView]) -> Alignment:
    scores = sorted(
        ((pair_score(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[AgreementView, AgreementView, float]] = []
    for score, i, j in scores:
        if score < MATCH_MIN:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((old[i], new[j], score))

    splits: list[tuple[AgreementView, list[AgreementView], float]] = []
    merges: list[tuple[list[AgreementView], AgreementView, float]] = []
    # An unmatched new block whose code extends an old code ("C3a" from "C3"), or whose text lies
    # inside an old block, was split off it.
    for j, b in enumerate(new):
        if j in used_new:
            continue
        for i, a in enumerate(old):
            by_code = (
                b.code is not None and a.code is not None and _base(b.code) == a.code and b.code != a.code
            )
            evidence = _contained(b, a)
            if by_code or evidence >= SPLIT_MIN:
                partner = next((pb for pa, pb, _ in pairs if pa is a), None)
                existing = next((s for s in splits if s[0] is a), None)
                if existing:
                    existing[1].append(b)
                else:
                    splits.append((a, [p for p in (partner, b) if p is not None], evidence))
                used_new.add(j)
                used_old.add(i)
                break
    for i, a in enumerate(old):
        if i in used_old:
            continue
        for j, b in enumerate(new):
            by_code = (
                a.code is not None and b.code is not None and _base(a.code) == b.code and a.code != b.code
            )
            evidence = _contained(a, b)
            if by_code or evidence >= SPLIT_MIN:
                partner = next((pa for pa, pb, _ in pairs if pb is b), None)
                existing = next((m for m in merges if m[1] is b), None)
                if existing:
                    existing[0].append(a)
                else:
                    merges.append(([p for p in (partner, a) if p is not None], b, evidence))
                used_old.add(i)
                used_new.add(j)
                break
    removed = [a for i, a in enumerate(old) if i not in used_old]
    added = [b for j, b in enumerate(new) if j not in used_new]
    return Alignment(pairs, splits, merges, removed, added)
