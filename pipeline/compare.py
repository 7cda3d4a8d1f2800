"""Compare two documents on their extracted facts: what really changed, and nothing for noise.

Agreements are aligned by content (pipeline.align); aligned pairs are compared field by field:
code, title and what-text (word-level redlines on normalised text), commitments, actors (by
organisation id and role), deadlines (by calendar interval, paired by the task they bound) and
amounts. Outside agreements the text is compared sentence by sentence, so rewrapped lines, page
furniture, footnote numbering or a paragraph split differently by another rendering are not changes;
a paragraph that moved is reported as moved.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np
from rapidfuzz import fuzz, process

from extractors.sentences import sentence_spans
from pipeline.align import align
from pipeline.snapshot import AgreementView, DocumentView, Sentence, TimeRow, load
from pipeline.textdiff import fold, redline, similarity
from schemas.changes import AlignedPair, Change, ChangeKind, ChangeReport, DeadlineSpan

# Texts this similar after folding differ by a few characters: a misread (Wlz/Wiz) or a lost
# diacritic in one rendering is as likely as an edit, so the change is marked low-confidence.
LOW_CONFIDENCE_MIN = 0.95
# Two commitments, or two sentences, are the same one reworded when this similar (rapidfuzz ratio on
# folded text); below it they are one removed and one added.
REWORDED_MIN = 0.6
# Fragments of at most this many words that differ only in numbers are chart labels or axis values.
SHORT_FRAGMENT_WORDS = 4
# A sentence whose words all reappear in a longer one was extended, not replaced; weighed below a
# whole-sentence match so that an exact rewording wins.
SUBSET_WEIGHT = 0.9
# A removed and an added deadline are one moved deadline when their tasks overlap this much
# (token_set_ratio), or when each side has only one unpaired deadline left.
TASK_PAIR_MIN = 0.5
METADATA_FIELDS = ("title", "date", "version", "kind")
_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def compare(conn: sqlite3.Connection, from_id: str, to_id: str) -> ChangeReport:
    old, new = load(conn, from_id), load(conn, to_id)
    report = ChangeReport(from_document=old.summary, to_document=new.summary)
    report.changes.extend(_metadata(old, new))
    alignment = align(old.agreements, new.agreements)
    for a, b, score in alignment.pairs:
        kind = "same" if a.code == b.code else "renumbered"
        report.alignment.append(
            AlignedPair(
                key_from=a.key,
                key_to=b.key,
                score=round(score, 3),
                kind=kind,
                title_from=a.title,
                title_to=b.title,
            )
        )
        report.changes.extend(compare_pair(old, new, a, b, score))
        span = _deadline_span(a, b)
        if span is not None:
            report.deadline_spans.append(span)
    for a, parts, score in alignment.splits:
        keys = [p.key for p in parts]
        report.alignment.extend(
            AlignedPair(key_from=a.key, key_to=k, score=round(score, 3), kind="split") for k in keys
        )
        report.changes.append(
            Change(
                kind=ChangeKind.split,
                agreement_key_from=a.key,
                agreement_key_to=keys[0],
                old_value=a.title,
                new_value=" | ".join(p.title for p in parts),
                score=round(score, 3),
                related=keys,
                old=old.side(a),
                new=new.side(parts[0]),
            )
        )
    for parts, b, score in alignment.merges:
        keys = [p.key for p in parts]
        report.alignment.extend(
            AlignedPair(key_from=k, key_to=b.key, score=round(score, 3), kind="merged") for k in keys
        )
        report.changes.append(
            Change(
                kind=ChangeKind.merged,
                agreement_key_from=keys[0],
                agreement_key_to=b.key,
                old_value=" | ".join(p.title for p in parts),
                new_value=b.title,
                score=round(score, 3),
                related=keys,
                old=old.side(parts[0]),
                new=new.side(b),
            )
        )
    for a in alignment.removed:
        report.changes.append(
            Change(
                kind=ChangeKind.agreement_removed,
                agreement_key_from=a.key,
                old_value=a.title,
                old=old.side(a),
            )
        )
    for b in alignment.added:
        report.changes.append(
            Change(
                kind=ChangeKind.agreement_added, agreement_key_to=b.key, new_value=b.title, new=new.side(b)
            )
        )
    report.changes.extend(_outside_text(old, new))
    return report


def _deadline_span(a: AgreementView, b: AgreementView) -> DeadlineSpan | None:
    left = [t for t in a.times if t.kind == "date" and t.start and t.end]
    right = [t for t in b.times if t.kind == "date" and t.start and t.end]
    if not left and not right:
        return None
    return DeadlineSpan(
        key_from=a.key,
        key_to=b.key,
        old_start=min((t.start for t in left if t.start), default=None),
        old_end=max((t.end for t in left if t.end), default=None),
        new_start=min((t.start for t in right if t.start), default=None),
        new_end=max((t.end for t in right if t.end), default=None),
    )


def _metadata(old: DocumentView, new: DocumentView) -> list[Change]:
    out = []
    values = {
        "title": (old.summary.title, new.summary.title),
        "date": (old.summary.date, new.summary.date),
        "version": (str(old.summary.version), str(new.summary.version)),
        "kind": (old.kind, new.kind),
    }
    for name in METADATA_FIELDS:
        a, b = values[name]
        if (fold(a or "") if name == "title" else a) != (fold(b or "") if name == "title" else b):
            out.append(Change(kind=ChangeKind.metadata_changed, field=name, old_value=a, new_value=b))
    return out


def compare_pair(
    old: DocumentView, new: DocumentView, a: AgreementView, b: AgreementView, score: float
) -> list[Change]:
    keys = {"agreement_key_from": a.key, "agreement_key_to": b.key}
    out: list[Change] = []
    if a.code and b.code and a.code != b.code:
        out.append(
            Change(
                kind=ChangeKind.renumbered,
                field="code",
                old_value=a.code,
                new_value=b.code,
                score=round(score, 3),
                old=old.side(a),
                new=new.side(b),
                **keys,
            )
        )
    for field_name, x, y in (("title", a.title, b.title), ("what", a.what, b.what)):
        if fold(x) != fold(y):
            sim = similarity(x, y)
            out.append(
                Change(
                    kind=ChangeKind.title_changed if field_name == "title" else ChangeKind.what_changed,
                    field=field_name,
                    old_value=x,
                    new_value=y,
                    score=round(sim, 3),
                    low_confidence=_slight(x, y, sim),
                    redline=redline(x, y),
                    old=old.side(a),
                    new=new.side(b),
                    **keys,
                )
            )
    out.extend(_commitments(old, new, a, b))
    out.extend(_actors(old, new, a, b))
    out.extend(_deadlines(old, new, a, b))
    out.extend(_amounts(old, new, a, b))
    return out


def _commitments(old: DocumentView, new: DocumentView, a: AgreementView, b: AgreementView) -> list[Change]:
    """Commitments compared sentence by sentence, so a bullet split in two by one rendering, or two
    bullets joined, is not a change; what remains is reworded, added or removed."""
    kinds = SentenceKinds(
        ChangeKind.commitment_reworded,
        ChangeKind.commitment_added,
        ChangeKind.commitment_removed,
        None,
        "commitment",
    )
    changes = sentence_diff(old, new, _commitment_sentences(a), _commitment_sentences(b), kinds, a, b)
    for c in changes:
        c.agreement_key_from, c.agreement_key_to = a.key, b.key
    return changes


def _commitment_sentences(a: AgreementView) -> list[Sentence]:
    out = []
    for c in a.commitments:
        for start, end in sentence_spans(c.text):
            out.append(Sentence(c.text[start:end], c.char_start + start, c.char_start + end, c.page, c.index))
    return out


def _actors(old: DocumentView, new: DocumentView, a: AgreementView, b: AgreementView) -> list[Change]:
    keys = {"agreement_key_from": a.key, "agreement_key_to": b.key}
    out: list[Change] = []
    for org in sorted(set(a.actors) | set(b.actors)):
        ra, rb = a.actors.get(org), b.actors.get(org)
        if ra == rb:
            continue
        label = new.organisation_label(org)
        if ra is None:
            kind, old_value, new_value = ChangeKind.actor_added, None, f"{label} ({rb})"
        elif rb is None:
            kind, old_value, new_value = ChangeKind.actor_removed, f"{label} ({ra})", None
        else:
            kind, old_value, new_value = ChangeKind.role_changed, f"{label} ({ra})", f"{label} ({rb})"
        out.append(
            Change(
                kind=kind,
                field="actor",
                old_value=old_value,
                new_value=new_value,
                related=[org],
                old=old.side(a),
                new=new.side(b),
                **keys,
            )
        )
    return out


def _interval(t: TimeRow) -> tuple[str | None, str | None]:
    return (t.start, t.end)


def shift_days(old: TimeRow, new: TimeRow) -> int | None:
    if not (old.end and new.end):
        return None
    return (date.fromisoformat(new.end) - date.fromisoformat(old.end)).days


def _deadlines(old: DocumentView, new: DocumentView, a: AgreementView, b: AgreementView) -> list[Change]:
    keys = {"agreement_key_from": a.key, "agreement_key_to": b.key}
    left = [t for t in a.times if t.kind == "date" and t.start]
    right = [t for t in b.times if t.kind == "date" and t.start]
    common = Counter(map(_interval, left)) & Counter(map(_interval, right))
    left = _without(left, common)
    right = _without(right, common)
    # "januari" or "binnenkort" written the same in both versions resolve against each version's own
    # date; the same words are the same deadline.
    for x in list(left):
        twin = next(
            (y for y in right if fold(y.surface) == fold(x.surface) and not _YEAR.search(x.surface)), None
        )
        if twin is not None:
            left.remove(x)
            right.remove(twin)
    out: list[Change] = []
    pairs: list[tuple[TimeRow, TimeRow]] = []
    if len(left) == 1 and len(right) == 1:
        pairs.append((left.pop(), right.pop()))
    else:
        scored = sorted(
            (
                (fuzz.token_set_ratio(fold(x.task), fold(y.task)) / 100, i, j)
                for i, x in enumerate(left)
                for j, y in enumerate(right)
            ),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_l: set[int] = set()
        used_r: set[int] = set()
        for sim, i, j in scored:
            if sim < TASK_PAIR_MIN or i in used_l or j in used_r:
                continue
            used_l.add(i)
            used_r.add(j)
            pairs.append((left[i], right[j]))
        left = [t for i, t in enumerate(left) if i not in used_l]
        right = [t for j, t in enumerate(right) if j not in used_r]
    for x, y in pairs:
        days = shift_days(x, y)
        out.append(
            Change(
                kind=ChangeKind.deadline_moved,
                field="deadline",
                old_value=f"{x.surface} ({x.start}..{x.end})",
                new_value=f"{y.surface} ({y.start}..{y.end})",
                shift_days=days,
                direction=None if not days else ("later" if days > 0 else "earlier"),
                old=old.side(a, x.char_start, x.char_end),
                new=new.side(b, y.char_start, y.char_end),
                **keys,
            )
        )
    for x in left:
        out.append(
            Change(
                kind=ChangeKind.deadline_removed,
                field="deadline",
                old_value=f"{x.surface} ({x.start}..{x.end})",
                old=old.side(a, x.char_start, x.char_end),
                **keys,
            )
        )
    for y in right:
        out.append(
            Change(
                kind=ChangeKind.deadline_added,
                field="deadline",
                new_value=f"{y.surface} ({y.start}..{y.end})",
                new=new.side(b, y.char_start, y.char_end),
                **keys,
            )
        )
    return out


def _without(times: list[TimeRow], common: Counter) -> list[TimeRow]:
    budget = Counter(common)
    out = []
    for t in times:
        key = _interval(t)
        if budget[key] > 0:
            budget[key] -= 1
        else:
            out.append(t)
    return out


def _amounts(old: DocumentView, new: DocumentView, a: AgreementView, b: AgreementView) -> list[Change]:
    keys = {"agreement_key_from": a.key, "agreement_key_to": b.key}
    left, right = a.amounts, b.amounts
    common = Counter(x.key for x in left) & Counter(y.key for y in right)
    budget_l, budget_r = Counter(common), Counter(common)
    rest_l = [x for x in left if not _take(budget_l, x.key)]
    rest_r = [y for y in right if not _take(budget_r, y.key)]
    out: list[Change] = []
    for x in list(rest_l):
        y = next((y for y in rest_r if (y.kind, y.unit) == (x.kind, x.unit)), None)
        if y is None:
            continue
        rest_l.remove(x)
        rest_r.remove(y)
        out.append(
            Change(
                kind=ChangeKind.amount_changed,
                field="amount",
                old_value=x.surface,
                new_value=y.surface,
                old=old.side(a),
                new=new.side(b),
                **keys,
            )
        )
    out.extend(
        Change(kind=ChangeKind.amount_removed, field="amount", old_value=x.surface, old=old.side(a), **keys)
        for x in rest_l
    )
    out.extend(
        Change(kind=ChangeKind.amount_added, field="amount", new_value=y.surface, new=new.side(b), **keys)
        for y in rest_r
    )
    return out


def _take(budget: Counter, key: object) -> bool:
    if budget[key] > 0:
        budget[key] -= 1
        return True
    return False


@dataclass(frozen=True)
class SentenceKinds:
    reworded: ChangeKind
    added: ChangeKind
    removed: ChangeKind
    moved: ChangeKind | None  # None: order is not reported (bullets reordered in a block)
    field: str


def _outside_text(old: DocumentView, new: DocumentView) -> list[Change]:
    """Text outside agreements, sentence by sentence, reported per paragraph."""
    kinds = SentenceKinds(
        ChangeKind.text_changed, ChangeKind.text_added, ChangeKind.text_removed, ChangeKind.text_moved, "text"
    )
    return sentence_diff(old, new, old.sentences, new.sentences, kinds)


def sentence_diff(
    old: DocumentView,
    new: DocumentView,
    left: list[Sentence],
    right: list[Sentence],
    kinds: SentenceKinds,
    a: AgreementView | None = None,
    b: AgreementView | None = None,
) -> list[Change]:
    """Identical sentences (after folding) match wherever they stand; matched sentences out of order
    are moves; the rest pair up as rewordings when similar enough, else are added or removed."""
    right_by_fold: dict[str, list[int]] = {}
    for j, t in enumerate(right):
        right_by_fold.setdefault(fold(t.text), []).append(j)
    matched: list[tuple[int, int]] = []
    left_rest: list[int] = []
    for i, t in enumerate(left):
        bucket = right_by_fold.get(fold(t.text))
        if bucket:
            matched.append((i, bucket.pop(0)))
        else:
            left_rest.append(i)
    taken = {j for _, j in matched}
    right_rest = [j for j in range(len(right)) if j not in taken]

    out: list[Change] = []
    if kinds.moved is not None:
        in_order = _longest_increasing([j for _, j in matched])
        out.extend(_moved(old, new, left, right, [(i, j) for i, j in matched if j not in in_order], kinds))
    candidates = _pair_candidates([left[i].text for i in left_rest], [right[j].text for j in right_rest])
    candidates = [(score, left_rest[i], right_rest[j]) for score, i, j in candidates]
    used_l: set[int] = set()
    used_r: set[int] = set()
    for score, i, j in candidates:
        if score < REWORDED_MIN or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        x, y = left[i], right[j]
        sim = similarity(x.text, y.text)
        low = _slight(x.text, y.text, sim) or _numbers_only_fragment(x.text, y.text)
        out.append(
            Change(
                kind=kinds.reworded,
                field=kinds.field,
                old_value=x.text,
                new_value=y.text,
                score=round(sim, 3),
                low_confidence=low,
                redline=redline(x.text, y.text),
                old=old.side(a, x.char_start, x.char_end),
                new=new.side(b, y.char_start, y.char_end),
            )
        )
    for group in _runs(left, [i for i in left_rest if i not in used_l]):
        text = " ".join(t.text for t in group)
        side = old.side(a, group[0].char_start, group[-1].char_end)
        out.append(Change(kind=kinds.removed, field=kinds.field, old_value=text, old=side))
    for group in _runs(right, [j for j in right_rest if j not in used_r]):
        text = " ".join(t.text for t in group)
        side = new.side(b, group[0].char_start, group[-1].char_end)
        out.append(Change(kind=kinds.added, field=kinds.field, new_value=text, new=side))
    return out


def _slight(a: str, b: str, sim: float) -> bool:
    """A few characters apart and the same numbers: as likely a misread as an edit. A changed number
    ("€ 40 mln" / "€ 45 mln") is never slight."""
    return sim >= LOW_CONFIDENCE_MIN and _DIGITS.findall(a) == _DIGITS.findall(b)


def _numbers_only_fragment(a: str, b: str) -> bool:
    """Chart labels and axis values ("7 volumegroei totaal") that differ only in a number are as
    likely extraction noise as edits; longer sentences whose numbers differ are real changes."""
    fa, fb = fold(a), fold(b)
    short = max(len(fa.split()), len(fb.split())) <= SHORT_FRAGMENT_WORDS
    return short and re.sub(r"\d+", "#", fa).replace("# ", "").strip("# ") == re.sub(r"\d+", "#", fb).replace(
        "# ", ""
    ).strip("# ")


def _pair_candidates(left: list[str], right: list[str]) -> list[tuple[float, int, int]]:
    """(score, i, j) for every pair that may be one reworded sentence, best first. A pair scores on
    being similar as a whole, or on one holding the other's words (a sentence a version completed or
    cut short). Scored as a matrix in rapidfuzz's C code: long documents have thousands of pairs."""
    if not left or not right:
        return []
    a, b = [fold(t) for t in left], [fold(t) for t in right]
    whole = process.cdist(a, b, scorer=fuzz.ratio, workers=-1)
    subset = process.cdist(a, b, scorer=fuzz.token_set_ratio, workers=-1) * SUBSET_WEIGHT
    score = np.maximum(whole, subset) / 100
    rows, cols = np.nonzero(score >= REWORDED_MIN)
    found = [(float(score[i, j]), int(i), int(j)) for i, j in zip(rows, cols, strict=True)]
    return sorted(found, key=lambda t: (-t[0], t[1], t[2]))


