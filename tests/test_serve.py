"""`afspraken serve`: the Datasette metadata, and a real Datasette answering over HTTP on loopback."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import pytest

from pipeline.cmd_serve import HOST, datasette_command
from pipeline.datasette_metadata import TABLES, VIEWS, build_metadata
from pipeline.queries import load_queries
from tests.browser import datasette_server, fetch
from tests.paths import ROOT

VIEWS_SQL = ROOT / "pipeline" / "sql" / "views.sql"
SCHEMA_SQL = ROOT / "pipeline" / "sql" / "schema.sql"


def test_metadata_covers_every_public_view_and_canned_query(tmp_path: Path) -> None:
    views = re.findall(r"CREATE VIEW (\w+)", VIEWS_SQL.read_text())
    assert sorted(VIEWS) == sorted(views), "describe each public view in pipeline/datasette_metadata.py"
    conn = sqlite3.connect(":memory:")
    conn.executescript(SCHEMA_SQL.read_text() + VIEWS_SQL.read_text())
    for view in views:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({view})")]
        assert list(VIEWS[view]["columns"]) == columns, f"{view}: column descriptions drifted from views.sql"
        assert set(VIEWS[view]["facets"]) <= set(columns)
    tables = re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", SCHEMA_SQL.read_text())
    assert set(tables) <= set(TABLES), "give new tables a description"

    meta = build_metadata(tmp_path / "afspraken.db")
    db = meta["databases"]["afspraken"]
    assert meta["title"] and db["description"]
    assert db["tables"]["blocks"]["fts_table"] == "blocks_fts"
    assert set(db["queries"]) == set(load_queries())
    for name, q in load_queries().items():
        assert db["queries"][name]["sql"] == q.sql and db["queries"][name]["params"] == q.params


def test_datasette_binds_loopback_only(tmp_path: Path) -> None:
    cmd = datasette_command(tmp_path / "x.db", 8001, tmp_path / "m.json")
    assert HOST == "127.0.0.1" and cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert "--immutable" not in cmd


@pytest.mark.corpus
@pytest.mark.slow
def test_serve_answers_metadata_and_canned_queries_over_http(reference_db: Path) -> None:
    with datasette_server(reference_db) as server:
        base, name = server.base_url, server.database
        meta = json.loads(fetch(f"{base}/-/metadata.json"))
        queries = meta["databases"][name]["queries"]
        assert set(queries) == set(load_queries())
        assert meta["databases"][name]["tables"]["v_time_expressions"]["columns"]["modifier"].startswith(
            "before"
        )

        def canned(query: str, **params: str) -> list[dict]:
            url = f"{base}/{name}/{query}.json?{urlencode({**params, '_shape': 'array'})}"
            return json.loads(fetch(url))

        moties = canned("moties", status="afgedaan")
        assert "kst-36600-XVI-61" in {r["target"] for r in moties}
        assert {r["status"] for r in moties} == {"afgedaan"}
        zn = canned("actor", organisation="ZN")
        assert any(r["agreement_title"] == "Het inkoopbeleid wordt 1 juni 2026 gepubliceerd." for r in zn)
        q2 = canned("deadlines", date_from="2026-04-01", date_to="2026-06-30")
        assert any(r["surface"] == "2e kwartaal van 2026" for r in q2)
        # A parameter left empty in the form means "any": every motie.
        assert len(canned("moties")) > len(moties)
        assert any(r["document_id"] == "2026D02743" for r in canned("search", text="werkconferentie"))

        # Facets from the metadata, and full-text search on the blocks table.
        view = json.loads(fetch(f"{base}/{name}/v_time_expressions.json?_size=1"))
        assert {"document_id", "modifier", "kind"} <= set(view["facet_results"])
        blocks = json.loads(fetch(f"{base}/{name}/blocks.json?_search=werkconferentie&_shape=array"))
        assert blocks and all("werkconferentie" in b["text"].lower() for b in blocks)
    # Stopped as by Ctrl-C on a terminal: a clean exit, no traceback.
    assert server.proc.returncode == 0, server.output()
    assert "Traceback" not in server.output()


def test_serve_without_database_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert "no such database" in err and err.count("\n") == 1
