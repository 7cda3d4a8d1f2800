"""Compare two documents on their extracted facts: what really changed, and nothing for noise.

Agreements are aligned by content (pipeline.align); aligned pairs are compared field by field:
code, title and what-text (word-level redlines on normalised text), commitments, actors (by
organisation id and role), deadlines (by calendar interval, paired by the task they bound) and
amounts. Outside agreements the text is compared sentence by sentence, so rewrapped lines, page
furniture, footnote numbering or a paragraph split differently by another rendering are not changes;
a paragraph that moved is reported as moved.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date

from rapidfuzz import fuzz

from pipeline.align import align
from pipeline.snapshot import AgreementView, DocumentView, Sentence, TimeRow, load
from pipeline.textdiff import fold, redline, similarity
from schemas.changes import AlignedPair, Change, ChangeKind, ChangeReport

# Texts this similar after folding differ by a few characters: a misread (Wlz/Wiz) or a lost
# diacritic in one rendering is as likely as an edit, so the change is marked low-confidence.
LOW_CONFIDENCE_MIN = 0.95
# Two commitments, or two sentences, are the same one reworded when this similar (rapidfuzz ratio on
# folded text); below it they are one removed and one added.
REWORDED_MIN = 0.6
# A removed and an added deadline are one moved deadline when their tasks overlap this much
# (token_set_ratio), or when each side has only one unpaired deadline left.
TASK_PAIR_MIN = 0.5
METADATA_FIELDS = ("title", "date", "version", "kind")


def compare(conn: sqlite3.Connection, from_id: str, to_id: str) -> ChangeReport:
    old, new = load(conn, from_id), load(conn, to_id)
    report = ChangeReport(from_document=old.summary, to_document=new.summary)
    report.changes.extend(_metadata(old, new))
    alignment = align(old.agreements, new.agreements)
    for a, b, score in alignment.pairs:
        kind = "same" if a.code == b.code else "renumbered"
        report.alignment.append(AlignedPair(key_from=a.key, key_to=b.key, score=round(score, 3), kind=kind))
        report.changes.extend(compare_pair(old, new, a, b, score))
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
                    low_confidence=sim >= LOW_CONFIDENCE_MIN,
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
    keys = {"agreement_key_from": a.key, "agreement_key_to": b.key}
    left = {c.index: c for c in a.commitments}
    right = {c.index: c for c in b.commitments}
    # identical commitments first, wherever they stand
    for i, c in list(left.items()):
        twin = next((j for j, d in right.items() if fold(d.text) == fold(c.text)), None)
        if twin is not None:
            del left[i], right[twin]
    out: list[Change] = []
    candidates = sorted(
        ((similarity(c.text, d.text), i, j) for i, c in left.items() for j, d in right.items()),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for sim, i, j in candidates:
        if sim < REWORDED_MIN or i not in left or j not in right:
            continue
        c, d = left.pop(i), right.pop(j)
        out.append(
            Change(
                kind=ChangeKind.commitment_reworded,
                field="commitment",
                old_value=c.text,
                new_value=d.text,
                score=round(sim, 3),
                low_confidence=sim >= LOW_CONFIDENCE_MIN,
                redline=redline(c.text, d.text),
                old=old.side(a, c.char_start, c.char_end),
                new=new.side(b, d.char_start, d.char_end),
                **keys,
            )
        )
    for c in left.values():
        out.append(
            Change(
                kind=ChangeKind.commitment_removed,
                field="commitment",
                old_value=c.text,
                old=old.side(a, c.char_start, c.char_end),
                **keys,
            )
        )
    for d in right.values():
        out.append(
            Change(
                kind=ChangeKind.commitment_added,
                field="commitment",
                new_value=d.text,
                new=new.side(b, d.char_start, d.char_end),
                **keys,
            )
        )
    return out


def _actors(old: DocumentView, new: DocumentView, a: AgreementView, b: AgreementView) -> list[Change]:
    keys = {"agreement_key_from": a.key, "agreement_key_to": b.key}
    out: list[Change] = []
    for org in sorted(set(a.actors) | set(b.actors)):
        ra, rb = a.actors.get(org), b.actors.get(org)
        if ra == rb:
            continue
        if ra is None:
            kind, old_value, new_value = ChangeKind.actor_added, None, f"{org} ({rb})"
        elif rb is None:
            kind, old_value, new_value = ChangeKind.actor_removed, f"{org} ({ra})", None
        else:
            kind, old_value, new_value = ChangeKind.role_changed, f"{org} ({ra})", f"{org} ({rb})"
        out.append(
            Change(
                kind=kind,
                field="actor",
                old_value=old_value,
                new_value=new_value,
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


def _outside_text(old: DocumentView, new: DocumentView) -> list[Change]:
    """Sentence-level comparison of the text outside agreements, reported per paragraph."""
    right_by_fold: dict[str, list[int]] = {}
    for j, s in enumerate(new.sentences):
        right_by_fold.setdefault(fold(s.text), []).append(j)
    matched: list[tuple[int, int]] = []
    left_rest: list[int] = []
    for i, s in enumerate(old.sentences):
        bucket = right_by_fold.get(fold(s.text))
        if bucket:
            matched.append((i, bucket.pop(0)))
        else:
            left_rest.append(i)
    taken = {j for _, j in matched}
    right_rest = [j for j in range(len(new.sentences)) if j not in taken]

    out: list[Change] = []
    # moved: matched sentences outside the longest in-order run of matches
    in_order = _longest_increasing([j for _, j in matched])
    moved_pairs = [(i, j) for i, j in matched if j not in in_order]
    out.extend(_moved_paragraphs(old, new, moved_pairs))

    # reworded: remaining sentences that pair up
    candidates = sorted(
        (
            (similarity(old.sentences[i].text, new.sentences[j].text), i, j)
            for i in left_rest
            for j in right_rest
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    for sim, i, j in candidates:
        if sim < REWORDED_MIN or i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        s, t = old.sentences[i], new.sentences[j]
        out.append(
            Change(
                kind=ChangeKind.text_changed,
                field="text",
                old_value=s.text,
                new_value=t.text,
                score=round(sim, 3),
                low_confidence=sim >= LOW_CONFIDENCE_MIN,
                redline=redline(s.text, t.text),
                old=old.side(None, s.char_start, s.char_end),
                new=new.side(None, t.char_start, t.char_end),
            )
        )
    out.extend(_grouped(old, [old.sentences[i] for i in left_rest if i not in used_l], removed=True))
    out.extend(_grouped(new, [new.sentences[j] for j in right_rest if j not in used_r], removed=False))
    return out


def _grouped(doc: DocumentView, sentences: list[Sentence], removed: bool) -> list[Change]:
    """Consecutive sentences of one paragraph are one change."""
    out: list[Change] = []
    groups: list[list[Sentence]] = []
    for s in sentences:
        if groups and groups[-1][-1].paragraph == s.paragraph:
            groups[-1].append(s)
        else:
            groups.append([s])
    for g in groups:
        text = " ".join(s.text for s in g)
        side = doc.side(None, g[0].char_start, g[-1].char_end)
        if removed:
            out.append(Change(kind=ChangeKind.text_removed, field="text", old_value=text, old=side))
        else:
            out.append(Change(kind=ChangeKind.text_added, field="text", new_value=text, new=side))
    return out


def _moved_paragraphs(old: DocumentView, new: DocumentView, moved: list[tuple[int, int]]) -> list[Change]:
    out: list[Change] = []
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for i, j in moved:
        by_paragraph.setdefault(old.sentences[i].paragraph, []).append((i, j))
    for group in by_paragraph.values():
        first_i, first_j = group[0]
        last_i, last_j = group[-1]
        s, t = old.sentences[first_i], new.sentences[first_j]
        text = " ".join(old.sentences[i].text for i, _ in group)
        out.append(
            Change(
                kind=ChangeKind.text_moved,
                field="text",
                old_value=text,
                new_value=text,
                old=old.side(None, s.char_start, old.sentences[last_i].char_end),
                new=new.side(None, t.char_start, new.sentences[last_j].char_end),
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
