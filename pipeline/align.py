"""Align agreements across two versions by content, not only by code.

Codes get renumbered (a concept measure "A1" became the final "A2"), blocks are split ("C3" into
"C3a"/"C3b") or merged, titles are reworded. A pair's score combines title and body similarity with
the organisations and deadlines the two share; a shared code only breaks ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from pipeline.snapshot import AgreementView
from pipeline.textdiff import fold

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
# Containment is only worth computing for pairs that share words at all: a part split off a block
# scores at least 0.35 against it (its body's words are a subset of the whole's), unrelated blocks
# far less; the screen keeps the expensive partial match to a handful of pairs.
SPLIT_SCREEN = 0.3
SPLIT_CANDIDATES = 3
# Bodies are compared on their first characters: enough to tell agreements apart.
BODY_CHARS = 2000


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


def pair_scores(old: list[AgreementView], new: list[AgreementView]) -> np.ndarray:
    """The pair score of every old/new pair as a matrix. Title and body similarity are computed by
    rapidfuzz in C over all pairs at once: two 100-page agreements have tens of thousands of pairs."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    titles = process.cdist(
        [fold(a.title) for a in old], [fold(b.title) for b in new], scorer=fuzz.token_set_ratio, workers=-1
    )
    bodies = process.cdist(
        [fold(a.body[:BODY_CHARS]) for a in old],
        [fold(b.body[:BODY_CHARS]) for b in new],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )
    score = (W_TITLE * titles + W_BODY * bodies) / 100
    old_actors, new_actors = [set(a.actors) for a in old], [set(b.actors) for b in new]
    old_times, new_times = [_times(a) for a in old], [_times(b) for b in new]
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            extra = W_ACTORS * _jaccard(old_actors[i], new_actors[j]) + W_TIMES * _jaccard(
                old_times[i], new_times[j]
            )
            if a.code and a.code == b.code:
                extra += CODE_BONUS
            score[i, j] += extra
    return np.minimum(score, 1.0)


def pair_score(a: AgreementView, b: AgreementView) -> float:
    return float(pair_scores([a], [b])[0, 0])


def _base(code: str | None) -> str | None:
    return re.sub(r"[a-z]+$", "", code) if code else None


def _contained(part: AgreementView, whole: AgreementView) -> float:
    probe = fold(part.body)[:SPLIT_PROBE_CHARS]
    if not probe:
        return 0.0
    return fuzz.partial_ratio(probe, fold(whole.body)) / 100


def _container(
    part: AgreementView, others: list[AgreementView], scores: np.ndarray
) -> tuple[int, float] | None:
    """The block `part` was split off (or merged into): by code first, else by containing its text;
    only the best-scoring candidates are checked, the partial match being the expensive part."""
    for k, other in enumerate(others):
        if part.code and other.code and part.code != other.code and _base(part.code) == other.code:
            return k, float(scores[k])
    for k in np.argsort(-scores, kind="stable")[:SPLIT_CANDIDATES]:
        if scores[k] < SPLIT_SCREEN:
            break
        evidence = _contained(part, others[int(k)])
        if evidence >= SPLIT_MIN:
            return int(k), evidence
    return None


def align(old: list[AgreementView], new: list[AgreementView]) -> Alignment:
    matrix = pair_scores(old, new)
    rows, cols = np.nonzero(matrix >= MATCH_MIN)
    scores = sorted(
        ((float(matrix[i, j]), int(i), int(j)) for i, j in zip(rows, cols, strict=True)),
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
    # inside an old block, was split off it; the reverse is a merge.
    for j, b in enumerate(new):
        if j in used_new:
            continue
        found = _container(b, old, matrix[:, j])
        if found is None:
            continue
        i, evidence = found
        a = old[i]
        partner = next((pb for pa, pb, _ in pairs if pa is a), None)
        existing = next((s for s in splits if s[0] is a), None)
        if existing:
            existing[1].append(b)
        else:
            splits.append((a, [p for p in (partner, b) if p is not None], evidence))
        used_new.add(j)
        used_old.add(i)
    for i, a in enumerate(old):
        if i in used_old:
            continue
        found = _container(a, new, matrix[i, :])
        if found is None:
            continue
        j, evidence = found
        b = new[j]
        partner = next((pa for pa, pb, _ in pairs if pb is b), None)
        existing = next((m for m in merges if m[1] is b), None)
        if existing:
            existing[0].append(a)
        else:
            merges.append(([p for p in (partner, a) if p is not None], b, evidence))
        used_old.add(i)
        used_new.add(j)
    removed = [a for i, a in enumerate(old) if i not in used_old]
    added = [b for j, b in enumerate(new) if j not in used_new]
    return Alignment(pairs, splits, merges, removed, added)
