"""Workers send the writer rows (pipeline.load_rows), not models: the trip must lose nothing, and
rows of another layout (a Dask worker running another version) must be refused, not loaded."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from extractors.extract import extract_facts
from extractors.readers import read
from pipeline.console import Reporter
from pipeline.load_rows import rows_of
from pipeline.orchestrate import RunStats, _write
from pipeline.process import FileResult
from pipeline.store import Store
from schemas import BlockKind
from tests.robust_helpers import SAMPLES, consistency_problems, failures, snapshot

SAMPLE_NAMES = ["2099D00001-voortgangsbrief-zorgakkoord.txt", "zorgakkoord-wijkzorg-2026.pdf"]


def _read(name: str) -> tuple[Path, object, object]:
    path = SAMPLES / name
    doc = read(path)
    return path, doc, extract_facts(doc)


def test_rows_after_a_pickle_trip_load_the_same_database_as_the_models(tmp_path: Path) -> None:
    direct, shipped = tmp_path / "direct.db", tmp_path / "shipped.db"
    with Store(direct) as a, Store(shipped) as b:
        for name in SAMPLE_NAMES:
            path, doc, facts = _read(name)
            a.load(str(path), doc, facts)  # type: ignore[arg-type]
            rows = pickle.loads(pickle.dumps(rows_of(doc, facts)))  # type: ignore[arg-type]
            b.load_rows(str(path), rows)
    assert snapshot(shipped) == snapshot(direct)
    assert consistency_problems(shipped) == []


def test_rows_carry_the_counts_the_run_reports() -> None:
    _, doc, facts = _read("2099D00001-voortgangsbrief-zorgakkoord.txt")
    rows = rows_of(doc, facts)  # type: ignore[arg-type]
    assert rows.blocks == len(doc.blocks)  # type: ignore[attr-defined]
    assert rows.footnotes == sum(b.kind == BlockKind.footnote for b in doc.blocks) > 0  # type: ignore[attr-defined]
    assert rows.agreements == len(facts.agreements) > 0  # type: ignore[attr-defined]
    assert len(rows.tables["agreements"]) == rows.agreements
    assert len(rows.tables["refs"]) == rows.references == len(facts.references)  # type: ignore[attr-defined]


def test_rows_of_another_layout_are_refused_and_the_others_load(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    stats = RunStats()
    with Store(db) as store:
        for n, name in enumerate(SAMPLE_NAMES):
            path, doc, facts = _read(name)
            rows = rows_of(doc, facts)  # type: ignore[arg-type]
            if n == 0:
                rows.layout = "0000000000000000"
            result = FileResult(path=str(path), sha256=rows.meta.sha256, rows=rows)
            _write(store, result, stats, Reporter(quiet=True))
    assert stats.loaded == 1 and stats.failed == 1
    reason = failures(db)[SAMPLE_NAMES[0]]
    assert "another version of afspraken" in reason
    assert consistency_problems(db) == []
    rows.layout = "x"  # the direct API says why, too
    with Store(tmp_path / "b.db") as store, pytest.raises(ValueError, match="another version of afspraken"):
        store.load_rows(str(path), rows)
