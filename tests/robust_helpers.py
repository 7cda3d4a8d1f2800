"""Helpers for the robustness tests: run the real CLI, snapshot and check a database, build inputs.

The CLI runs as a subprocess (the installed console script, else `python -c` on pipeline.cli.main),
so what a test sees on stdout/stderr and the exit status is exactly what a user sees.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

SAMPLES = ROOT / "corpus" / "samples"
# A run over a few small files takes a few seconds; this only stops a hung test.
CLI_TIMEOUT_S = 300
# Columns whose values depend on when or in which order rows were written, not on the content.
VOLATILE_COLUMNS = frozenset(
    {"loaded_at", "seen_at", "failed_at", "started_at", "finished_at", "seconds"}
    | {"mention_id", "time_id", "ref_id", "status_id", "unknown_id", "failure_id", "run_id", "change_id"}
)
# Bookkeeping of runs, not content.
VOLATILE_TABLES = frozenset({"runs", "failures", "store_meta"})
# Tables whose rows belong to a document and must not outlive it.
DOCUMENT_TABLES = (
    "blocks",
    "sections",
    "agreements",
    "commitments",
    "agreement_actors",
    "mentions",
    "time_expressions",
    "refs",
    "status_statements",
    "unknown_organisations",
)


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("afspraken")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())"]


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **extra}
    env.pop("AFSPRAKEN_TEST_HOOK_PAUSE_IN_WRITE", None)
    env.update(extra)
    return env


def run_cli(*args: str | Path, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=cli_env(**env),
        timeout=CLI_TIMEOUT_S,
    )


def start_cli(*args: str | Path, **env: str) -> subprocess.Popen[str]:
    """A CLI run in the background, in its own session so a test can end all its processes."""
    return subprocess.Popen(
        [*cli_command(), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=cli_env(**env),
        start_new_session=True,
    )


def extract_here(paths: list[Path], db: Path, jobs: int = 2) -> int:
    """A reference run in this process (the same code as the CLI, without its start-up), returning
    the number of failures; pytest has usually warmed the extraction up already."""
    from pipeline.console import Reporter
    from pipeline.orchestrate import extract, local_executor

    return extract(paths, db, local_executor(jobs), Reporter(quiet=True)).failed


def copy_samples(dest: Path, names: list[str] | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for source in sorted(SAMPLES.iterdir()):
        if source.is_file() and (names is None or source.name in names):
            shutil.copyfile(source, dest / source.name)
    return dest


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'blocks_fts%' ORDER BY name"
        )
    ]


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every content table as sorted rows, without timestamps and autoincrement ids."""
    conn = connect(db)
    try:
        out: dict[str, list[tuple]] = {}
        for table in tables(conn):
            if table in VOLATILE_TABLES:
                continue
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in VOLATILE_COLUMNS]
            rows = conn.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        out["blocks_fts"] = sorted(
            conn.execute(
                "SELECT b.document_id, b.block FROM blocks_fts f JOIN blocks b ON b.rowid = f.rowid "
                "WHERE blocks_fts MATCH 'de OR het OR een'"
            ).fetchall()
        )
        return out
    finally:
        conn.close()


def consistency_problems(db: Path) -> list[str]:
    """Everything that would show a torn write: integrity, foreign keys, orphans, bare documents."""
    conn = connect(db)
    try:
        problems: list[str] = []
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk}")
        for table in DOCUMENT_TABLES:
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                "(SELECT 1 FROM documents d WHERE d.document_id = t.document_id)"
            ).fetchone()[0]
            if orphans:
                problems.append(f"{orphans} orphan rows in {table}")
        bare = conn.execute(
            "SELECT document_id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.document_id = "
            "d.document_id)"
        ).fetchall()
        if bare:
            problems.append(f"documents without blocks: {bare}")
        # The full-text index holds exactly the blocks (it is written in the same transaction).
        n_blocks = conn.execute("SELECT count(*) FROM blocks").fetchone()[0]
        n_fts = conn.execute("SELECT count(*) FROM blocks_fts_docsize").fetchone()[0]
        if n_blocks != n_fts:
            problems.append(f"blocks_fts has {n_fts} rows for {n_blocks} blocks")
        files = conn.execute(
            "SELECT path FROM files f WHERE document_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.document_id = f.document_id)"
        ).fetchall()
        if files:
            problems.append(f"files pointing at missing documents: {files}")
        return problems
    finally:
        conn.close()


def failures(db: Path) -> dict[str, str]:
    conn = connect(db)
    try:
        return dict(conn.execute("SELECT file_name, reason FROM failures ORDER BY failure_id"))
    finally:
        conn.close()


def source_files(db: Path) -> set[str]:
    conn = connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT source_file FROM documents")}
    finally:
        conn.close()


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert 'File "' not in stream, stream
