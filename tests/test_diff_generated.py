"""The diff on generated version pairs: every planted change reported, formatting-only edits silent.

`tests/change_generator.py` builds the pairs (seeded, deterministic): the HLO docx-export text from the
reference corpus with edits on its lines, and the sample agreement's data model with edits on its
blocks, rendered as docx-export text, .docx or .pdf. Every generated document is extracted into one
database, every pair is diffed, and the report is scored against the planted changes.

Scoring
-------
Counted changes (the denominator of precision): every agreement-level and field-level change (all
kinds but text_* and metadata_changed), plus text_* changes not marked low-confidence. Metadata is
left out because renderings legitimately differ in it (the .docx carries a title in its properties).

A counted change corresponds to a planted edit when it is
- its primary report (at most one per planted edit, and recall counts these):
  deadline_moved / amount_changed in the agreement (keys on both sides), old and new values holding
  the old and new expression (or, for a deadline, the old expression's interval: with two deadlines
  of the same interval either may be reported as the one that moved); actor_removed of the
  organisation; agreement_added / agreement_removed of the agreement; renumbered from the old to the
  new code; split of the agreement into exactly its two halves; commitment_reworded whose texts differ
  by the planted substitution. A primary report must not be low-confidence: a planted edit is real.
- a companion of a field edit: commitment_reworded, what_changed or title_changed of the same
  agreement pair whose old and new text differ by exactly the planted substitution (the commitment
  that holds a moved deadline, a changed amount or a removed actor did change);
- a companion of a split: any field-level change (or renumbered) from the split agreement to one of
  its halves. The diff compares the old agreement with the half it aligned to, so what moved to the
  other half shows up there as removed; that is a faithful account of a split, not noise.
- text that one rendering holds by construction and the other does not (the sample PDF's cover lists
  the parties), reported as text added or removed: a real difference of content.
An added, removed or renumbered agreement has no companions. Everything else is an extra (noise).

Each pair is a test of its own and must be exact: every planted edit found, no extra at all. The
aggregate test asserts the acceptance floors (recall 1.00, precision >= 0.95) and prints a table per
kind (planted / found, and counted / extra per reported kind) and every pair that misses or adds.
Defects of the diff or the extraction found this way are listed in DEFECTS with their diagnosis and
the pairs they affect; those pairs are xfail(strict=True), and the aggregate figures are printed with
and without them (the floors are asserted without them).

Determinism: the pairs come from `random.Random` seeded with cg.SEED and the pair id; the generator's
own properties are checked with hypothesis (derandomize=True). A run takes about 45 s on two cores.
"""

from __future__ import annotations

import multiprocessing
import random
import re
import sqlite3
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.textdiff import fold
from schemas.changes import Change, ChangeKind, ChangeReport
from tests import change_generator as cg
from tests.paths import SHARED

HLO_TEXT = "corpus/text/hlo-2025-onderhandelaarsakkoord.docx-export.txt"
MIN_PAIRS = 50
RECALL_FLOOR = 1.0
PRECISION_FLOOR = 0.95
# Every kind of edit is planted at least this often (the sample pairs alone reach it, so it holds
# without the reference corpus too; with it every kind is planted 9 to 14 times).
MIN_PLANTED_PER_KIND = 4

TEXT_KINDS = frozenset(
    {ChangeKind.text_added, ChangeKind.text_removed, ChangeKind.text_changed, ChangeKind.text_moved}
)
STRUCTURAL_KINDS = frozenset(
    {ChangeKind.agreement_added, ChangeKind.agreement_removed, ChangeKind.split, ChangeKind.merged}
)
REWORDING_KINDS = frozenset(
    {ChangeKind.commitment_reworded, ChangeKind.what_changed, ChangeKind.title_changed}
)

# Defects of the diff or the extraction that generated pairs show, with the pairs they affect. The
# lead fixes the code and removes the pairs (xfail is strict: a fixed pair fails until it is removed).
DEFECTS: dict[str, tuple[str, frozenset[str]]] = {}
KNOWN_DEFECTS: dict[str, str] = {
    pid: "known defect: "
    + ", ".join(name for name, (_, pairs) in DEFECTS.items() if pid in pairs)
    + " (diagnosis in DEFECTS, tests/test_diff_generated.py)"
    for pid in sorted(set().union(*(pairs for _, pairs in DEFECTS.values())))
}


