"""Store a comparison in the `changes` table (read through `v_changes`), replacing earlier runs."""

from __future__ import annotations

import json
import sqlite3

from schemas.changes import Change


def save_changes(conn: sqlite3.Connection, from_id: str, to_id: str, changes: list[Change]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "DELETE FROM changes WHERE from_document_id = ? AND to_document_id = ?", (from_id, to_id)
        )
        conn.executemany(
            "INSERT INTO changes (from_document_id, to_document_id, agreement_key_from, agreement_key_to, "
            "change_kind, field, old_value, new_value, score, detail) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    from_id,
                    to_id,
                    c.agreement_key_from,
                    c.agreement_key_to,
                    c.kind.value,
                    c.field,
                    c.old_value,
                    c.new_value,
                    c.score,
                    json.dumps(
                        c.model_dump(
                            mode="json",
                            include={
                                "low_confidence",
                                "shift_days",
                                "direction",
                                "redline",
                                "old",
                                "new",
                                "related",
                            },
                        ),
                        ensure_ascii=False,
                        sort_keys=True,
                    ),
                )
                for c in changes
            ],
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
