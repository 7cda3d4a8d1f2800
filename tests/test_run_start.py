"""The start of an extract run: workers fork before the store prepares its schema.

The store is opened without preparing it, so the run can decide what to extract and fork its
workers first; the schema and registry are brought up to date while the workers warm up. These
tests check the pieces that makes possible: reading what is loaded from a database not yet
prepared, and stopping the workers when preparing fails instead of waiting for their documents.
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


def test_a_new_database_reads_as_empty_before_it_is_prepared(tmp_path: Path) -> None:
    db = tmp_path / "nieuw.db"
    with Store(db, prepare=False) as store:
        assert store.known_hashes() == {}
        assert store.known_files() == {}
        assert "documents" not in _tables(db)
        store.prepare()
        assert store.known_hashes() == {}
    assert {"documents", "files", "blocks", "organisations"} <= _tables(db)


def test_a_prepared_database_reads_what_is_loaded(tmp_path: Path) -> None:
    corpus = copy_samples(tmp_path / "corpus", FILES[:2])
    db = tmp_path / "afspraken.db"
    stats = orchestrate.extract([corpus], db, orchestrate.local_executor(1), Reporter(quiet=True))
    assert stats.loaded == 2
    with Store(db, prepare=False) as store:
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
def test_a_failure_preparing_the_store_stops_the_workers(
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

    def broken_prepare(self: Store) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "prepare", broken_prepare)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        orchestrate.extract([corpus], tmp_path / "afspraken.db", executor, Reporter(quiet=True))
    assert len(workers) == 2
    deadline = time.monotonic() + 30  # far beyond a kill; the documents take seconds to finish
    while not all(_ended(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_ended(pid) for pid in workers), "a worker went on after the run failed"
