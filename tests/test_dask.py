"""The Dask executor gives the same database as the local process pool.

The sample corpus (txt, docx, pdf) plus one bad file is extracted three times: locally with two
workers (in this process, the reference), and through the CLI on a LocalCluster the CLI starts
itself (`--executor dask`) and on a cluster started here and reached by its address
(`--scheduler tcp://...`), the way a real cluster is used. Every table is compared, ordered, without timestamps and autoincrement ids.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.robust_helpers import (
    assert_no_traceback,
    consistency_problems,
    copy_samples,
    extract_here,
    failures,
    run_cli,
    snapshot,
)

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'afspraken[dask]')")

BAD = "afgebroken.pdf"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = copy_samples(tmp_path_factory.mktemp("dask") / "corpus")
    (corpus / BAD).write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")  # a cut-off download
    return corpus


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "afspraken.db"
    assert extract_here([corpus], db) == 1  # the bad file
    return db


def _check_same(proc: subprocess.CompletedProcess[str], db: Path, local: Path) -> None:
    assert proc.returncode == 1, proc.stderr
    assert_no_traceback(proc)
    assert consistency_problems(db) == []
    assert snapshot(db) == snapshot(local)
    assert failures(db) == failures(local) == {BAD: "corrupt or truncated PDF"}


@pytest.mark.slow  # ~7 s: the CLI starts (and warms up) a cluster of its own; the test below covers the streaming
def test_dask_local_cluster_gives_the_same_database(corpus: Path, local: Path, tmp_path: Path) -> None:
    db = tmp_path / "dask.db"
    proc = run_cli("extract", corpus, "--db", db, "--executor", "dask", "--jobs", "2")
    _check_same(proc, db, local)
    loaded = [line.split(" (")[0] for line in proc.stdout.splitlines() if line.startswith("loaded ")]
    assert len(loaded) == len(snapshot(local)["documents"])
    assert f"error: {corpus / BAD}: corrupt or truncated PDF" in proc.stderr


def test_dask_scheduler_address_gives_the_same_database(corpus: Path, local: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        db = tmp_path / "scheduler.db"
        proc = run_cli(
            "extract", corpus, "--db", db, "--executor", "dask", "--scheduler", cluster.scheduler_address
        )
    _check_same(proc, db, local)


def test_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    from pipeline.dask_executor import DaskUnavailable, dask_executor

    run = dask_executor("tcp://127.0.0.1:9", connect_timeout="1s")
    with pytest.raises(DaskUnavailable, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9: "):
        next(run([("x.txt", "")]))
