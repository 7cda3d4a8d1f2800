"""Canned queries (`afspraken query`) on the reference corpus: real rows, formats, errors."""

from __future__ import annotations

import csv
import io
import json
import shlex
import sqlite3
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main
from pipeline.queries import QueryError, load_queries, run_query

pytestmark = pytest.mark.corpus

QUERIES = load_queries()


def rows(db: Path, name: str, **values: object) -> list[dict]:
    return run_query(db, QUERIES[name], values).records()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- the queries as data --------------------------------------------------------------------------


def test_every_query_is_described_with_a_working_example() -> None:
    assert list(QUERIES) == [
        "deadlines",
        "actor",
        "overdue",
        "agreements",
        "changes",
        "moties",
        "unknown-organisations",
        "search",
    ]
    parser = build_parser()
    for q in QUERIES.values():
        assert q.title and q.description and q.sql
        argv = shlex.split(q.example)
        assert argv[:3] == ["afspraken", "query", q.name]
        args = parser.parse_args(argv[1:])  # the example parses with the real parser
        assert args.query_name == q.name


def test_list_describes_every_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "query", "--list")
    assert code == 0
    for q in QUERIES.values():
        assert f"{q.name} — {q.title}" in out
        assert f"example: {q.example}" in out


# --- real rows on the reference corpus ------------------------------------------------------------


def test_actor_zn_lists_the_inkoopbeleid_publication(reference_db: Path) -> None:
    found = rows(reference_db, "actor", organisation="ZN")
    inkoop = [
        r
        for r in found
        if r["document_id"] == "2026D02742"
        and r["agreement_title"] == "Het inkoopbeleid wordt 1 juni 2026 gepubliceerd."
    ]
    assert inkoop, "letter 2026D02742's dated commitment for ZN is missing"
    assert (inkoop[0]["start_date"], inkoop[0]["end_date"], inkoop[0]["surface"]) == (
        "2026-06-01",
        "2026-06-01",
        "1 juni 2026",
    )
    assert inkoop[0]["via"] is None  # ZN itself is the actor, not through a coalition
    # Ordered by deadline, undated agreements last.
    ends = [r["end_date"] for r in found]
    dated = [e for e in ends if e is not None]
    assert dated == sorted(dated) and ends[: len(dated)] == dated
    # Through a coalition it belongs to (HLO-partijen, AZWA-partijen), marked as such.
    assert any(r["via"] for r in found)
    direct = rows(reference_db, "actor", organisation="ZN", direct_only=True)
    assert direct and all(r["via"] is None for r in direct) and len(direct) < len(found)


@pytest.mark.parametrize("spelling", ["Zorgverzekeraars Nederland", "zorgverzekeraars Nederland", "zn"])
def test_actor_resolves_names_through_the_registry(reference_db: Path, spelling: str) -> None:
    assert rows(reference_db, "actor", organisation=spelling) == rows(
        reference_db, "actor", organisation="ZN"
    )


def test_actor_unknown_organisation_is_one_line_error(
    reference_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "query", "actor", "Bureau Nergens", "--db", str(reference_db))
    assert code == 1 and out == ""
    assert err.startswith("error: unknown organisation: 'Bureau Nergens'") and err.count("\n") == 1


def test_deadlines_in_q2_2026_include_the_hlo_second_quarter(reference_db: Path) -> None:
    found = rows(reference_db, "deadlines", date_from="2026-04-01", date_to="2026-06-30")
    assert all(r["start_date"] <= "2026-06-30" and r["end_date"] >= "2026-04-01" for r in found)
    assert all(r["agreement_key"] is not None for r in found)
    hlo = [
        r
        for r in found
        if r["document_id"] == "hlo-2025-onderhandelaarsakkoord-docx-export"
        and r["surface"] == "2e kwartaal van 2026"
    ]
    assert hlo and hlo[0]["start_date"] == "2026-04-01" and hlo[0]["end_date"] == "2026-06-30"
    assert hlo[0]["agreement_title"] == "Wlz-zorg zonder verblijf"
    # A modifier is reported, and does not widen the interval.
    before = [r for r in found if r["surface"] == "uiterlijk in het tweede kwartaal van 2026"]
    assert before and before[0]["modifier"] == "before" and before[0]["start_date"] == "2026-04-01"
    # --all adds dates outside agreements.
    everything = rows(
        reference_db, "deadlines", date_from="2026-04-01", date_to="2026-06-30", include_all=True
    )
    assert len(everything) > len(found)


