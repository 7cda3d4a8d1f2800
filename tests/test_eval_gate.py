"""The quality gate: scores against the gold annotations may not drop below the baseline floors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pipeline.evaluate import below_floors, find_document, load_baseline, score_document
from tests.paths import GOLD, ROOT

BASELINE = ROOT / "tests" / "eval_baseline.json"


def _score(db: Path, gold_path: Path):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    document_id = find_document(conn, gold_path, gold)
    assert document_id is not None, f"no document for {gold_path.name}"
    return score_document(conn, gold_path, document_id)


def test_hlo_gold_scores(reference_db: Path) -> None:
    result = _score(reference_db, GOLD / "hlo-2025-onderhandelaarsakkoord.gold.json")
    s = result.scores
    assert result.document_id == "hlo-2025-onderhandelaarsakkoord-docx-export"
    assert (s["agreements"].precision, s["agreements"].recall) == (1.0, 1.0)
    assert s["actors"].f1 >= 0.95
    assert s["deadlines"].recall >= 0.95 and s["deadlines"].precision >= 0.85
    assert below_floors([result], load_baseline(BASELINE)) == []


def test_sample_gold_scores(reference_db: Path) -> None:
    result = _score(reference_db, ROOT / "tests" / "gold" / "zorgakkoord-wijkzorg-2026.gold.json")
    assert below_floors([result], load_baseline(BASELINE)) == []


def test_gate_reports_a_score_below_its_floor() -> None:
    from pipeline.evaluate import DocumentScore

    weak = DocumentScore("hlo-2025-onderhandelaarsakkoord.gold.json", "x")
    weak.scores["deadlines"].tp, weak.scores["deadlines"].fn = 9, 1
    failures = below_floors([weak], load_baseline(BASELINE))
    assert failures == [
        "hlo-2025-onderhandelaarsakkoord.gold.json: deadlines recall 0.900 is below its floor 1.000"
    ]
