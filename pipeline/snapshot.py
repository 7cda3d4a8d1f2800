"""A document's facts as the comparison needs them, read back from the database."""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass, field

from extractors.amounts import Amount, find_amounts
from extractors.sentences import sentence_spans
from schemas.changes import DocumentSummary, Side


def row_cursor(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor that returns rows by column name, leaving the caller's connection as it was."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur


@dataclass
class TimeRow:
    surface: str
    start: str | None
    end: str | None
    modifier: str | None
    kind: str
    task: str
    char_start: int
    char_end: int
    page: int | None

    @classmethod
    def from_row(cls, r: sqlite3.Row) -> TimeRow:
        """From a row of the time_expressions table."""
        return cls(
            r["surface"],
            r["start_date"],
            r["end_date"],
            r["modifier"],
            r["kind"],
            r["task"] or "",
            r["char_start"],
            r["char_end"],
            r["page"],
        )


@dataclass
class CommitmentRow:
    index: int
    text: str
    char_start: int
    char_end: int
    page: int | None


@dataclass
class AgreementView:
    key: str
    code: str | None
    title: str
    what: str
    text: str
    shape: str
    char_start: int
    char_end: int
    page: int | None
    actors: dict[str, str] = field(default_factory=dict)  # organisation id -> role
    times: list[TimeRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)

    @property
    def amounts(self) -> list[Amount]:
        return find_amounts(self.text)

    @property
    def body(self) -> str:
        """The agreement's substance for similarity: what it says and who does what."""
        parts = [self.what, *(c.text for c in self.commitments)]
        return " ".join(p for p in parts if p) or self.title


@dataclass
class Sentence:
    text: str
    char_start: int
    char_end: int
    page: int | None
    paragraph: int  # index of its block among the compared blocks


@dataclass
class DocumentView:
    summary: DocumentSummary
    kind: str | None
    text: str
    agreements: list[AgreementView]
    sentences: list[Sentence]  # text outside agreements, sentence by sentence
    organisations: dict[str, str] = field(default_factory=dict)  # id -> abbreviation or name

    def organisation_label(self, organisation_id: str) -> str:
        return self.organisations.get(organisation_id, organisation_id)

    def side(self, a: AgreementView | None = None, start: int | None = None, end: int | None = None) -> Side:
        if a is not None and start is None:
            start, end = a.char_start, a.char_end
        quote = self.text[start:end] if start is not None and end is not None else None
        if quote and len(quote) > 300:
            quote = quote[:300] + " …"
        return Side(
            document_id=self.summary.document_id,
            agreement_key=a.key if a else None,
            char_start=start,
            char_end=end,
            page=a.page if a else None,
            quote=quote,
        )


def load(conn: sqlite3.Connection, document_id: str) -> DocumentView:
    conn = row_cursor(conn)
    d = conn.execute("SELECT * FROM documents WHERE document_id = ?", (document_id,)).fetchone()
    if d is None:
        raise KeyError(document_id)
    summary = DocumentSummary(
        document_id=document_id,
        title=d["title"],
        date=d["date"],
        version=d["version"],
        source_file=d["source_file"],
        format=d["format"],
    )
    agreements: dict[str, AgreementView] = {}
    for r in conn.execute(
        "SELECT * FROM agreements WHERE document_id = ? ORDER BY char_start", (document_id,)
    ):
        agreements[r["agreement_key"]] = AgreementView(
            key=r["agreement_key"],
            code=r["code"],
            title=r["title"],
            what=r["what"] or "",
            text=r["text"] or "",
            shape=r["shape"] or "",
            char_start=r["char_start"],
            char_end=r["char_end"],
            page=r["page"],
        )
    for r in conn.execute(
        "SELECT agreement_key, organisation_id, role FROM agreement_actors WHERE document_id = ?",
        (document_id,),
    ):
        if r["agreement_key"] in agreements and r["role"] != "mentioned":
            agreements[r["agreement_key"]].actors[r["organisation_id"]] = r["role"]
    for r in conn.execute(
        "SELECT * FROM time_expressions WHERE document_id = ? AND agreement_key IS NOT NULL ORDER BY char_start",
        (document_id,),
    ):
        if r["agreement_key"] in agreements:
            agreements[r["agreement_key"]].times.append(TimeRow.from_row(r))
    for r in conn.execute(
        "SELECT * FROM commitments WHERE document_id = ? ORDER BY agreement_key, commitment", (document_id,)
    ):
        if r["agreement_key"] in agreements:
            agreements[r["agreement_key"]].commitments.append(
                CommitmentRow(r["commitment"], r["text"], r["char_start"], r["char_end"], r["page"])
            )
    spans = sorted((a.char_start, a.char_end) for a in agreements.values())
    sentences = _outside_sentences(conn, document_id, spans)
    names = {
        r["organisation_id"]: r["abbreviation"] or r["name"]
        for r in conn.execute("SELECT organisation_id, name, abbreviation FROM organisations")
    }
    return DocumentView(summary, d["kind"], d["text"], list(agreements.values()), sentences, names)


# A paragraph that stops without a sentence end continues in the next one: renderings break
# paragraphs at different places (a page, a column, a text frame), sentences are what compare.
_OPEN_END = re.compile(r"[^.!?:;…]\s*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _outside_sentences(
    conn: sqlite3.Cursor, document_id: str, spans: list[tuple[int, int]]
) -> list[Sentence]:
    """Sentences of the document's own text (no furniture or footnotes) outside agreements.

    Table cells are units of their own. Fragments without a letter (chart axis values, page numbers)
    are left out: they carry nothing a reviewer reads as text.
    """
    chunks: list[tuple[list[tuple[int, str]], int | None]] = []  # ([(doc offset, text)], page)
    open_chunk = False
    out: list[Sentence] = []
    for r in conn.execute(
        "SELECT kind, text, cells, char_start, char_end, page FROM blocks WHERE document_id = ? "
        "AND kind IN ('paragraph', 'list_item', 'heading', 'table') ORDER BY block",
        (document_id,),
    ):
        if _inside(spans, r["char_start"]):
            open_chunk = False
            continue
        if r["kind"] == "table":
            open_chunk = False
            for row in json.loads(r["cells"] or "[]"):
                for cell in row:
                    if _HAS_LETTER.search(cell):
                        chunks.append(([(r["char_start"], cell.strip())], r["page"]))
            continue
        if open_chunk and r["kind"] != "heading" and _continues(chunks[-1][0][-1][1], r["text"]):
            chunks[-1][0].append((r["char_start"], r["text"]))
        else:
            chunks.append(([(r["char_start"], r["text"])], r["page"]))
        open_chunk = r["kind"] != "heading" and bool(_OPEN_END.search(r["text"]))
    for paragraph, (pieces, page) in enumerate(chunks):
        text, starts = _joined(pieces)
        for a, b in sentence_spans(text):
            if _HAS_LETTER.search(text[a:b]):
                out.append(Sentence(text[a:b], _map(starts, a), _map(starts, b - 1) + 1, page, paragraph))
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies in one of the sorted, non-overlapping agreement spans."""
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _continues(previous: str, text: str) -> bool:
    """The next block carries on the sentence: it starts in lower case, or the previous one stopped on
    a comma. Table cells and title lines exported one per line ("€ 20 mln", "Onderhandelaarsakkoord,
    12 maart 2026") start anew."""
    first = text.lstrip()[:1]
    return first.islower() or previous.rstrip().endswith(",")


def _joined(pieces: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The pieces joined by spaces, with (offset in the joined text, document offset) per piece."""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    pos = 0
    for doc_offset, piece in pieces:
        starts.append((pos, doc_offset))
        parts.append(piece)
        pos += len(piece) + 1
    return " ".join(parts), starts


def _map(starts: list[tuple[int, int]], offset: int) -> int:
    base = max((s for s in starts if s[0] <= offset), default=starts[0])
    return base[1] + offset - base[0]
