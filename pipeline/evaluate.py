"""`afspraken eval`: precision, recall and F1 of the database against gold annotations.

Fact types scored per gold document:
- agreements, matched by printed number/code or, failing that, by title similarity;
- actors per agreement (role `actor`), by organisation id: gold canonical names are resolved through
  the registry, so a name the registry cannot resolve counts as missed;
- deadlines per agreement, by calendar interval (start and end date), as multisets: an interval
  written twice in a block is expected twice.
Floors live in a baseline file; a score below its floor fails the run. Floors only go up.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

# Titles of the same agreement differ in case, punctuation and the odd word ("Keteninformatie
# Kerngegevens Verbeteren" vs the printed box title); 85 matched every HLO title and no two
# different HLO or AZWA titles score that high against each other.
TITLE_MATCH_MIN = 85
METRICS = ("agreements", "actors", "deadlines")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Counter, found: Counter) -> None:
        matched = sum((gold & found).values())
        self.tp += matched
        self.fn += sum(gold.values()) - matched
        self.fp += sum(found.values()) - matched


@dataclass
class DocumentScore:
    gold_file: str
    document_id: str
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    misses: list[str] = field(default_factory=list)


def _norm_title(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower()).strip()


def find_document(conn: sqlite3.Connection, gold_path: Path, gold: dict) -> str | None:
    """The loaded document a gold file annotates: same file name, else the gold file's stem as prefix."""
    stem = gold_path.name.removesuffix(".gold.json")
    named = gold.get("document", {}).get("file")
    rows = conn.execute(
        "SELECT document_id, source_file, format FROM documents ORDER BY format DESC"
    ).fetchall()
    for document_id, source_file, _ in rows:
        if named and source_file == named:
            return document_id
    # Prefer the text rendering the gold line numbers refer to, then any other rendering.
    for document_id, source_file, _fmt in sorted(rows, key=lambda r: (r[2] != "txt", r[1])):
        if source_file.startswith(stem):
            return document_id
    return None


def score_document(conn: sqlite3.Connection, gold_path: Path, document_id: str) -> DocumentScore:
    from extractors.organisations import Registry

    registry = Registry.load()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = DocumentScore(gold_path.name, document_id)
    ours = {
        row[0]: {"code": row[1], "title": row[2]}
        for row in conn.execute(
            "SELECT agreement_key, code, title FROM agreements WHERE document_id = ?", (document_id,)
        )
    }
    pairs = _match_agreements(gold["agreements"], ours)
    agreements = result.scores["agreements"]
    agreements.tp = len(pairs)
    agreements.fn = len(gold["agreements"]) - len(pairs)
    agreements.fp = len(ours) - len(pairs)
    result.misses += [
        f"agreement not found: {g.get('number') or g['title']}"
        for g in gold["agreements"]
        if g["key"] not in pairs
    ]

    for g in gold["agreements"]:
        key = pairs.get(g["key"])
        gold_actors = Counter(_resolve(registry, name) for name in g.get("actors", []))
        found_actors: Counter = Counter()
        gold_times = Counter(
            (d["start"], d["end"]) for d in g.get("deadlines", []) if d.get("start") and d.get("end")
        )
        found_times: Counter = Counter()
        if key is not None:
            found_actors = Counter(
                r[0]
                for r in conn.execute(
                    "SELECT organisation_id FROM agreement_actors WHERE document_id = ? AND agreement_key = ? "
                    "AND role = 'actor'",
                    (document_id, key),
                )
            )
            found_times = Counter(
                (r[0], r[1])
                for r in conn.execute(
                    "SELECT start_date, end_date FROM time_expressions WHERE document_id = ? AND agreement_key = ? "
                    "AND start_date IS NOT NULL",
                    (document_id, key),
                )
            )
        result.scores["actors"].add(gold_actors, found_actors)
        result.scores["deadlines"].add(gold_times, found_times)
        label = g.get("number") or g["title"]
        for name in sorted((gold_actors - found_actors).elements()):
            result.misses.append(f"{label}: actor missed: {name}")
        for name in sorted((found_actors - gold_actors).elements()):
            result.misses.append(f"{label}: actor not in gold: {name}")
        for interval in sorted((gold_times - found_times).elements()):
            result.misses.append(f"{label}: deadline missed: {interval[0]}..{interval[1]}")
        for interval in sorted((found_times - gold_times).elements()):
            result.misses.append(f"{label}: deadline not in gold: {interval[0]}..{interval[1]}")
    return result


def _resolve(registry: object, name: str) -> str:
    entry = registry.resolve(name)  # type: ignore[attr-defined]
    return entry.id if entry is not None else f"unresolved:{name}"


def _match_agreements(gold: list[dict], ours: dict[str, dict]) -> dict[str, str]:
    """gold key -> our agreement key; by number/code first, then by the most similar title."""
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    by_code = {v["code"]: k for k, v in ours.items() if v["code"]}
    for g in gold:
        number = g.get("number") or g.get("code")
        if number and number in by_code:
            pairs[g["key"]] = by_code[number]
            taken.add(by_code[number])
    for g in gold:
        if g["key"] in pairs:
            continue
        best: tuple[float, str] | None = None
        for key, ag in ours.items():
            if key in taken:
                continue
            score = fuzz.token_set_ratio(_norm_title(g["title"]), _norm_title(ag["title"]))
            if score >= TITLE_MATCH_MIN and (best is None or score > best[0]):
                best = (score, key)
        if best:
            pairs[g["key"]] = best[1]
            taken.add(best[1])
    return pairs


def load_baseline(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def below_floors(results: list[DocumentScore], baseline: dict) -> list[str]:
    """Scores under their floor, as readable lines; an empty list means the gate passes."""
    failures = []
    for r in results:
        floors = baseline.get(r.gold_file, {})
        for metric, score in r.scores.items():
            for measure in ("precision", "recall", "f1"):
                floor = floors.get(metric, {}).get(measure)
                value = getattr(score, measure)
                if floor is not None and value + 1e-9 < floor:
                    failures.append(
                        f"{r.gold_file}: {metric} {measure} {value:.3f} is below its floor {floor:.3f}"
                    )
    return failures