def counted(c: Change) -> bool:
    if c.kind == ChangeKind.metadata_changed:
        return False
    if c.kind in TEXT_KINDS:
        return not c.low_confidence
    return True


def substitution_explains(c: Change, edit: tuple[str, str] | None) -> bool:
    """Whether the change's old and new text differ by exactly the planted substitution."""
    if edit is None or c.old_value is None or c.new_value is None:
        return False
    old, new = fold(edit[0]), fold(edit[1])
    before = fold(c.old_value)
    return old in before and before.replace(old, new, 1) == fold(c.new_value)


# --- scoring -----------------------------------------------------------------------------------------


class Keys:
    """Agreement keys of the planted refs in one extracted document (code, else title)."""

    def __init__(self, conn: sqlite3.Connection, document_id: str) -> None:
        self.document_id = document_id
        self.rows = conn.execute(
            "SELECT agreement_key, code, title FROM agreements WHERE document_id = ?", (document_id,)
        ).fetchall()

    def __call__(self, ref: cg.Ref | None) -> str | None:
        if ref is None:
            return None
        if ref.code is not None:
            hits = [k for k, code, _ in self.rows if code == ref.code]
        else:
            hits = [k for k, code, title in self.rows if code is None and fold(title) == fold(ref.title)]
        return hits[0] if len(hits) == 1 else None


@dataclass
class PairScore:
    pair: cg.Pair
    changes: list[Change]
    found: list[tuple[cg.Planted, Change]] = field(default_factory=list)
    missed: list[tuple[cg.Planted, str]] = field(default_factory=list)  # (planted, why)
    companions: list[tuple[Change, str]] = field(default_factory=list)
    extra: list[Change] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def counted(self) -> list[Change]:
        return [c for c in self.changes if counted(c)]

    def explain(self) -> str:
        lines = [self.pair.describe()]
        lines += [f"  MISSED {p.describe()} ({why})" for p, why in self.missed]
        lines += [f"  EXTRA  {_show(c)}" for c in self.extra]
        lines += [f"  found  {p.describe()}" for p, _ in self.found]
        lines += [f"  compan {_show(c)} <- {why}" for c, why in self.companions]
        return "\n".join(lines)


def _show(c: Change) -> str:
    keys = f"{c.agreement_key_from}->{c.agreement_key_to}"
    low = " (low confidence)" if c.low_confidence else ""
    old, new = (c.old_value or "")[:110], (c.new_value or "")[:110]
    return f"{c.kind.value} [{keys}] {c.field or ''}{low}: {old!r} -> {new!r}"


