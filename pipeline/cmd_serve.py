"""Verb `serve`: Datasette on the database, bound to 127.0.0.1, with generated metadata.

Datasette runs as a child process (`python -m datasette serve`) so that its event loop, signal
handling and settings stay its own; this verb writes the metadata (pipeline/datasette_metadata.py)
to a temporary directory, starts it, and on Ctrl-C waits for it to stop before removing that directory.
"""

from __future__ import annotations

import argparse
import importlib.util
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.cli import register

HOST = "127.0.0.1"  # never another interface: the database holds whatever the user extracted
DEFAULT_PORT = 8001
# The overdue query joins every past deadline with every status statement: about 0.3 s on the
# reference corpus; 5 s leaves room for a corpus many times larger before Datasette cuts it off.
SQL_TIME_LIMIT_MS = 5000
# Datasette's own shutdown (uvicorn) takes well under a second; past this it is killed.
STOP_TIMEOUT_S = 10


def datasette_command(db: Path, port: int, metadata: Path) -> list[str]:
    # Not --immutable: the database is in WAL mode and may be written by a running extract; an
    # immutable open ignores the WAL and could show a stale or inconsistent database.
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db),
        "--host",
        HOST,
        "--port",
        str(port),
        "--metadata",
        str(metadata),
        "--setting",
        "sql_time_limit_ms",
        str(SQL_TIME_LIMIT_MS),
    ]


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on {HOST} (default: {DEFAULT_PORT})")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop(proc: subprocess.Popen) -> None:
    """Stop Datasette if it still runs. On a terminal Ctrl-C has reached it already (same process
    group); a signal sent to this process alone must be passed on."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cmd_serve(args: argparse.Namespace) -> int:
    from pipeline.datasette_metadata import write_metadata

    db: Path = args.db
    if not db.exists():
        print(
            f"error: {db}: no such database (run `afspraken extract PATH --db {db}` first)", file=sys.stderr
        )
        return 1
    if importlib.util.find_spec("datasette") is None:
        print("error: Datasette is not installed (pip install -e '.[serve]', or make setup)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="afspraken-serve-") as tmp:
        metadata = write_metadata(db, Path(tmp) / "metadata.json")
        print(
            f"Datasette on http://{HOST}:{args.port}/ for {db} (Ctrl-C stops it)", file=sys.stderr, flush=True
        )
        proc = subprocess.Popen(datasette_command(db, args.port, metadata))
        # A SIGTERM (kill, a service manager) must not orphan Datasette: treat it like Ctrl-C.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            _stop(proc)


register(
    "serve",
    f"browse the database in Datasette on {HOST} (views, canned queries, facets, full-text search)",
    "afspraken serve --port 8001 --db output/afspraken.db",
    _serve_args,
    cmd_serve,
)
