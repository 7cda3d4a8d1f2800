"""Track an agreement document against the progress documents that report on it.

Progress sections (clusters, actielijnen, headed sections of a letter) do not map one-to-one to
agreements: one cluster covers several agreements and one agreement several clusters. Links are
scored on the titles and on the words the two texts share (TF-IDF over content-word stems). Per
agreement the report gives the status statements of its sections, deadlines the progress documents
state differently (drift), deadlines already past at the progress document's date without a `done`
status, and agreements no section reports on.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from extractors.progress import is_dated_commitment
from extractors.sentences import sentence_spans
from pipeline.snapshot import AgreementView, DocumentView, TimeRow, load, row_cursor
from pipeline.textdiff import fold, overlap
from schemas import TimeExpression, TimeKind
from schemas.changes import (
    Change,
    ChangeKind,
    DocumentSummary,
    SectionLink,
    Side,
    TrackedAgreement,
    TrackReport,
)

# Link score = W_LINK_TITLE * title overlap + (1 - W_LINK_TITLE) * content cosine. Cluster titles
# are short ("Kennis") and often share no word with the agreement's title, so content decides.
# W_LINK_TITLE, LINK_MIN and LINK_WEAK were chosen by a grid search on the HLO and its bijlage
# against the gold's reported_in_clusters: precision 1.00, recall 0.84 (the misses are cluster 11
# "Zorginkoop", which the gold links to three agreements whose text is mostly about other things).
W_LINK_TITLE = 0.1
# A section reports on an agreement from this score on; every agreement keeps its best section when
# that scores at least LINK_WEAK.
LINK_MIN = 0.22
LINK_WEAK = 0.1
MAX_LINKS = 4
# A progress sentence restates an agreement deadline's task when this share of the task's content
# stems appear in it (at least DRIFT_MIN_SHARED stems).
DRIFT_MIN = 0.4
DRIFT_MIN_SHARED = 2
# A progress sentence is read with the sentences before it: the task is often named a sentence or two
# before the date ("... koploper experimenten geconsulteerd. Dit ter overbrugging. Begin 2026 rondt
# de NZa het onderzoek af").
CONTEXT_SENTENCES = 2
STEM_CHARS = 6
MIN_WORD_CHARS = 4
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _stopwords() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def stems(text: str) -> list[str]:
    stop = _stopwords()
    return [w[:STEM_CHARS] for w in _WORD.findall(fold(text)) if len(w) >= MIN_WORD_CHARS and w not in stop]


@dataclass
class SectionView:
    document_id: str
    key: str
    title: str
    text: str
    char_start: int
    char_end: int
    statuses: list[dict[str, str]] = field(default_factory=list)
    times: list[ProgressTime] = field(default_factory=list)


@dataclass
class ProgressTime:
    """A dated expression of a progress section, with its sentence and the sentence before it: a
    task is often named in one sentence and dated in the next ("... de koploper experimenten
    geconsulteerd. Begin 2026 rondt de NZa het onderzoek af")."""

    row: TimeRow
    value: str | None
    sentence: str
    offset: int  # where the expression starts in the sentence
    context: str

    @property
    def vague(self) -> bool:
        return self.value == "FUTURE_REF" or self.row.modifier == "approx"

    def as_expression(self) -> TimeExpression:
        return TimeExpression(
            surface=self.row.surface,
            kind=TimeKind.date,
            start_date=date.fromisoformat(self.row.start) if self.row.start else None,
            end_date=date.fromisoformat(self.row.end) if self.row.end else None,
            char_start=self.offset,
            char_end=self.offset + len(self.row.surface),
        )


def _sections(conn: sqlite3.Connection, document_id: str) -> list[SectionView]:
    conn = row_cursor(conn)
    text = conn.execute("SELECT text FROM documents WHERE document_id = ?", (document_id,)).fetchone()["text"]
    out: list[SectionView] = []
    for r in conn.execute(
        "SELECT section_key, title, char_start, char_end FROM sections WHERE document_id = ? ORDER BY char_start",
        (document_id,),
    ):
        out.append(
            SectionView(
                document_id,
                r["section_key"],
                r["title"],
                text[r["char_start"] : r["char_end"]],
                r["char_start"],
                r["char_end"],
            )
        )
    for r in conn.execute(
        "SELECT section_key, status, quote FROM status_statements WHERE document_id = ? ORDER BY char_start",
        (document_id,),
    ):
        for s in out:
            if s.key == r["section_key"]:
                s.statuses.append({"section_key": s.key, "status": r["status"], "quote": r["quote"]})
    for r in conn.execute(
        "SELECT t.*, b.text AS block_text, b.char_start AS block_start FROM time_expressions t "
        "JOIN blocks b ON b.document_id = t.document_id AND b.block = t.block "
        "WHERE t.document_id = ? AND t.kind = 'date' AND t.start_date IS NOT NULL",
        (document_id,),
    ):
        offset = r["char_start"] - r["block_start"]
        spans = sentence_spans(r["block_text"])
        index = next((i for i, (a, b) in enumerate(spans) if a <= offset < b), None)
        if index is None:
            continue
        a, b = spans[index]
        previous = spans[max(0, index - CONTEXT_SENTENCES)][0]
        row = TimeRow.from_row(r)
        found = ProgressTime(row, r["value"], r["block_text"][a:b], offset - a, r["block_text"][previous:b])
        for s in out:
            if s.char_start <= r["char_start"] < s.char_end:
                s.times.append(found)
    return out


class _Tfidf:
    def __init__(self, texts: list[str]) -> None:
        self.df: Counter = Counter()
        for t in texts:
            self.df.update(set(stems(t)))
        self.n = max(1, len(texts))

    def idf(self) -> dict[str, float]:
        return {w: math.log(1 + self.n / (1 + df)) for w, df in self.df.items()}

    def vector(self, text: str) -> dict[str, float]:
        tf = Counter(stems(text))
        vec = {w: c * math.log(1 + self.n / (1 + self.df[w])) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _section_title(title: str) -> str:
    return re.sub(r"^(?:cluster|actielijn|thema)\s+\d+[a-z]?[:.]?\s*", "", title, flags=re.IGNORECASE)


def link_sections(
    agreements: list[AgreementView], sections: list[SectionView], model: _Tfidf
) -> dict[str, list[SectionLink]]:
    avec = {a.key: model.vector(f"{a.title} {a.text}") for a in agreements}
    svec = {(s.document_id, s.key): model.vector(s.text) for s in sections}
    links: dict[str, list[SectionLink]] = {}
    for a in agreements:
        scored = []
        for s in sections:
            title = overlap(a.title, _section_title(s.title))
            content = _cosine(avec[a.key], svec[(s.document_id, s.key)])
            scored.append((W_LINK_TITLE * title + (1 - W_LINK_TITLE) * content, s))
        scored.sort(key=lambda t: -t[0])
        chosen = [(sc, s) for sc, s in scored if sc >= LINK_MIN][:MAX_LINKS]
        if not chosen and scored and scored[0][0] >= LINK_WEAK:
            chosen = scored[:1]
        links[a.key] = [
            SectionLink(
                document_id=s.document_id, section_key=s.key, section_title=s.title, score=round(sc, 3)
            )
            for sc, s in chosen
        ]
    return links


def _task_match(task: str, context: str, idf: dict[str, float]) -> float:
    """IDF-weighted share of the task's content stems found in the context. Compounds count
    ("draagkrachtonderzoek" holds "onderzoek"): stems are looked for inside the other text, both
    ways. Generic words of the domain ("afspraken", "gemaakt") weigh little."""
    a, b = set(stems(task)), set(stems(context))
    if not a:
        return 0.0
    fa, fb = fold(task), fold(context)
    shared = {w for w in a if w in fb} | {w for w in b if w in fa}
    if len(shared) < DRIFT_MIN_SHARED:
        return 0.0
    total = sum(idf.get(w, 1.0) for w in a)
    return min(1.0, sum(idf.get(w, 1.0) for w in shared) / total)


@dataclass
class _Restatement:
    score: float
    time: ProgressTime
    section: SectionView


def _restatement(
    t: TimeRow, linked: list[SectionView], dates: dict, idf: dict[str, float]
) -> _Restatement | None:
    """The forward-looking progress sentence that best restates an agreement deadline's task."""
    best: _Restatement | None = None
    for s in linked:
        as_of = date.fromisoformat(dates[s.document_id]) if dates.get(s.document_id) else None
        for pt in s.times:
            if pt.vague or not is_dated_commitment(pt.sentence, [pt.as_expression()], as_of):
                continue  # past events and "binnenkort" restate no deadline
            score = _task_match(t.task, pt.context, idf)
            if score >= DRIFT_MIN and (best is None or score > best.score):
                best = _Restatement(score, pt, s)
    return best


def _drift(doc: DocumentView, a: AgreementView, t: TimeRow, found: _Restatement) -> Change | None:
    """A deadline the progress document puts in another, disjoint interval; "2026" for "eind 2025
    of begin 2026" is a coarser restatement, not a move."""
    row = found.time.row
    if not (row.start and row.end and t.start and t.end) or not (row.end < t.start or row.start > t.end):
        return None
    days = (date.fromisoformat(row.end) - date.fromisoformat(t.end)).days
    return Change(
        kind=ChangeKind.deadline_drift,
        field="deadline",
        agreement_key_from=a.key,
        agreement_key_to=found.section.key,
        old_value=f"{t.surface} ({t.start}..{t.end})",
        new_value=f"{row.surface} ({row.start}..{row.end})",
        score=round(found.score, 3),
        shift_days=days,
        direction=None if not days else ("later" if days > 0 else "earlier"),
        old=doc.side(a, t.char_start, t.char_end),
        new=Side(
            document_id=found.section.document_id,
            agreement_key=found.section.key,
            char_start=row.char_start,
            char_end=row.char_end,
            page=row.page,
            quote=found.time.sentence,
        ),
    )


def _overdue(
    doc: DocumentView, a: AgreementView, t: TimeRow, tracked: TrackedAgreement, as_of: str | None, idf: dict
) -> Change | None:
    done = any(
        st["status"] == "done" and _task_match(t.task, st["quote"], idf) >= DRIFT_MIN
        for st in tracked.statuses
    )
    if not as_of or not t.end or t.end >= as_of or done:
        return None
    return Change(
        kind=ChangeKind.deadline_overdue,
        field="deadline",
        agreement_key_from=a.key,
        old_value=f"{t.surface} ({t.start}..{t.end})",
        new_value=f"past at {as_of}, no status 'done' found",
        old=doc.side(a, t.char_start, t.char_end),
    )


def track(conn: sqlite3.Connection, agreement_id: str, progress_ids: list[str]) -> TrackReport:
    doc = load(conn, agreement_id)
    progress = [load(conn, p) for p in progress_ids]
    sections = [s for p in progress_ids for s in _sections(conn, p)]
    dates = {p.summary.document_id: p.summary.date for p in progress}
    report = TrackReport(agreement_document=doc.summary, progress_documents=[p.summary for p in progress])
    model = _Tfidf([a.text for a in doc.agreements] + [s.text for s in sections])
    idf = model.idf()
    links = link_sections(doc.agreements, sections, model)
    by_key = {(s.document_id, s.key): s for s in sections}
    for a in doc.agreements:
        tracked = TrackedAgreement(agreement_key=a.key, title=a.title, links=links[a.key])
        linked = [by_key[(link.document_id, link.section_key)] for link in tracked.links]
        for s in linked:
            tracked.statuses.extend(s.statuses)
        if not tracked.links and a.text:
            tracked.changes.append(
                Change(
                    kind=ChangeKind.not_reported, agreement_key_from=a.key, old_value=a.title, old=doc.side(a)
                )
            )
        as_of = max((dates[s.document_id] for s in linked if dates.get(s.document_id)), default=None)
        seen: set[tuple[str | None, str | None, str]] = set()
        for t in a.times:
            if t.kind != "date" or not t.start:
                continue
            found = _restatement(t, linked, dates, idf)
            change = _drift(doc, a, t, found) if found else _overdue(doc, a, t, tracked, as_of, idf)
            # A deadline written twice in a block (who-part and timeline) is reported once.
            if change is not None and (t.start, t.end, change.new_value or "") not in seen:
                seen.add((t.start, t.end, change.new_value or ""))
                tracked.changes.append(change)
        report.agreements.append(tracked)
    return report


def link_summary(report: TrackReport) -> dict[str, list[str]]:
    return {a.agreement_key: [link.section_key for link in a.links] for a in report.agreements}


__all__ = ["DocumentSummary", "link_sections", "link_summary", "stems", "track"]
