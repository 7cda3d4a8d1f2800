"""The HTML review pages in a real browser: summary, redlines and the deadline timeline render."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.compare import compare
from pipeline.report import render_diff, render_track, write
from pipeline.track import track
from tests.browser import SCREENSHOTS, browser_skip_reason, render
from tests.paths import ROOT

REPORTS = ROOT / "output" / "reports"


def _doc(conn: sqlite3.Connection, source_file: str) -> str:
    row = conn.execute("SELECT document_id FROM documents WHERE source_file = ?", (source_file,)).fetchone()
    assert row, f"{source_file} is not loaded"
    return str(row[0])


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    if reason := browser_skip_reason():
        pytest.skip(reason)


def test_azwa_review_page_shows_summary_redlines_and_timeline(reference_db: Path) -> None:
    conn = sqlite3.connect(reference_db)
    old = _doc(conn, "azwa-2025-07-03-onderhandelaarsakkoord.pdf")
    new = _doc(conn, "azwa-2025-08-definitief.pdf")
    path = write(render_diff(compare(conn, old, new), "html"), REPORTS, f"diff__{old}__{new}", "html")
    page = render(path, SCREENSHOTS / "review-azwa-onderhandelaarsakkoord-definitief.png")
    assert "Summary" in page.text and "commitment reworded" in page.text
    assert "Deadlines per agreement (first to last, before and after)" in page.text
    assert 'class="timeline"' in page.html and "bar-new" in page.html
    assert "<del>" in page.html and "<ins>" in page.html
    assert page.screenshot.stat().st_size > 10_000


def test_sample_review_page_shows_the_moved_deadline(reference_db: Path) -> None:
    conn = sqlite3.connect(reference_db)
    old = _doc(conn, "zorgakkoord-wijkzorg-2026.docx-export.txt")
    new = _doc(conn, "zorgakkoord-wijkzorg-2026-definitief.txt")
    path = write(render_diff(compare(conn, old, new), "html"), REPORTS, f"diff__{old}__{new}", "html")
    page = render(path, SCREENSHOTS / "review-zorgakkoord-wijkzorg.png")
    assert "Deadlines moved (largest shift first)" in page.text
    assert "+91 days" in page.text and "LHV (involved)" in page.text


def test_tracking_page_shows_drift(reference_db: Path) -> None:
    conn = sqlite3.connect(reference_db)
    report = track(conn, "hlo-2025-onderhandelaarsakkoord-docx-export", ["2026D02742", "2026D02743"])
    path = write(render_track(report, "html"), REPORTS, "track__hlo__2026D02742_2026D02743", "html")
    page = render(path, SCREENSHOTS / "track-hlo.png")
    assert "Deadlines the progress documents state differently" in page.text
    assert 'class="timeline"' in page.html
