"""Incremental and parallel extraction through the real CLI.

One corpus goes through a history: a first run (two workers), a re-run with nothing changed, then a
run after a letter and an agreement were rewritten, a bijlage deleted and a PDF renamed. Each test
checks one step. The same corpus extracted with one worker gives the same database as with two. (A
worker process that dies is in tests/test_bad_input.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.robust_helpers import (
    assert_no_traceback,
    connect,
    consistency_problems,
    copy_samples,
    run_cli,
    snapshot,
)

LETTER = "2099D00001-voortgangsbrief-zorgakkoord.txt"  # tkconv: identity by Kamer number
BIJLAGE = "2099D00002-bijlage-voortgang-per-thema.txt"
EXPORT = "zorgakkoord-wijkzorg-2026.docx-export.txt"  # no number: identity by file
PDF = "zorgakkoord-wijkzorg-2026.pdf"
FILES = [LETTER, BIJLAGE, EXPORT, PDF]
# A name in Latin-1 bytes, as archives made on Windows produce: not valid UTF-8.
ODD_NAME = b"brief-caf\xe9.txt"
ADDED_PARAGRAPH = "\nDe minister informeert de Kamer uiterlijk eind 2027 opnieuw over de voortgang.\n"


@dataclass
class History:
    corpus: Path
    db: Path
    first: subprocess.CompletedProcess[str]
    unchanged: subprocess.CompletedProcess[str]
    changed: subprocess.CompletedProcess[str]
    first_snapshot: dict[str, list[tuple]]
    one_worker_snapshot: dict[str, list[tuple]]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    base = tmp_path_factory.mktemp("incremental")
    corpus = copy_samples(base / "corpus", FILES)
    # A second copy of the letter in a subfolder: the same bytes are extracted once.
    (corpus / "kopie").mkdir()
    shutil.copyfile(corpus / LETTER, corpus / "kopie" / LETTER)
    with open(os.path.join(os.fsencode(corpus), ODD_NAME), "wb") as fh:
        fh.write(b"Brief over de wijkzorg\n\nDe NZa rapporteert uiterlijk eind 2026 over de voortgang.\n")
    db = base / "afspraken.db"

    first = run_cli("extract", corpus, "--db", db, "--jobs", "2")
    first_snapshot = snapshot(db)
    one_worker_db = base / "one-worker.db"
    one = run_cli("extract", corpus, "--db", one_worker_db, "--jobs", "1")
    assert one.returncode == 0, one.stderr

    os.utime(corpus / EXPORT, (1, 1))  # a new mtime alone is not a change
    unchanged = run_cli("extract", corpus, "--db", db)

    for name in (LETTER, EXPORT):
        with (corpus / name).open("a", encoding="utf-8") as fh:
            fh.write(ADDED_PARAGRAPH)
    (corpus / BIJLAGE).unlink()
    (corpus / PDF).rename(corpus / "akkoord-hernoemd.pdf")
    changed = run_cli("extract", corpus, "--db", db, "--jobs", "2")
    return History(corpus, db, first, unchanged, changed, first_snapshot, snapshot(one_worker_db))


def _versions(db: Path) -> list[tuple]:
    conn = connect(db)
    try:
        return conn.execute(
            "SELECT document_id, nummer, version, source_file FROM v_documents ORDER BY document_id"
        ).fetchall()
    finally:
        conn.close()


def test_first_run_loads_every_document_once(history: History) -> None:
    assert history.first.returncode == 0, history.first.stderr
    assert_no_traceback(history.first)
    assert [
        line.split(":")[0] for line in history.first.stdout.splitlines() if line.startswith("loaded ")
    ] == [
        "loaded 2099D00001",
        "loaded 2099D00002",
        "loaded brief-caf-xe9",
        "loaded zorgakkoord-wijkzorg-2026-docx-export",
        "loaded zorgakkoord-wijkzorg-2026",
    ]


def test_copies_of_a_file_point_at_one_document(history: History) -> None:
    rows = [
        (path, document_id)
        for path, _, document_id in history.first_snapshot["files"]
        if path.endswith(LETTER)
    ]
    assert sorted(Path(p).parent.name for p, _ in rows) == ["corpus", "kopie"]
    assert {d for _, d in rows} == {"2099D00001"}
    assert "2 files unchanged" not in history.first.stdout
    assert "unchanged (skipped)       1" in history.first.stdout


def test_a_name_that_is_not_utf8_is_loaded_and_shown_escaped(history: History) -> None:
    assert "<- brief-caf\\xe9.txt" in history.first.stdout
    files = {Path(path).name for path, _, _ in history.first_snapshot["files"]}
    assert "brief-caf\\xe9.txt" in files


def test_one_worker_and_two_workers_give_the_same_database(history: History) -> None:
    assert history.one_worker_snapshot == history.first_snapshot


def test_unchanged_files_are_skipped_by_content_hash(history: History) -> None:
    run = history.unchanged
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"nothing to do: {len(FILES) + 2} files unchanged, 0 failed")
    assert "loaded " not in run.stdout
    assert run.stderr == ""  # nothing changed, nothing removed (the Latin-1 name included)
    conn = connect(history.db)
    try:
        runs = conn.execute("SELECT loaded, skipped, failed FROM runs ORDER BY run_id").fetchall()
    finally:
        conn.close()
    assert runs[:2] == [(len(FILES) + 1, 1, 0), (0, len(FILES) + 2, 0)]


def test_changed_files_become_new_versions(history: History) -> None:
    run = history.changed
    assert run.returncode == 0, run.stderr
    assert_no_traceback(run)
    for name in (LETTER, EXPORT):
        assert f"changed: {history.corpus / name} (loading as a new version)" in run.stderr
    versions = _versions(history.db)
    assert ("2099D00001", "2099D00001", 1, LETTER) in versions
    assert ("2099D00001-v2", "2099D00001", 2, LETTER) in versions
    assert ("zorgakkoord-wijkzorg-2026-docx-export", None, 1, EXPORT) in versions
    assert ("zorgakkoord-wijkzorg-2026-docx-export-v2", None, 2, EXPORT) in versions
    conn = connect(history.db)
    try:
        text = conn.execute("SELECT text FROM documents WHERE document_id = '2099D00001-v2'").fetchone()[0]
    finally:
        conn.close()
    assert "uiterlijk eind 2027 opnieuw over de voortgang" in text
    assert consistency_problems(history.db) == []


def test_a_renamed_file_is_not_extracted_again(history: History) -> None:
    assert "akkoord-hernoemd" not in history.changed.stdout
    conn = connect(history.db)
    try:
        row = conn.execute("SELECT document_id FROM files WHERE path LIKE '%akkoord-hernoemd.pdf'").fetchone()
    finally:
        conn.close()
    assert row == ("zorgakkoord-wijkzorg-2026",)


def test_removed_files_are_reported_and_kept(history: History) -> None:
    run = history.changed
    gone = history.corpus.resolve() / BIJLAGE
    assert f"removed from corpus (kept in the database): {gone}" in run.stderr
    assert "2099D00002" in {row[0] for row in _versions(history.db)}