def _runs(sentences: list[Sentence], indices: list[int]) -> list[list[Sentence]]:
    """Consecutive sentences (in document order) are one passage, one change."""
    runs: list[list[Sentence]] = []
    last = -2
    for k in sorted(indices):
        if k == last + 1 and runs:
            runs[-1].append(sentences[k])
        else:
            runs.append([sentences[k]])
        last = k
    return runs


def _moved(
    old: DocumentView,
    new: DocumentView,
    left: list[Sentence],
    right: list[Sentence],
    moved: list[tuple[int, int]],
    kinds: SentenceKinds,
) -> list[Change]:
    groups: list[list[tuple[int, int]]] = []
    for i, j in sorted(moved):
        if groups and i == groups[-1][-1][0] + 1 and j == groups[-1][-1][1] + 1:
            groups[-1].append((i, j))  # a moved passage stays together
        else:
            groups.append([(i, j)])
    out: list[Change] = []
    for group in groups:
        (first_i, first_j), (last_i, last_j) = group[0], group[-1]
        text = " ".join(left[i].text for i, _ in group)
        out.append(
            Change(
                kind=kinds.moved or kinds.reworded,
                field=kinds.field,
                old_value=text,
                new_value=text,
                old=old.side(None, left[first_i].char_start, left[last_i].char_end),
                new=new.side(None, right[first_j].char_start, right[last_j].char_end),
            )
        )
    return out


def _longest_increasing(values: list[int]) -> set[int]:
    """The values on one longest strictly increasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(values)
    for k, v in enumerate(values):
        pos = bisect.bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tail_idx.append(k)
        else:
            tails[pos] = v
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    out: set[int] = set()
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.add(values[k])
        k = prev[k]
    return out
