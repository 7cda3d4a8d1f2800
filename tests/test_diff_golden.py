"""The real version pair AZWA onderhandelaarsakkoord -> definitief, reviewed by hand and kept as a golden
summary: every agreement aligned, and the few things that really changed (regenerate with
`make golden` and review the diff before committing it)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pipeline.compare import compare
from schemas.changes import ChangeKind

GOLDEN = Path(__file__).parent / "golden" / "diff-azwa-onderhandelaarsakkoord-definitief.json"
QUOTE_CHARS = 120


def _doc(conn: sqlite3.Connection, source_file: str) -> str:
    row = conn.execute("SELECT document_id FROM documents WHERE source_file = ?", (source_file,)).fetchone()
    assert row, f"{source_file} is not loaded"
    return str(row[0])


def _cut(text: str | None) -> str | None:
    return text if text is None or len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + " …"


def test_azwa_versions_align_and_report_what_changed(reference_db: Path, update_golden: bool) -> None:
    conn = sqlite3.connect(reference_db)
    report = compare(
        conn,
        _doc(conn, "azwa-2025-07-03-onderhandelaarsakkoord.pdf"),
        _doc(conn, "azwa-2025-08-definitief.pdf"),
    )
    # every agreement present in both versions is aligned with itself
    assert sorted((p.key_from, p.key_to, p.kind) for p in report.alignment) == sorted(
        (p.key_from, p.key_from, "same") for p in report.alignment
    )
    assert len(report.alignment) == 32
    assert not any(
        c.kind in (ChangeKind.agreement_added, ChangeKind.agreement_removed, ChangeKind.deadline_moved)
        for c in report.changes
    )
    summary = {
        "counts": report.counts(),
        "alignment": [[p.key_from, p.key_to, p.kind] for p in report.alignment],
        "agreement_changes": [
            {
                "kind": c.kind.value,
                "keys": [c.agreement_key_from, c.agreement_key_to],
                "old": _cut(c.old_value),
                "new": _cut(c.new_value),
                "low_confidence": c.low_confidence,
            }
            for c in report.changes
            if c.agreement_key_from or c.agreement_key_to
        ],
    }
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert summary == json.loads(GOLDEN.read_text(encoding="utf-8"))