def score_pair(
    pair: cg.Pair, report: ChangeReport, conn: sqlite3.Connection, old_id: str, new_id: str
) -> PairScore:
    key_old, key_new = Keys(conn, old_id), Keys(conn, new_id)
    result = PairScore(pair, list(report.changes))
    used: set[int] = set()

    def intervals(key: str | None, surface: str | None) -> set[str]:
        if key is None or not surface:
            return set()
        rows = conn.execute(
            "SELECT surface, start_date, end_date FROM time_expressions WHERE document_id = ? "
            "AND agreement_key = ?",
            (old_id, key),
        ).fetchall()
        return {f"({s}..{e})" for surf, s, e in rows if fold(surface) in fold(surf)}

    def primary(p: cg.Planted, c: Change, kf: str | None, kt: str | None) -> bool:
        if c.kind.value != p.kind:
            return False
        if p.kind == cg.AGREEMENT_ADDED:
            return kt is not None and c.agreement_key_to == kt
        if p.kind == cg.AGREEMENT_REMOVED:
            return kf is not None and c.agreement_key_from == kf
        if p.kind == cg.SPLIT:
            halves = {key_new(r) for r in p.parts}
            return c.agreement_key_from == kf and None not in halves and set(c.related) == halves
        if kf is None or kt is None or (c.agreement_key_from, c.agreement_key_to) != (kf, kt):
            return False
        if p.kind == cg.RENUMBERED:
            return True
        if p.kind == cg.ACTOR_REMOVED:
            # the organisation id is in `related` (the values name it for a reader)
            return p.org in c.related or (c.old_value or "").startswith(f"{p.org} (")
        if p.kind == cg.COMMITMENT_REWORDED:
            return substitution_explains(c, p.edit)
        old_ok = p.old is not None and fold(p.old) in fold(c.old_value or "")
        if p.kind == cg.DEADLINE_MOVED and not old_ok:
            old_ok = any(i in (c.old_value or "") for i in intervals(kf, p.old))
        return old_ok and p.new is not None and fold(p.new) in fold(c.new_value or "")

    keys = [(key_old(p.ref_from), key_new(p.ref_to)) for p in pair.planted]
    for p, (kf, kt) in zip(pair.planted, keys, strict=True):
        hits = [i for i, c in enumerate(result.changes) if i not in used and primary(p, c, kf, kt)]
        good = [i for i in hits if not result.changes[i].low_confidence]
        if good:
            used.add(good[0])
            result.found.append((p, result.changes[good[0]]))
        else:
            unresolved = [
                f"{side} {ref} not found"
                for side, ref, k in (("old", p.ref_from, kf), ("new", p.ref_to, kt))
                if ref is not None and k is None
            ]
            why = "; ".join(unresolved) or ("reported only as low-confidence" if hits else "not reported")
            result.missed.append((p, why))

    for i, c in enumerate(result.changes):
        if i in used or not counted(c):
            continue
        why = _companion(c, pair, keys, key_new)
        if why:
            result.companions.append((c, why))
        else:
            result.extra.append(c)
    return result


def _companion(
    c: Change, pair: cg.Pair, keys: list[tuple[str | None, str | None]], key_new: Keys
) -> str | None:
    for p, (kf, kt) in zip(pair.planted, keys, strict=True):
        same_pair = kf is not None and (c.agreement_key_from, c.agreement_key_to) == (kf, kt)
        if same_pair and c.kind in REWORDING_KINDS and substitution_explains(c, p.edit):
            return f"text holding {p.describe()}"
        if p.kind == cg.SPLIT and kf is not None and c.agreement_key_from == kf:
            halves = {key_new(r) for r in p.parts}
            if c.agreement_key_to in halves and c.kind not in STRUCTURAL_KINDS and c.kind not in TEXT_KINDS:
                return f"inside {p.describe()}"
    if c.kind in (ChangeKind.text_added, ChangeKind.text_removed):
        value = fold(c.new_value or c.old_value or "")
        if any(value == fold(t) for t in pair.allowed_text):
            return "content only one rendering has"
    return None


# --- the generated corpus, extracted and diffed once ----------------------------------------------------


@dataclass
class Run:
    scores: dict[str, PairScore]
    generate_seconds: float
    extract_seconds: float
    diff_seconds: float
    documents: int


# Pairs are diffed in this many worker processes (the diffs are independent and CPU-bound).
DIFF_WORKERS = 2


def _diff(db: Path, old_id: str, new_id: str) -> tuple[str, float]:
    """One pair's report as JSON, and the seconds it took (runs in a worker process)."""
    from pipeline.compare import compare

    started = time.perf_counter()
    conn = sqlite3.connect(db)
    try:
        report = compare(conn, old_id, new_id)
    finally:
        conn.close()
    return report.model_dump_json(), time.perf_counter() - started


