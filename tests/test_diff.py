"""The diff on real version pairs, on renderings of one document, and its reports."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from pipeline.compare import compare
from pipeline.report import render_diff
from pipeline.save_changes import save_changes
from pipeline.textdiff import fold, redline
from schemas.changes import ChangeKind
from tests.paths import ROOT

# Field- and agreement-level kinds: what a reviewer must never see for mere rendering differences.
SUBSTANTIVE = {
    k for k in ChangeKind if not k.value.startswith("text_") and k not in (ChangeKind.metadata_changed,)
}


def _doc(db: Path, source_file: str) -> str:
    row = (
        sqlite3.connect(db)
        .execute("SELECT document_id FROM documents WHERE source_file = ?", (source_file,))
        .fetchone()
    )
    assert row, f"{source_file} is not loaded"
    return str(row[0])


def _planted() -> list[dict]:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "corpus" / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return list(module.PLANTED_CHANGES)


def test_fold_and_redline_ignore_rendering_noise() -> None:
    assert fold("De cliënt ‘zegt’ – iets\u00ad") == fold("De client 'zegt' - iets")
    assert (
        redline("Uiterlijk in Q1 2026 gereed.", "Uiterlijk in Q2 2026 gereed.")
        == "Uiterlijk in [-Q1-] {+Q2+} 2026 gereed."
    )


def test_sample_versions_report_every_planted_change(reference_db: Path) -> None:
    conn = sqlite3.connect(reference_db)
    old = _doc(reference_db, "zorgakkoord-wijkzorg-2026.docx-export.txt")
    new = _doc(reference_db, "zorgakkoord-wijkzorg-2026-definitief.txt")
    report = compare(conn, old, new)
    found = {(c.kind.value, c.agreement_key_to or c.agreement_key_from): c for c in report.changes}
    moved = found[("deadline_moved", "2")]
    assert (moved.shift_days, moved.direction) == (91, "later")
    assert "Q1 2026" in (moved.old_value or "") and "Q2 2026" in (moved.new_value or "")
    assert found[("actor_added", "5")].new_value == "LHV (involved)"
    assert found[("actor_added", "5")].related == ["lhv"]
    assert found[("actor_removed", "6")].old_value == "zorgkantoren (involved)"
    assert (found[("amount_changed", "1")].old_value, found[("amount_changed", "1")].new_value) == (
        "€ 40 mln",
        "€ 45 mln",
    )
    assert found[("agreement_added", "7")].new_value == "Zorgtechnologie in de wijkverpleging"
    title = found[("title_changed", "4")]
    assert title.redline and "{+" in title.redline and "[-" in title.redline
    planted = _planted()
    assert len(planted) == 6
    # nothing substantive beyond the planted changes and the rewording that goes with them
    substantive = [
        c for c in report.changes if c.kind in SUBSTANTIVE and c.kind != ChangeKind.commitment_reworded
    ]
    assert len(substantive) == len(planted)


@pytest.mark.parametrize("other", ["zorgakkoord-wijkzorg-2026.docx", "zorgakkoord-wijkzorg-2026.pdf"])
def test_renderings_of_one_document_are_not_changes(reference_db: Path, other: str) -> None:
    conn = sqlite3.connect(reference_db)
    report = compare(
        conn, _doc(reference_db, "zorgakkoord-wijkzorg-2026.docx-export.txt"), _doc(reference_db, other)
    )
    assert [c for c in report.changes if c.kind in SUBSTANTIVE] == []
    assert all(p.kind == "same" for p in report.alignment) and len(report.alignment) == 7


def test_azwa_text_against_its_own_pdf_has_no_agreement_changes(reference_db: Path) -> None:
    conn = sqlite3.connect(reference_db)
    report = compare(
        conn,
        _doc(reference_db, "azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt"),
        _doc(reference_db, "azwa-2025-07-03-onderhandelaarsakkoord.pdf"),
    )
    agreement_level = {
        ChangeKind.agreement_added,
        ChangeKind.agreement_removed,
        ChangeKind.renumbered,
        ChangeKind.split,
        ChangeKind.merged,
    }
    assert [c for c in report.changes if c.kind in agreement_level] == []
    assert len(report.alignment) == 32


def test_reports_are_written_and_stored(reference_db: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "copy.db")
    sqlite3.connect(reference_db).backup(conn)  # the shared session database stays untouched
    old = _doc(reference_db, "zorgakkoord-wijkzorg-2026.docx-export.txt")
    new = _doc(reference_db, "zorgakkoord-wijkzorg-2026-definitief.txt")
    report = compare(conn, old, new)
    save_changes(conn, old, new, report.changes)
    rows = conn.execute(
        "SELECT change_kind, old_value, new_value FROM v_changes WHERE from_document_id = ? AND to_document_id = ?",
        (old, new),
    ).fetchall()
    assert ("amount_changed", "€ 40 mln", "€ 45 mln") in rows
    parsed = json.loads(render_diff(report, "json"))
    assert {c["kind"] for c in parsed["changes"]} >= {"deadline_moved", "agreement_added"}
    markdown = render_diff(report, "md")
    assert (
        "| 2 | Q1 2026 (2026-01-01..2026-03-31) | Q2 2026 (2026-04-01..2026-06-30) | +91 days (later) |"
        in markdown
    )
    html = render_diff(report, "html")
    assert "<svg" in html and "<del>" in html and "<ins>" in html and "http" not in html.split("<body>")[0]
