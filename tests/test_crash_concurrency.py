"""Crash safety and concurrency of `afspraken extract`, through the real CLI.

A run killed with SIGKILL (inside a document's write transaction, or at a random moment) leaves a
consistent database: integrity and foreign keys clean, no orphan rows, no document without its
blocks, and only whole documents; the next run completes the work and ends with the same database
as an uninterrupted run. Two runs on one database at the same time both finish and lose nothing.

The mid-write kill uses the test hook of pipeline/store.py (AFSPRAKEN_TEST_HOOK_PAUSE_IN_WRITE),
which pauses inside the (N+1)th document's transaction and says so on stderr.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from pipeline.store import TEST_HOOK_MARKER, TEST_HOOK_PAUSE_IN_WRITE
from tests.robust_helpers import (
    assert_no_traceback,
    connect,
    consistency_problems,
    copy_samples,
    extract_here,
    run_cli,
    snapshot,
    start_cli,
)

# Only bounds a hung test; the runs themselves take a few seconds.
WAIT_S = 120
# Documents committed before the hooked run pauses inside the next one's transaction.
COMMITTED_BEFORE_KILL = 2
# Random kills land between the start of the process and a little past the time a clean run of the
# four documents takes here (3-5 s), so some land before, during and after the writes.
RANDOM_KILL_WINDOW_S = (0.2, 5.0)


# Three formats, four documents, small: each run spends most of its time starting up.
CORPUS_FILES = [
    "2099D00001-voortgangsbrief-zorgakkoord.txt",
    "2099D00002-bijlage-voortgang-per-thema.txt",
    "zorgakkoord-wijkzorg-2026.docx",
    "zorgakkoord-wijkzorg-2026.pdf",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_samples(tmp_path_factory.mktemp("crash") / "corpus", CORPUS_FILES)


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The database of an uninterrupted run over the same corpus, as the reference."""
    db = tmp_path_factory.mktemp("clean") / "afspraken.db"
    assert extract_here([corpus], db) == 0
    return snapshot(db)


def _lines(stream: object) -> queue.Queue[str]:
    """Lines of a pipe, read by a thread so the test can wait with a timeout."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str], text: str) -> str:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r} within {WAIT_S} s")


def _group_gone(pgid: int) -> bool:
    """True once no process of the group is left (the workers die with the writer)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _kill_all(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _documents(db: Path) -> list[str]:
    conn = connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT document_id FROM documents ORDER BY document_id")]
    finally:
        conn.close()


def _complete_and_compare(corpus: Path, db: Path, clean: dict[str, list[tuple]]) -> None:
    proc = run_cli("extract", corpus, "--db", db, "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert consistency_problems(db) == []
    assert snapshot(db) == clean


def test_sigkill_inside_a_write_leaves_whole_documents(
    corpus: Path, clean: dict[str, list[tuple]], tmp_path: Path
) -> None:
    db = tmp_path / "afspraken.db"
    proc = start_cli(
        "extract",
        corpus,
        "--db",
        db,
        "--jobs",
        "2",
        **{TEST_HOOK_PAUSE_IN_WRITE: f"{COMMITTED_BEFORE_KILL}:60"},
    )
    try:
        line = _wait_for(_lines(proc.stderr), TEST_HOOK_MARKER)
        half_written = line.rsplit(" ", 1)[1].strip()
        proc.send_signal(signal.SIGKILL)  # the writer only, as the OOM killer or `kill -9` would
        proc.wait(timeout=WAIT_S)
        assert _group_gone(proc.pid), "worker processes outlived the killed writer"
    finally:
        _kill_all(proc)

    assert consistency_problems(db) == []
    loaded = _documents(db)
    assert len(loaded) == COMMITTED_BEFORE_KILL
    assert half_written not in loaded
    _complete_and_compare(corpus, db, clean)


def test_sigkill_at_a_random_moment(corpus: Path, clean: dict[str, list[tuple]], tmp_path: Path) -> None:
    seed = int(os.environ.get("AFSPRAKEN_TEST_SEED", time.time_ns() % 1_000_000))
    delay = random.Random(seed).uniform(*RANDOM_KILL_WINDOW_S)
    print(f"seed {seed}: SIGKILL after {delay:.2f} s")
    db = tmp_path / "afspraken.db"
    proc = start_cli("extract", corpus, "--db", db, "--jobs", "2")
    try:
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=WAIT_S)
    finally:
        _kill_all(proc)
    if db.exists():
        assert consistency_problems(db) == [], f"seed {seed}"
    _complete_and_compare(corpus, db, clean)


def test_two_runs_on_one_database_at_the_same_time(
    corpus: Path, clean: dict[str, list[tuple]], tmp_path: Path
) -> None:
    """Both finish, nothing is lost or loaded twice; the second waits for the first one's write lock.

    The first run holds its first document's write transaction open for a moment (test hook), so
    the second one is certain to meet a locked database rather than only perhaps.
    """
    db = tmp_path / "afspraken.db"
    first = start_cli("extract", corpus, "--db", db, "--jobs", "2", **{TEST_HOOK_PAUSE_IN_WRITE: "0:2"})
    runs = [first]
    try:
        _wait_for(_lines(first.stderr), TEST_HOOK_MARKER)
        runs.append(start_cli("extract", corpus, "--db", db, "--jobs", "1"))
        outputs = [proc.communicate(timeout=WAIT_S) for proc in runs]
    finally:
        for proc in runs:
            _kill_all(proc)
    for proc, (out, err) in zip(runs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in out + err
    assert consistency_problems(db) == []
    assert snapshot(db) == clean
    # Every document was loaded by exactly one of the runs; the other found it there.
    loaded = [line for out, _ in outputs for line in out.splitlines() if line.startswith("loaded ")]
    assert len(loaded) == len(clean["documents"])


def test_extract_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "geen.db"
    db.write_bytes(b"dit is geen SQLite-bestand\n" * 200)
    corpus = copy_samples(tmp_path / "corpus", ["2099D00001-voortgangsbrief-zorgakkoord.txt"])
    proc = run_cli("extract", corpus, "--db", db)
    assert proc.returncode == 2
    assert_no_traceback(proc)
    assert proc.stderr.strip() == f"error: {db}: file is not a database"
