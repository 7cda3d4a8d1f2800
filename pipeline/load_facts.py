"""Writes an ExtractionResult into the fact tables (inside the caller's document transaction)."""

from __future__ import annotations

import sqlite3

from schemas import Document, ExtractionResult, Span


def _page(doc: Document, span: Span) -> int | None:
    if span.page is not None:
        return span.page
    block = doc.blocks[span.block] if span.block is not None and span.block < len(doc.blocks) else None
    if block is None:
        block = doc.block_at(span.char_start)
    return block.page if block is not None else None


def _iso(d: object) -> str | None:
    return d.isoformat() if d is not None else None  # type: ignore[attr-defined]


def insert_facts(conn: sqlite3.Connection, document_id: str, doc: Document, result: ExtractionResult) -> None:
    conn.executemany(
        "INSERT INTO sections VALUES (?,?,?,?,?,?,?)",
        [(document_id, s.key, s.title, s.level, s.block, s.char_start, s.char_end) for s in result.sections],
    )
    for a in result.agreements:
        conn.execute(
            "INSERT INTO agreements VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                document_id,
                a.key,
                a.code,
                a.title,
                a.section,
                a.what,
                a.shape,
                a.text,
                _page(doc, a),
                a.block,
                a.char_start,
                a.char_end,
            ),
        )
        conn.executemany(
            "INSERT INTO commitments VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    document_id,
                    a.key,
                    c.index,
                    c.text,
                    c.action,
                    c.part,
                    _page(doc, c),
                    c.block,
                    c.char_start,
                    c.char_end,
                )
                for c in a.commitments
            ],
        )
        conn.executemany(
            "INSERT INTO agreement_actors VALUES (?,?,?,?)",
            [(document_id, a.key, actor.organisation_id, actor.role.value) for actor in a.actors],
        )
        _mentions(conn, document_id, doc, a.key, a.mentions)
        _times(conn, document_id, doc, a.times)
    _mentions(conn, document_id, doc, None, result.mentions)
    _times(conn, document_id, doc, result.time_expressions)
    conn.executemany(
        "INSERT INTO refs (document_id, kind, target, surface, status, footnote, page, block, char_start, char_end) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                document_id,
                r.kind.value,
                r.target,
                r.surface,
                r.status,
                r.footnote,
                _page(doc, r),
                r.block,
                r.char_start,
                r.char_end,
            )
            for r in result.references
        ],
    )
    conn.executemany(
        "INSERT INTO status_statements (document_id, section_key, section_title, status, quote, page, block, "
        "char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                document_id,
                s.section_key,
                s.section_title,
                s.status.value,
                s.quote,
                _page(doc, s),
                s.block,
                s.char_start,
                s.char_end,
            )
            for s in result.status_statements
        ],
    )
    conn.executemany(
        "INSERT INTO unknown_organisations (document_id, surface, context, block, char_start, char_end) "
        "VALUES (?,?,?,?,?,?)",
        [
            (document_id, u.surface, u.context, u.block, u.char_start, u.char_end)
            for u in result.unknown_organisations
        ],
    )


def _mentions(
    conn: sqlite3.Connection, document_id: str, doc: Document, key: str | None, mentions: list
) -> None:
    conn.executemany(
        "INSERT INTO mentions (document_id, agreement_key, commitment, organisation_id, surface, role, page, block, "
        "char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                document_id,
                key,
                getattr(m, "commitment", None),
                m.organisation_id,
                m.surface,
                m.role.value,
                _page(doc, m),
                m.block,
                m.char_start,
                m.char_end,
            )
            for m in mentions
        ],
    )


def _times(conn: sqlite3.Connection, document_id: str, doc: Document, times: list) -> None:
    conn.executemany(
        "INSERT INTO time_expressions (document_id, agreement_key, commitment, surface, value, modifier, start_date, "
        "end_date, kind, task, page, block, char_start, char_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                document_id,
                t.agreement_key,
                t.commitment,
                t.surface,
                t.value,
                t.modifier.value if t.modifier else None,
                _iso(t.start_date),
                _iso(t.end_date),
                t.kind.value,
                t.task,
                _page(doc, t),
                t.block,
                t.char_start,
                t.char_end,
            )
            for t in times
        ],
    )
