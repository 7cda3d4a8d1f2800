"""Tracking the HLO against its progress letter and bijlage: links, drift, overdue deadlines."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.report import render_track
from pipeline.track import track
from schemas.changes import ChangeKind, TrackReport

HLO = "hlo-2025-onderhandelaarsakkoord-docx-export"


@pytest.fixture(scope="module")
def report(reference_db: Path) -> TrackReport:
    return track(sqlite3.connect(reference_db), HLO, ["2026D02742", "2026D02743"])


def _links(report: TrackReport) -> dict[str, set[str]]:
    return {
        a.agreement_key: {link.section_key for link in a.links if link.document_id == "2026D02743"}
        for a in report.agreements
    }


@pytest.mark.parametrize(
    ("agreement", "cluster"),
    [
        ("1", "cluster-10"),
        ("2", "cluster-1"),
        ("3", "cluster-2"),
        ("4", "cluster-3"),
        ("5", "cluster-5"),
        ("6", "cluster-6"),
        ("7", "cluster-12"),
        ("8", "cluster-4"),
        ("9", "cluster-7"),
        ("10", "cluster-14"),
        ("meer-inzet-van-technologie-en-anders-werken", "cluster-8"),
        ("versterken-kwaliteit-in-teams", "cluster-16"),
    ],
)
def test_clusters_are_linked_to_their_agreements(report: TrackReport, agreement: str, cluster: str) -> None:
    assert cluster in _links(report)[agreement]


def test_one_cluster_covers_several_agreements_and_the_reverse(report: TrackReport) -> None:
    links = _links(report)
    assert {"cluster-7", "cluster-13"} <= links["9"]  # one agreement, two clusters
    databeschikbaarheid = [k for k, v in links.items() if "cluster-15" in v]
    assert {"keteninformatie-kerngegevens-verbeteren", "elektronische-gegevensuitwisseling-via-iwlz"} <= set(
        databeschikbaarheid
    )


@pytest.mark.parametrize(
    ("agreement", "old", "new", "days"),
    [
        # werkconferentie: "in het najaar van 2025" -> "In het eerste kwartaal van 2026 zal de werkconferentie plaatsvinden"
        (
            "3",
            "najaar van 2025 (2025-09-01..2025-11-30)",
            "eerste kwartaal van 2026 (2026-01-01..2026-03-31)",
            121,
        ),
        # koploperexperimenten: "wordt eind 2025 afgerond" -> "Begin 2026 rondt de NZa het onderzoek ... af"
        ("3", "eind 2025 (2025-10-01..2025-12-31)", "Begin 2026 (2026-01-01..2026-03-31)", 90),
        # SER-advies: "Eind 2025 (naar verwachting)" -> "naar verwachting begin 2026 publiceren"
        ("4", "Eind 2025 (2025-10-01..2025-12-31)", "begin 2026 (2026-01-01..2026-03-31)", 90),
        # draagkrachtonderzoek: "Q4 2025: de resultaten ... zijn beschikbaar" -> "In het voorjaar van 2026 wordt het onderzoeksrapport afgerond"
        ("4", "Q4 2025 (2025-10-01..2025-12-31)", "voorjaar van 2026 (2026-03-01..2026-05-31)", 151),
    ],
)
def test_deadlines_the_progress_documents_moved(
    report: TrackReport, agreement: str, old: str, new: str, days: int
) -> None:
    drift = [
        (c.old_value, c.new_value, c.shift_days, c.direction)
        for a in report.agreements
        if a.agreement_key == agreement
        for c in a.changes
        if c.kind == ChangeKind.deadline_drift
    ]
    assert (old, new, days, "later") in drift


def test_statuses_overdue_and_report_formats(report: TrackReport) -> None:
    vier = next(a for a in report.agreements if a.agreement_key == "4")
    assert any(s["status"] == "done" and "als afgedaan" in s["quote"] for s in vier.statuses)
    overdue = [c for a in report.agreements for c in a.changes if c.kind == ChangeKind.deadline_overdue]
    assert overdue and all("past at 2026-01-22" in (c.new_value or "") for c in overdue)
    markdown = render_track(report, "md")
    assert "### Deadlines the progress documents state differently" in markdown
    html = render_track(report, "html")
    assert "<svg" in html and "deadline drift" in html
