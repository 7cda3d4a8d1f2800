"""Agreement blocks in the shapes real documents use, on the reference corpus and the samples."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

AZWA_CODES = (
    [f"A{i}" for i in range(1, 6)]
    + [f"B{i}" for i in range(1, 5)]
    + ["C1", "C2", "C3", "C3a", "C3b"]
    + [f"C{i}" for i in range(4, 9)]
    + [f"D{i}" for i in range(1, 8)]
    + [f"E{i}" for i in range(1, 7)]
)


def _rows(db: Path, sql: str, *params: object) -> list[tuple]:
    return list(sqlite3.connect(db).execute(sql, params))


def _doc(db: Path, source_file: str) -> str:
    rows = _rows(db, "SELECT document_id FROM documents WHERE source_file = ?", source_file)
    assert rows, f"{source_file} not loaded"
    return rows[0][0]


def _codes(db: Path, source_file: str) -> list[str]:
    doc = _doc(db, source_file)
    return [
        r[0] for r in _rows(db, "SELECT code FROM agreements WHERE document_id = ? ORDER BY char_start", doc)
    ]


def test_azwa_text_yields_exactly_the_agreement_codes(reference_db: Path) -> None:
    assert _codes(reference_db, "azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt") == AZWA_CODES


@pytest.mark.parametrize(
    "source_file", ["azwa-2025-07-03-onderhandelaarsakkoord.pdf", "azwa-2025-08-definitief.pdf"]
)
def test_azwa_pdfs_yield_exactly_the_agreement_codes(reference_db: Path, source_file: str) -> None:
    assert _codes(reference_db, source_file) == AZWA_CODES


def test_azwa_sub_blocks_belong_to_their_umbrella(reference_db: Path) -> None:
    doc = _doc(reference_db, "azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt")
    rows = dict(_rows(reference_db, "SELECT agreement_key, title FROM agreements WHERE document_id = ?", doc))
    assert (
        rows["A1"]
        == "We ontlasten medewerkers door doorbraakprojecten die regeldruk verminderen op te schalen"
    )
    assert rows["C3"].startswith("Transparantie: actieve zorgbemiddeling mogelijk maken")
    assert rows["C3a"].startswith("Transparantie wachttijden ggz")


def test_hlo_agreements_titles_parts_and_unnumbered_blocks(reference_db: Path) -> None:
    doc = _doc(reference_db, "hlo-2025-onderhandelaarsakkoord.docx-export.txt")
    rows = _rows(
        reference_db,
        "SELECT agreement_key, code, title, what FROM agreements WHERE document_id = ? ORDER BY char_start",
        doc,
    )
    assert [r[1] for r in rows] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        None,
        None,
        None,
        None,
        "14",
    ]
    titles = [r[2] for r in rows]
    assert "Keteninformatie Kerngegevens Verbeteren" in titles
    assert "Elektronische gegevensuitwisseling (via iWlz)" in titles
    assert "Versterken kwaliteit in teams" in titles
    first = rows[0]
    assert first[2] == "Toekomst ondersteuning en zorg voor ouderen"
    assert first[3].startswith("VWS start een verkenning met als doel een betere afstemming van zorgwetten.")
    # the finance table's row numbers and "Ad 11" notes are not agreements
    assert not any(r[2].startswith("Ad ") for r in rows)


def test_hlo_commitments_actors_and_tasks(reference_db: Path) -> None:
    doc = _doc(reference_db, "hlo-2025-onderhandelaarsakkoord.docx-export.txt")
    actors = _rows(
        reference_db,
        "SELECT organisation_id, role FROM v_agreement_actors WHERE document_id = ? AND agreement_key = '3' ORDER BY 1",
        doc,
    )
    roles = dict(actors)
    assert roles["zn"] == "actor" and roles["vnG".lower()] == "actor" and roles["actiz"] == "actor"
    assert roles["zonmw"] == "involved"
    commitments = _rows(
        reference_db,
        "SELECT action FROM commitments WHERE document_id = ? AND agreement_key = '3' ORDER BY commitment",
        doc,
    )
    assert any(a[0].startswith("inventariseren knelpunten in de bekostiging") for a in commitments)
    task = _rows(
        reference_db,
        "SELECT task, modifier, start_date, end_date FROM v_time_expressions WHERE document_id = ? "
        "AND agreement_key = '5' AND surface = 'Uiterlijk eind 2025'",
        doc,
    )
    assert task and task[0][1:] == ("before", "2025-10-01", "2025-12-31")


def test_progress_bijlage_clusters_and_status(reference_db: Path) -> None:
    rows = _rows(
        reference_db,
        "SELECT DISTINCT section_key, section_title FROM v_status_statements WHERE document_id = '2026D02743'",
    )
    keys = [r[0] for r in rows]
    assert keys == [f"cluster-{i}" for i in range(1, 17)] + ["medisch-generalistische-zorg"]
    status = _rows(
        reference_db,
        "SELECT status FROM v_status_statements WHERE document_id = '2026D02743' AND quote LIKE "
        "'Alle afspraken in dit cluster zijn ter hand genomen en de uitvoering loopt op schema%'",
    )
    assert status == [("on_track",)]
    delayed_or_done = dict(
        _rows(
            reference_db,
            "SELECT quote, status FROM v_status_statements WHERE document_id = '2026D02743' AND section_key = 'cluster-6'",
        )
    )
    assert delayed_or_done["Fase 1, het literatuuronderzoek, is inmiddels afgerond."] == "done"
    clusters = _rows(
        reference_db,
        "SELECT agreement_key, title FROM agreements WHERE document_id = '2026D02743' ORDER BY char_start",
    )
    assert [c[0] for c in clusters] == [f"cluster-{i}" for i in range(1, 17)]
    assert clusters[4][1] == "Wlz-zorg thuis"


def test_wozo_bijlage_actielijnen(reference_db: Path) -> None:
    doc = _doc(reference_db, "wozo-voortgang-bijlage-actielijnen.pdf-export.txt")
    keys = [
        r[0]
        for r in _rows(
            reference_db,
            "SELECT agreement_key FROM agreements WHERE document_id = ? ORDER BY char_start",
            doc,
        )
    ]
    assert keys == [f"actielijn-{i}" for i in range(1, 6)]
    statuses = _rows(
        reference_db, "SELECT DISTINCT section_key FROM v_status_statements WHERE document_id = ?", doc
    )
    assert {r[0] for r in statuses} >= {f"actielijn-{i}" for i in range(1, 6)}


def test_letter_dated_commitments_with_inherited_actor(reference_db: Path) -> None:
    rows = _rows(
        reference_db,
        "SELECT a.agreement_key, aa.organisation_id, aa.role, t.start_date FROM v_agreements a "
        "JOIN v_agreement_actors aa USING (document_id, agreement_key) "
        "JOIN v_time_expressions t USING (document_id, agreement_key) "
        "WHERE a.document_id = '2026D02742' AND a.title = 'Het inkoopbeleid wordt 1 juni 2026 gepubliceerd.'",
    )
    assert ("zn", "actor", "2026-06-01") in [r[1:] for r in rows]
    titles = [
        r[0] for r in _rows(reference_db, "SELECT title FROM agreements WHERE document_id = '2026D02742'")
    ]
    assert not any(t.startswith("Eerste resultaten in 2025 en voorzien voor 2026 zijn") for t in titles)
    assert not any("diverse berichten in de media verschenen" in t for t in titles)


@pytest.mark.parametrize(
    "source_file",
    [
        "zorgakkoord-wijkzorg-2026.docx-export.txt",
        "zorgakkoord-wijkzorg-2026.docx",
        "zorgakkoord-wijkzorg-2026.pdf",
    ],
)
def test_sample_agreement_is_the_same_in_every_rendering(reference_db: Path, source_file: str) -> None:
    doc = _doc(reference_db, source_file)
    rows = _rows(
        reference_db, "SELECT code, title FROM agreements WHERE document_id = ? ORDER BY char_start", doc
    )
    reference = _rows(
        reference_db,
        "SELECT code, title FROM agreements WHERE document_id = ? ORDER BY char_start",
        _doc(reference_db, "zorgakkoord-wijkzorg-2026.docx-export.txt"),
    )
    assert rows == reference and len(rows) == 7
    deadlines = _rows(
        reference_db,
        "SELECT agreement_key, start_date, end_date FROM v_time_expressions WHERE document_id = ? "
        "AND agreement_key IS NOT NULL AND start_date IS NOT NULL ORDER BY 1, 2, 3",
        doc,
    )
    assert len(deadlines) >= 24