def _diff_all(db: Path, jobs: list[tuple[str, str]]) -> list[tuple[str, float]]:
    if not sys.platform.startswith("linux"):
        return [_diff(db, a, b) for a, b in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(DIFF_WORKERS, mp_context=context) as pool:
        return list(pool.map(_diff, [db] * len(jobs), *zip(*jobs, strict=True)))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    from pipeline.console import Reporter
    from pipeline.orchestrate import extract, local_executor

    hlo = SHARED / HLO_TEXT
    started = time.perf_counter()
    pairs = cg.generate(hlo if hlo.exists() else None)
    generated = time.perf_counter()

    folder = tmp_path_factory.mktemp("generated-pairs")
    paths: dict[str, Path] = {}
    for pair in pairs:
        for doc in (pair.old, pair.new):
            if isinstance(doc, Path):
                paths[str(doc)] = doc
            else:
                path = folder / doc.name
                path.write_bytes(doc.data)
                paths[doc.name] = path
    db = folder / "generated.db"
    stats = extract(sorted(set(paths.values())), db, local_executor(2), Reporter(quiet=True))
    assert stats.failed == 0, "every generated document must load"
    extracted = time.perf_counter()

    conn = sqlite3.connect(db)
    ids = dict(conn.execute("SELECT path, document_id FROM files"))

    def doc_id(doc: cg.Variant | Path) -> str:
        path = paths[str(doc) if isinstance(doc, Path) else doc.name]
        return ids[str(path.resolve())]

    jobs = [(doc_id(pair.old), doc_id(pair.new)) for pair in pairs]
    reports = _diff_all(db, jobs)
    scores: dict[str, PairScore] = {}
    for pair, (old_id, new_id), (report, seconds) in zip(pairs, jobs, reports, strict=True):
        score = score_pair(pair, ChangeReport.model_validate_json(report), conn, old_id, new_id)
        score.seconds = seconds
        scores[pair.pair_id] = score
    conn.close()
    return Run(
        scores, generated - started, extracted - generated, time.perf_counter() - extracted, len(paths)
    )


def _pair_params() -> list[object]:
    return [
        pytest.param(pid, marks=pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[pid]))
        if pid in KNOWN_DEFECTS
        else pid
        for pid in cg.pair_ids()
    ]


@pytest.mark.slow
@pytest.mark.parametrize("pair_id", _pair_params())
def test_generated_pair(run: Run, pair_id: str) -> None:
    """Every planted edit of the pair is reported and nothing else is (see the module docstring)."""
    if pair_id not in run.scores:
        pytest.skip(f"reference corpus not available: {SHARED / HLO_TEXT} is absent")
    score = run.scores[pair_id]
    assert not score.missed and not score.extra, score.explain()


# --- the aggregate figures --------------------------------------------------------------------------


@dataclass
class Totals:
    planted: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    counted: Counter[str] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)

    def add(self, s: PairScore) -> None:
        self.planted.update(p.kind for p in s.pair.planted)
        self.found.update(p.kind for p, _ in s.found)
        self.counted.update(c.kind.value for c in s.counted)
        self.extra.update(c.kind.value for c in s.extra)

    @property
    def recall(self) -> float:
        total = sum(self.planted.values())
        return sum(self.found.values()) / total if total else 1.0

    @property
    def precision(self) -> float:
        total = sum(self.counted.values())
        return (total - sum(self.extra.values())) / total if total else 1.0

    def table(self, title: str) -> str:
        rows = [title, f"  {'planted kind':<22} {'planted':>7} {'found':>6} {'recall':>7}"]
        for kind in cg.EDIT_KINDS:
            n, f = self.planted[kind], self.found[kind]
            rows.append(f"  {kind:<22} {n:>7} {f:>6} {f / n if n else 1:>7.2f}")
        rows.append(f"  {'reported kind':<22} {'counted':>7} {'extra':>6}")
        for kind in sorted(self.counted):
            rows.append(f"  {kind:<22} {self.counted[kind]:>7} {self.extra[kind]:>6}")
        rows.append(f"  recall {self.recall:.3f}  precision {self.precision:.3f}")
        return "\n".join(rows)


@pytest.mark.slow
def test_recall_and_precision_over_generated_pairs(run: Run) -> None:
    scores = list(run.scores.values())
    assert len(scores) >= MIN_PAIRS or len(scores) == cg.SAMPLE_PAIRS, "too few generated pairs"
    everything, clean = Totals(), Totals()
    for s in scores:
        everything.add(s)
        if s.pair.pair_id not in KNOWN_DEFECTS:
            clean.add(s)
    print()
    print(
        f"{len(scores)} pairs, {run.documents} documents: generated in {run.generate_seconds:.1f} s, "
        f"extracted in {run.extract_seconds:.1f} s, diffed in {run.diff_seconds:.1f} s"
    )
    print(everything.table(f"all {len(scores)} pairs"))
    print(clean.table(f"without the {len(KNOWN_DEFECTS)} pairs of known defects"))
    for s in scores:
        if s.missed or s.extra:
            print(s.explain())
    for kind in cg.EDIT_KINDS:
        assert everything.planted[kind] >= MIN_PLANTED_PER_KIND, f"{kind} planted too rarely"
    assert clean.recall >= RECALL_FLOOR, clean.table("recall below the floor")
    assert clean.precision >= PRECISION_FLOOR, clean.table("precision below the floor")


