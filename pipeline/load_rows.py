"""A document and its facts as the rows the store inserts, built where the document was extracted.

Workers send these rows to the writer instead of the pydantic models: rows of plain values pickle
and unpickle in C, while the models had to be dumped to JSON and validated again on arrival. On the
reference corpus that trip cost the writer 0.3-0.4 s of CPU (validation plus building the rows)
while both cores were busy with extraction; now it costs 0.02 s and the rows are built in parallel.

The models are still the contract between the stages: rows are only ever built from a validated
`Document` and `ExtractionResult`, by `rows_of`. A worker running another version of this module
(a Dask worker on another machine) is detected by `LAYOUT`, a fingerprint of the statements below.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from schemas import Block, BlockKind, Document, DocumentMeta, ExtractionResult, Span

Row = tuple[Any, ...]

# Fact tables in the order they are filled; every row is prefixed with the document id by the writer.
INSERTS: dict[str, str] = {
    "blocks": "INSERT INTO blocks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "sections": "INSERT INTO sections VALUES (?,?,?,?,?,?,?)",
    "agreements": "INSERT INTO agreements VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "commitments": "INSERT INTO commitments VALUES (?,?,?,?,?,?,?,?,?,?)",
    "agreement_actors": "INSERT INTO agreement_actors VALUES (?,?,?,?)",
    "mentions": "INSERT INTO mentions (document_id, agreement_key, commitment, organisation_id, surface, role, "
    "page, block, char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "time_expressions": "INSERT INTO time_expressions (document_id, agreement_key, commitment, surface, value, "
    "modifier, start_date, end_date, kind, task, page, block, char_start, char_end) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "refs": "INSERT INTO refs (document_id, kind, target, surface, status, footnote, page, block, char_start, "
    "char_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "status_statements": "INSERT INTO status_statements (document_id, section_key, section_title, status, quote, "
    "page, block, char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?)",
    "unknown_organisations": "INSERT INTO unknown_organisations (document_id, surface, context, block, "
    "char_start, char_end) VALUES (?,?,?,?,?,?)",
}
LAYOUT = hashlib.sha256("\n".join(INSERTS.values()).encode()).hexdigest()[:16]


@dataclass(slots=True)
class LoadRows:
    meta: DocumentMeta
    text: str  # the normalised text all character spans index into
    tables: dict[str, list[Row]]  # table -> rows without the document id, in insert order
    footnotes: int = 0
    agreements: int = 0
    commitments: int = 0
    time_expressions: int = 0
    references: int = 0
    layout: str = field(default=LAYOUT)

    @property
    def blocks(self) -> int:
        return len(self.tables["blocks"])


def rows_of(doc: Document, facts: ExtractionResult) -> LoadRows:
    """The rows of one document and its facts (the document's own row is the writer's: it holds
    the id, version and parent, which depend on what the database already has)."""
    blocks = doc.blocks
    tables: dict[str, list[Row]] = {name: [] for name in INSERTS}
    tables["blocks"] = [_block_row(b) for b in blocks]
    tables["sections"] = [
        (s.key, s.title, s.level, s.block, s.char_start, s.char_end) for s in facts.sections
    ]
    mentions, times = tables["mentions"], tables["time_expressions"]
    for a in facts.agreements:
        tables["agreements"].append(
            (a.key, a.code, a.title, a.section, a.what, a.shape, a.text, *_where(doc, a))
        )
        tables["commitments"] += [
            (a.key, c.index, c.text, c.action, c.part, *_where(doc, c)) for c in a.commitments
        ]
        tables["agreement_actors"] += [(a.key, actor.organisation_id, actor.role.value) for actor in a.actors]
        mentions += _mention_rows(doc, a.key, a.mentions)
        times += _time_rows(doc, a.times)
    mentions += _mention_rows(doc, None, facts.mentions)
    times += _time_rows(doc, facts.time_expressions)
    tables["refs"] = [
        (r.kind.value, r.target, r.surface, r.status, r.footnote, *_where(doc, r)) for r in facts.references
    ]
    tables["status_statements"] = [
        (s.section_key, s.section_title, s.status.value, s.quote, *_where(doc, s))
        for s in facts.status_statements
    ]
    tables["unknown_organisations"] = [
        (u.surface, u.context, u.block, u.char_start, u.char_end) for u in facts.unknown_organisations
    ]
    return LoadRows(
        meta=doc.meta,
        text=doc.text,
        tables=tables,
        footnotes=sum(b.kind == BlockKind.footnote for b in blocks),
        agreements=len(facts.agreements),
        commitments=sum(len(a.commitments) for a in facts.agreements),
        time_expressions=len(facts.time_expressions) + sum(len(a.times) for a in facts.agreements),
        references=len(facts.references),
    )


def _block_row(b: Block) -> Row:
    return (
        b.index,
        b.kind.value,
        b.text,
        b.level,
        b.marker,
        b.number,
        b.style,
        b.page,
        b.source_page,
        b.char_start,
        b.char_end,
        json.dumps(b.cells, ensure_ascii=False) if b.cells is not None else None,
        json.dumps([r.model_dump() for r in b.footnote_refs]) if b.footnote_refs else None,
    )


def _where(doc: Document, span: Span) -> tuple[int | None, int | None, int, int]:
    """The columns every fact row ends with: page, block, char_start, char_end."""
    return _page(doc, span), span.block, span.char_start, span.char_end


def _page(doc: Document, span: Span) -> int | None:
    if span.page is not None:
        return span.page
    block = doc.blocks[span.block] if span.block is not None and span.block < len(doc.blocks) else None
    if block is None:
        block = doc.block_at(span.char_start)
    return block.page if block is not None else None


def _iso(d: object) -> str | None:
    return d.isoformat() if d is not None else None  # type: ignore[attr-defined]


def _mention_rows(doc: Document, key: str | None, mentions: list) -> list[Row]:
    return [
        (
            key,
            getattr(m, "commitment", None),
            m.organisation_id,
            m.surface,
            m.role.value,
            *_where(doc, m),
        )
        for m in mentions
    ]


def _time_rows(doc: Document, times: list) -> list[Row]:
    return [
        (
            t.agreement_key,
            t.commitment,
            t.surface,
            t.value,
            t.modifier.value if t.modifier else None,
            _iso(t.start_date),
            _iso(t.end_date),
            t.kind.value,
            t.task,
            *_where(doc, t),
        )
        for t in times
    ]