def test_overdue_as_of_february_2026_with_status(reference_db: Path) -> None:
    found = rows(reference_db, "overdue", as_of="2026-02-01")
    assert found and all(r["end_date"] < "2026-02-01" for r in found)
    assert all(r["modifier"] != "after" for r in found)
    # HLO agreement 2 (Veranderstrategie, "Eind 2025") is reported on in cluster 1 of the bijlage.
    hlo = [
        r
        for r in found
        if r["document_id"] == "hlo-2025-onderhandelaarsakkoord-docx-export"
        and r["agreement_title"] == "Veranderstrategie"
    ]
    assert hlo and hlo[0]["status_document_id"] == "2026D02743" and hlo[0]["status"]
    # A progress bijlage's own clusters take their own statements.
    own = [r for r in found if r["document_id"] == "2026D02743"]
    assert own and all(r["status_document_id"] in ("2026D02743", None) for r in own)


def test_overdue_finds_the_sample_progress_statement(reference_db: Path) -> None:
    found = rows(reference_db, "overdue", as_of="2026-04-15")
    admin = [
        r
        for r in found
        if r["document_id"] == "zorgakkoord-wijkzorg-2026-docx-export"
        and r["agreement_key"] == "4"
        and r["surface"] == "Q1 2026"
    ]
    assert admin and admin[0]["status_document_id"] == "2099D00002"
    assert admin[0]["status"] == "done" and admin[0]["status_quote"] == "Deze afspraak is afgerond."
    # The definitive version is dated after the progress letter: no statement can report on it.
    later = [r for r in found if r["document_id"] == "zorgakkoord-wijkzorg-2026-definitief"]
    assert later and all(r["status_document_id"] is None for r in later)


@pytest.mark.parametrize("doc", ["2026D02743", "2026D02743-bijlage-stand-van-zaken-per-cluster.txt"])
def test_agreements_of_the_bijlage_are_its_clusters(reference_db: Path, doc: str) -> None:
    found = rows(reference_db, "agreements", document=doc)
    assert [r["agreement_key"] for r in found] == [f"cluster-{n}" for n in range(1, 17)]
    assert found[0]["title"] == "Veranderstrategie"
    assert all(r["document_id"] == "2026D02743" for r in found)
    reablement = found[1]
    assert "NZa" in reablement["actors"] and "eerste kwartaal van 2026" in reablement["deadlines"]


def test_agreements_of_a_path_and_of_an_unknown_document(reference_db: Path) -> None:
    by_path = rows(
        reference_db, "agreements", document="../shared/corpus/text/2026D02742-voortgangsbrief-hlo.txt"
    )
    assert "Het inkoopbeleid wordt 1 juni 2026 gepubliceerd." in [r["title"] for r in by_path]
    with pytest.raises(QueryError, match="no document 'nope'"):
        rows(reference_db, "agreements", document="nope")


def test_moties_afgedaan(reference_db: Path) -> None:
    found = rows(reference_db, "moties", status="afgedaan")
    assert {r["status"] for r in found} == {"afgedaan"}
    thiadens = [r for r in found if r["target"] == "kst-36600-XVI-61"]
    assert thiadens and thiadens[0]["document_id"] == "2026D02742"
    assert thiadens[0]["surface"] == "motie van de leden Thiadens en Eerdmans"
    assert len(rows(reference_db, "moties")) > len(found)  # without --status: every motie


def test_unknown_organisations_grouped_with_an_example(reference_db: Path) -> None:
    found = rows(reference_db, "unknown-organisations")
    conn = sqlite3.connect(reference_db)
    total = conn.execute("SELECT count(*) FROM unknown_organisations").fetchone()[0]
    assert found and sum(r["mentions"] for r in found) == total
    assert len({r["surface"] for r in found}) == len(found)
    assert [r["mentions"] for r in found] == sorted((r["mentions"] for r in found), reverse=True)
    rpi = next(r for r in found if r["surface"] == "RPI")
    assert rpi["example_document"] == "azwa-werkagenda-d5-format-2026" and "RPI" in rpi["example_context"]