# --- the generator itself ---------------------------------------------------------------------------


def _reader_view(text: str) -> tuple[list[str], list[str]]:
    """What the docx-export reader reads in a text: the text of its blocks in order (a numbered item's
    number kept, quotes and spaces normalised) and its footnote texts, numbers aside.

    Block kinds are left out on purpose: the reader decides heading / paragraph / numbered item partly
    by line length and by the blank lines that follow, so a rewrapped numbered item or extra blank
    lines can change a kind (DEFECTS["image-placeholder-blank-lines"]); whether that reaches the diff is
    what the generated pairs measure.
    """
    from extractors.readers.txt_docx_export import parse

    doc = parse(text)

    def norm(s: str) -> str:
        s = s.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
        return re.sub(r"\s+", " ", s).strip()

    blocks = [
        norm(f"{b.marker} {b.text}" if b.marker and b.marker[0].isdigit() else b.text)
        for b in doc.blocks
        if b.kind.value != "footnote"
    ]
    notes = sorted(norm(b.text) for b in doc.blocks if b.kind.value == "footnote")
    return blocks, notes


@settings(derandomize=True, max_examples=12, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_formatting_noise_is_invisible_to_the_reader(seed: int) -> None:
    """The formatting-only edits change the bytes but not what the docx-export reader reads (bar
    quote style, bullet glyph and footnote numbers): any change the diff reports for them is noise."""
    text = cg.render_raw(cg.sample_blocks(), "txt").decode("utf-8")
    hlo = SHARED / HLO_TEXT
    if hlo.exists() and seed % 2:
        text = hlo.read_text(encoding="utf-8")
    noisy, noise = cg.add_noise(text, random.Random(seed))
    assert noisy != text and noise
    assert _reader_view(noisy) == _reader_view(text), f"noise {noise} changed the reading"


@settings(derandomize=True, max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), count=st.integers(min_value=1, max_value=3))
def test_planted_edits_are_visible_in_the_rendered_text(seed: int, count: int) -> None:
    """Each planted field edit shows in the rendered text: its new fragment is there; a removed,
    renumbered or split agreement has its new box titles."""
    rng = random.Random(seed)
    kinds = rng.sample(cg.EDIT_KINDS, count)
    blocks, planted = cg.edit_model(cg.sample_blocks(), kinds, rng)
    text = cg.render_raw(blocks, "txt").decode("utf-8")
    original = cg.render_raw(cg.sample_blocks(), "txt").decode("utf-8")
    assert planted, f"nothing planted for {kinds}"
    for p in planted:
        if p.edit is not None:
            assert p.edit[1] in text and p.edit[0] != p.edit[1], p.describe()
            assert text != original
        elif p.kind == cg.AGREEMENT_REMOVED:
            assert f"\t{p.ref_from.code}:" in original and f"\t{p.ref_from.code}:" not in text
        elif p.kind in (cg.AGREEMENT_ADDED, cg.RENUMBERED):
            assert f"\t{p.ref_to.code}: " in text
        elif p.kind == cg.SPLIT:
            assert all(f"\t{r.code}: {r.title}" in text for r in p.parts)


def test_generation_is_deterministic() -> None:
    rng_a, rng_b = random.Random(7), random.Random(7)
    a = cg.edit_model(cg.sample_blocks(), list(cg.EDIT_KINDS), rng_a)
    b = cg.edit_model(cg.sample_blocks(), list(cg.EDIT_KINDS), rng_b)
    assert a[1] == b[1]
    assert cg.render_raw(a[0], "pdf") == cg.render_raw(b[0], "pdf")
    assert cg.render_raw(a[0], "docx") == cg.render_raw(b[0], "docx")
    assert cg.add_noise(cg.render_raw(a[0], "txt").decode(), random.Random(3)) == cg.add_noise(
        cg.render_raw(b[0], "txt").decode(), random.Random(3)
    )
