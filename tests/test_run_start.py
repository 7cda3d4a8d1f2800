"""The start of an extract run: workers fork before the store reads the organisation registry.

The store opens with its schema but without syncing the registry (the costly part of opening), so
the run can decide what to extract and fork its workers first; the organisations table is brought
up to date while the workers warm up. These tests check the pieces that make that possible: a new
database has its tables from the start (a run killed at any moment leaves no database without
them), what is loaded can be read before the sync, and the workers stop when the sync fails instead
of finishing documents nobody will store.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest

from pipeline import orchestrate
from pipeline.console import Reporter
from pipeline.store import Store
from tests.robust_helpers import copy_samples

FILES = [
    "2099D00001-voortgangsbrief-zorgakkoord.txt",
    "2099D00002-bijlage-voortgang-per-thema.txt",
    "zorgakkoord-wijkzorg-2026.docx-export.txt",
    "zorgakkoord-wijkzorg-2026.pdf",
]


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _organisations(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM organisations").fetchone()[0]


def test_a_new_database_has_its_tables_before_the_registry_is_synced(tmp_path: Path) -> None:
    db = tmp_path / "nieuw.db"
    with Store(db, sync_registry=False) as store:
        assert {"documents", "files", "blocks", "organisations"} <= _tables(db)
        assert store.known_hashes() == {}
        assert store.known_files() == {}
        assert _organisations(db) == 0
        store.sync_registry()
    assert _organisations(db) > 100  # the curated registry: several hundred organisations


def test_what_is_loaded_can_be_read_before_the_registry_is_synced(tmp_path: Path) -> None:
    corpus = copy_samples(tmp_path / "corpus", FILES[:2])
    db = tmp_path / "afspraken.db"
    stats = orchestrate.extract([corpus], db, orchestrate.local_executor(1), Reporter(quiet=True))
    assert stats.loaded == 2
    with Store(db, sync_registry=False) as store:
        assert sorted(store.known_hashes().values()) == ["2099D00001", "2099D00002"]
        assert len(store.known_files()) == 2


def _ended(pid: int) -> bool:
    """The process is gone or a zombie. (Process.is_alive can say True for a moment when the pool's
    own thread reaps the worker at the same time.)"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_failure_syncing_the_registry_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_samples(tmp_path / "corpus", FILES)
    workers: list[int] = []
    real_executor = orchestrate.local_executor(2)

    def executor(tasks: list[orchestrate.Task]) -> orchestrate._OrderedPool:
        pool = real_executor(tasks)
        assert isinstance(pool, orchestrate._OrderedPool)
        workers.extend(pool.pool._processes)  # pids, forked when the first documents went in
        return pool

    def broken_sync(self: Store) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "sync_registry", broken_sync)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        orchestrate.extract([corpus], tmp_path / "afspraken.db", executor, Reporter(quiet=True))
    assert len(workers) == 2
    deadline = time.monotonic() + 30  # far beyond a kill; the documents take seconds to finish
    while not all(_ended(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_ended(pid) for pid in workers), "a worker went on after the run failed"
