"""Canned queries (pipeline/sql/queries.yaml): load them, bind their parameters, run and format them.

    from pipeline.queries import load_queries, run_query

    q = load_queries()["actor"]
    result = run_query(Path("output/afspraken.db"), q, {"organisation": "Zorgverzekeraars Nederland"})
    result.columns, result.rows

The same YAML feeds Datasette's canned queries (pipeline/datasette_metadata.py), so the SQL only uses
what both front ends can bind: named parameters that are empty strings when not given.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.datafile import load_yaml

QUERIES_PATH = Path(__file__).resolve().parent / "sql" / "queries.yaml"
OPTION_TYPES = ("text", "date", "flag", "organisation", "document")
FORMATS = ("table", "csv", "json")


class QueryError(ValueError):
    """A bad argument or database; the message is one line meant for the user."""


@dataclass(frozen=True)
class Option:
    param: str
    flag: str | None = None  # None: a positional argument
    metavar: str | None = None
    help: str = ""
    type: str = "text"
    required: bool = False

    @property
    def positional(self) -> bool:
        return self.flag is None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sql: str
    example: str
    options: tuple[Option, ...] = ()

    @property
    def params(self) -> list[str]:
        return [o.param for o in self.options]


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


_PARAM = re.compile(r"(?<![:\w]):(\w+)")


def _parse(name: str, raw: dict[str, Any]) -> CannedQuery:
    options = tuple(Option(**o) for o in raw.get("options") or [])
    query = CannedQuery(
        name=name,
        title=raw["title"],
        description=" ".join(raw["description"].split()),
        sql=raw["sql"].strip(),
        example=raw["example"],
        options=options,
    )
    # Catch typos in the data at load time rather than as an SQLite "no such parameter" at run time.
    used = set(_PARAM.findall(query.sql))
    declared = set(query.params)
    if used != declared:
        raise ValueError(
            f"{QUERIES_PATH.name}: query {name}: SQL parameters {sorted(used)} != options {sorted(declared)}"
        )
    for o in options:
        if o.type not in OPTION_TYPES:
            raise ValueError(f"{QUERIES_PATH.name}: query {name}: option {o.param}: unknown type {o.type!r}")
        if o.type == "flag" and o.positional:
            raise ValueError(
                f"{QUERIES_PATH.name}: query {name}: option {o.param}: a flag needs `flag: --name`"
            )
    return query


@lru_cache(maxsize=4)
def load_queries(path: Path = QUERIES_PATH) -> dict[str, CannedQuery]:
    """The canned queries by name, in file order."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    return {name: _parse(name, raw) for name, raw in data.items()}


# --- binding --------------------------------------------------------------------------------------


def _resolve_organisation(text: str) -> str:
    from extractors.organisations import Registry

    org = Registry.load().resolve(text)
    if org is None:
        raise QueryError(
            f"unknown organisation: {text!r} (not an id, name, abbreviation or alias in the registry)"
        )
    return org.id


def bind(query: CannedQuery, values: dict[str, Any]) -> dict[str, str]:
    """SQL parameters from command-line values: every parameter is a string, '' when not given."""
    params: dict[str, str] = {}
    for o in query.options:
        value = values.get(o.param)
        if o.type == "flag":
            params[o.param] = "1" if value else ""
            continue
        text = "" if value is None else str(value).strip()
        if not text:
            if o.required:
                raise QueryError(f"query {query.name}: {o.metavar or o.param} is required")
        elif o.type == "date":
            try:
                date.fromisoformat(text)
            except ValueError:
                raise QueryError(
                    f"query {query.name}: {o.flag or o.param}: not a date (yyyy-mm-dd): {text!r}"
                ) from None
        elif o.type == "organisation":
            text = _resolve_organisation(text)
        elif o.type == "document" and ("/" in text or "\\" in text):
            text = Path(text).name  # a path to a corpus file names the document by its file name
        params[o.param] = text
    return params


# --- running --------------------------------------------------------------------------------------


def connect_readonly(db: Path) -> sqlite3.Connection:
    """A read-only connection: queries never write, and an extract may be running (WAL)."""
    if not db.exists():
        raise QueryError(f"{db}: no such database (run `afspraken extract PATH --db {db}` first)")
    return sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)


def _check_document(conn: sqlite3.Connection, db: Path, name: str) -> None:
    """An unknown document is a typo more often than a question with no answer: say so."""
    found = conn.execute(
        "SELECT 1 FROM v_documents WHERE document_id = ? OR nummer = ? OR source_file = ? LIMIT 1",
        (name, name, name),
    ).fetchone()
    if not found:
        raise QueryError(
            f"{db}: no document {name!r} (give a document id, nummer or file name from v_documents)"
        )


def run_query(db: Path, query: CannedQuery, values: dict[str, Any]) -> QueryResult:
    params = bind(query, values)
    conn = connect_readonly(db)
    try:
        for o in query.options:
            if o.type == "document":
                _check_document(conn, db, params[o.param])
        cur = conn.execute(query.sql, params)
        columns = [d[0] for d in cur.description]
        return QueryResult(columns, cur.fetchall())
    except sqlite3.Error as e:
        raise QueryError(f"{db}: query {query.name} failed: {e}") from None
    finally:
        conn.close()


# --- output ---------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    # One row per line when piped: collapse the line breaks some titles and quotes carry.
    return " ".join(str(value).split())


def to_csv(result: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([["" if v is None else v for v in row] for row in result.rows])
    return buf.getvalue()


def to_json(result: QueryResult) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"


# Plain text caps a cell so one long quote does not push every other column off the screen;
# 80 characters keeps a task or title readable. csv and json are never cut.
PLAIN_CELL_MAX = 80


def to_plain(result: QueryResult) -> str:
    """Aligned columns without box drawing: what `table` prints when stdout is not a terminal."""

    def cut(text: str) -> str:
        return text if len(text) <= PLAIN_CELL_MAX else text[: PLAIN_CELL_MAX - 1] + "…"

    cells = [[cut(_cell(v)) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def rich_table(result: QueryResult, title: str | None = None):  # type: ignore[no-untyped-def]
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell(v) for v in row))
    return table
