"""A document's facts as the comparison needs them, read back from the database."""

from __future__ import annotations

import json
import sqlite3
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
            agreements[r["agreement_key"]].times.append(
                TimeRow(
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
            )
    for r in conn.execute(
        "SELECT * FROM commitments WHERE document_id = ? ORDER BY agreement_key, commitment", (document_id,)
    ):
        if r["agreement_key"] in agreements:
            agreements[r["agreement_key"]].commitments.append(
                CommitmentRow(r["commitment"], r["text"], r["char_start"], r["char_end"], r["page"])
            )
    spans = sorted((a.char_start, a.char_end) for a in agreements.values())
    sentences = _outside_sentences(conn, document_id, spans)
    return DocumentView(summary, d["kind"], d["text"], list(agreements.values()), sentences)


def _outside_sentences(
    conn: sqlite3.Connection, document_id: str, spans: list[tuple[int, int]]
) -> list[Sentence]:
    """Sentences of the document's own text (no furniture, footnotes or tables) outside agreements."""
    out: list[Sentence] = []
    paragraph = 0
    for r in conn.execute(
        "SELECT kind, text, cells, char_start, char_end, page FROM blocks WHERE document_id = ? "
        "AND kind IN ('paragraph', 'list_item', 'heading', 'table') ORDER BY block",
        (document_id,),
    ):
        if any(s <= r["char_start"] < e for s, e in spans):
            continue
        if r["kind"] == "table":
            # Cells are the unit: an export that puts each cell on a line of its own compares equal.
            for row in json.loads(r["cells"] or "[]"):
                for cell in row:
                    if cell.strip():
                        out.append(
                            Sentence(cell.strip(), r["char_start"], r["char_end"], r["page"], paragraph)
                        )
                        paragraph += 1
            continue
        for a, b in sentence_spans(r["text"]):
            out.append(
                Sentence(r["text"][a:b], r["char_start"] + a, r["char_start"] + b, r["page"], paragraph)
            )
        paragraph += 1
    return out