def test_search_finds_the_werkconferentie_in_the_bijlage(reference_db: Path) -> None:
    found = rows(reference_db, "search", text="werkconferentie")
    bijlage = [r for r in found if r["document_id"] == "2026D02743"]
    assert bijlage and "«werkconferentie»" in bijlage[0]["snippet"]
    conn = sqlite3.connect(reference_db)
    for r in found:  # the offsets lead back to the text
        text = conn.execute(
            "SELECT text FROM documents WHERE document_id = ?", (r["document_id"],)
        ).fetchone()[0]
        assert "werkconferentie" in text[r["char_start"] : r["char_end"]].lower()
    # All words must occur; punctuation is not query syntax.
    assert rows(reference_db, "search", text='Wlz-zorg "thuis') and not rows(
        reference_db, "search", text="werkconferentie xyzzy"
    )


def test_changes_of_a_pair(reference_db: Path, tmp_path: Path) -> None:
    # The diff that fills v_changes is another verb's; insert rows as it would, in a copy of the database
    # (the session database is shared, and a diff test may have stored its own rows for this pair).
    db = tmp_path / "changes.db"
    with sqlite3.connect(reference_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    a, b = "zorgakkoord-wijkzorg-2026-docx-export", "zorgakkoord-wijkzorg-2026-definitief"
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM changes")  # whatever a diff test left in the shared database
        conn.executemany(
            "INSERT INTO changes (from_document_id, to_document_id, agreement_key_from, agreement_key_to, "
            "change_kind, field, old_value, new_value) VALUES (?,?,?,?,?,?,?,?)",
            [
                (a, b, None, "7", "agreement_added", None, None, "Zorgtechnologie in de wijkverpleging"),
                (a, b, "2", "2", "deadline_moved", "deadline", "Q1 2026", "Q2 2026"),
                (b, a, "2", "2", "deadline_moved", "deadline", "Q2 2026", "Q1 2026"),  # the other direction
            ],
        )
    found = rows(db, "changes", from_document=a, to_document="zorgakkoord-wijkzorg-2026-definitief.txt")
    assert [(r["change_kind"], r["old_value"], r["new_value"]) for r in found] == [
        ("deadline_moved", "Q1 2026", "Q2 2026"),  # agreement 2 comes before the added agreement 7
        ("agreement_added", None, "Zorgtechnologie in de wijkverpleging"),
    ]
    assert found[0]["agreement_title"] == "Triage door de wijkverpleegkundige"
    assert rows(db, "changes", from_document="2026D02742", to_document="2026D02743") == []


# --- output formats -------------------------------------------------------------------------------


def test_csv_json_and_plain_output(reference_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(reference_db)
    expected = rows(reference_db, "moties", status="afgedaan")
    code, out, _ = cli(capsys, "query", "moties", "--status", "afgedaan", "--db", db, "--format", "csv")
    assert code == 0
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert [r["target"] for r in parsed] == [r["target"] or "" for r in expected]
    assert "kst-36600-XVI-61" in {r["target"] for r in parsed}

    # --db and --format are accepted before the query name as well.
    code, out, _ = cli(capsys, "query", "--format", "json", "--db", db, "moties", "--status", "afgedaan")
    assert code == 0 and json.loads(out) == expected

    # `table` when not a terminal: aligned plain text, a header and a rule, one line per row.
    code, out, _ = cli(capsys, "query", "moties", "--status", "afgedaan", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == list(expected[0])
    assert set(lines[1].replace(" ", "")) == {"-"} and len(lines) == 2 + len(expected)
    assert "┃" not in out and "│" not in out


def test_rich_table_on_a_terminal(reference_db: Path) -> None:
    from rich.console import Console

    from pipeline.queries import rich_table

    result = run_query(reference_db, QUERIES["moties"], {"status": "afgedaan"})
    console = Console(record=True, width=200, force_terminal=True)
    console.print(rich_table(result, title="Moties"))
    text = console.export_text()
    assert "kst-36600-XVI-61" in text and ("┃" in text or "│" in text)


def test_missing_database_and_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "query", "moties", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in err and err.count("\n") == 1
    code, _, err = cli(
        capsys, "query", "deadlines", "--from", "2026-13-01", "--db", str(tmp_path / "none.db")
    )
    assert code == 1 and "not a date" in err
