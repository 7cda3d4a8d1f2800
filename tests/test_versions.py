"""A new version of a document is compared with the previous one as soon as it is loaded."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from pipeline.console import Reporter
from pipeline.orchestrate import extract, local_executor
from tests.paths import ROOT

SAMPLES = ROOT / "corpus" / "samples"


def test_changed_file_becomes_a_version_with_its_changes_stored(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "afspraken.db"
    corpus.mkdir()
    shutil.copy(SAMPLES / "zorgakkoord-wijkzorg-2026.docx-export.txt", corpus / "akkoord.txt")
    assert extract([corpus], db, local_executor(1), Reporter(quiet=True)).loaded == 1
    shutil.copy(SAMPLES / "zorgakkoord-wijkzorg-2026-definitief.txt", corpus / "akkoord.txt")
    stats = extract([corpus], db, local_executor(1), Reporter(quiet=True))
    assert stats.loaded == 1 and stats.document_ids == ["akkoord-v2"]
    conn = sqlite3.connect(db)
    versions = conn.execute("SELECT document_id, version FROM v_documents ORDER BY version").fetchall()
    assert versions == [("akkoord", 1), ("akkoord-v2", 2)]
    rows = conn.execute(
        "SELECT change_kind, agreement_key_to, old_value, new_value FROM v_changes "
        "WHERE from_document_id = 'akkoord' AND to_document_id = 'akkoord-v2' AND change_kind = 'deadline_moved'"
    ).fetchall()
    assert rows == [
        ("deadline_moved", "2", "Q1 2026 (2026-01-01..2026-03-31)", "Q2 2026 (2026-04-01..2026-06-30)")
    ]
