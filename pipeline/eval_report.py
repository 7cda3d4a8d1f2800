"""Prints `afspraken eval` results and applies the baseline gate."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.evaluate import DocumentScore, below_floors, find_document, load_baseline, score_document

PIPED_WIDTH = 150


def gold_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.glob("*.gold.json")))
        elif p.is_file():
            files.append(p)
    return files


def run_eval(db: Path, paths: list[Path], baseline_path: Path, show_misses: bool = False) -> int:
    # Piped output is not cut to 80 columns: gold file and document names are long.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else PIPED_WIDTH)
    if not db.exists():
        print(f"error: {db}: no database; run `afspraken extract` first", file=sys.stderr)
        return 2
    import json

    conn = sqlite3.connect(db)
    results: list[DocumentScore] = []
    for gold_path in gold_files(paths):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document_id = find_document(conn, gold_path, gold)
        if document_id is None:
            print(
                f"note: {gold_path}: the annotated document is not in the database; skipped", file=sys.stderr
            )
            continue
        results.append(score_document(conn, gold_path, document_id))
    if not results:
        print("error: no gold file matched a document in the database", file=sys.stderr)
        return 2
    table = Table(title="evaluation against gold annotations")
    for column in ("gold", "document", "fact", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if len(column) <= 2 else "left")
    for r in results:
        for metric, s in r.scores.items():
            table.add_row(
                r.gold_file,
                r.document_id,
                metric,
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.f1:.3f}",
                str(s.tp),
                str(s.fp),
                str(s.fn),
            )
    console.print(table)
    if show_misses:
        for r in results:
            for line in r.misses:
                console.print(f"  {r.gold_file}: {line}", markup=False)
    failures = below_floors(results, load_baseline(baseline_path))
    for line in failures:
        print(f"regression: {line}", file=sys.stderr)
    return 1 if failures else 0
