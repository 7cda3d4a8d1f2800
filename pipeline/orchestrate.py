"""`afspraken extract`: discover files, skip what is loaded, extract in parallel, load with one writer."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractors.readers import SUPPORTED_SUFFIXES, sha256_file
from pipeline.console import Reporter
from pipeline.process import FileResult, process_file
from pipeline.store import Store

# Files that sit beside documents in a corpus folder and are not documents themselves.
IGNORED_SUFFIXES = frozenset({".md", ".json", ".yaml", ".yml", ".py", ".csv", ".sha256", ".log"})
IGNORED_NAMES = ("readme", "license", "licence", "changelog")


@dataclass
class RunStats:
    discovered: int = 0
    loaded: int = 0
    unchanged: int = 0
    failed: int = 0
    pages: int = 0
    blocks: int = 0
    agreements: int = 0
    commitments: int = 0
    time_expressions: int = 0
    references: int = 0
    seconds: float = 0.0
    removed: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)


def _ignored(path: Path) -> bool:
    name = path.name.lower()
    return name.startswith(".") or name.startswith(IGNORED_NAMES) or path.suffix.lower() in IGNORED_SUFFIXES


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]], list[Path]]:
    """Files to consider, problems found while walking (path, reason), and the folders walked."""
    files: dict[str, Path] = {}
    problems: list[tuple[Path, str]] = []
    folders: list[Path] = []
    for given in paths:
        if given.is_dir():
            folders.append(given.resolve())
            _walk(given, files, problems)
        elif given.is_file():
            files.setdefault(str(given.resolve()), given)
        elif given.is_symlink():
            problems.append((given, "broken symlink or symlink loop"))
        else:
            problems.append((given, "no such file or directory"))
    return sorted(files.values(), key=lambda p: str(p)), problems, folders


def _walk(root: Path, files: dict[str, Path], problems: list[tuple[Path, str]]) -> None:
    seen_dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:
            problems.append((Path(dirpath), f"symlink loop (points back to {real})"))
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if _ignored(path):
                continue
            if path.is_symlink() and not path.exists():
                problems.append((path, "broken symlink or symlink loop"))
                continue
            files.setdefault(os.path.realpath(path), path)


Executor = Callable[[list[tuple[str, str]]], Iterator[FileResult]]


def local_executor(jobs: int) -> Executor:
    def run(tasks: list[tuple[str, str]]) -> Iterator[FileResult]:
        if jobs <= 1 or len(tasks) <= 1:
            for path, sha in tasks:
                yield process_file(path, sha)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Workers fork from a parent that has already imported the readers and extractors.
        import extractors.extract  # noqa: F401

        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
            # map() yields in submission order: the database content does not depend on timing.
            yield from pool.map(process_file, [p for p, _ in tasks], [s for _, s in tasks])

    return run


def extract(
    paths: list[Path],
    db: Path,
    executor: Executor,
    reporter: Reporter,
) -> RunStats:
    started = time.perf_counter()
    started_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    stats = RunStats()
    files, problems, folders = discover(paths)
    stats.discovered = len(files)
    with Store(db) as store:
        for path, reason in problems:
            reporter.failure(str(path), reason)
            store.record_failure(str(path), reason)
            stats.failed += 1
        known = store.known_hashes()
        known_files = store.known_files()
        tasks: list[tuple[str, str]] = []
        for path in files:
            resolved = str(path.resolve())
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                tasks.append((str(path), ""))
                continue
            try:
                sha = sha256_file(path)
            except OSError as exc:
                reporter.failure(str(path), f"cannot read file: {exc.strerror or exc}")
                store.record_failure(str(path), f"cannot read file: {exc.strerror or exc}")
                stats.failed += 1
                continue
            if sha in known:
                stats.unchanged += 1
                if known_files.get(resolved) != sha:
                    store.touch_file(resolved, sha, known[sha])
                continue
            if resolved in known_files:
                reporter.note(f"changed: {path} (loading as a new version)")
            tasks.append((str(path), sha))
        stats.removed = _removed(known_files, folders, files)
        for gone in stats.removed:
            reporter.note(f"removed from corpus (kept in the database): {gone}")
        if not tasks:
            stats.seconds = time.perf_counter() - started
            reporter.nothing_to_do(stats)
            store.record_run(started_at, 0, stats.unchanged, stats.failed, stats.seconds)
            return stats

        reporter.start(len(tasks))
        for result in executor(tasks):
            _write(store, result, stats, reporter)
        stats.seconds = time.perf_counter() - started
        reporter.finish(stats)
        store.record_run(started_at, stats.loaded, stats.unchanged, stats.failed, stats.seconds)
    return stats


def _write(store: Store, result: FileResult, stats: RunStats, reporter: Reporter) -> None:
    if result.error is not None or result.document is None or result.facts is None:
        reason = result.error or "no result"
        reporter.failure(result.path, reason)
        store.record_failure(result.path, reason, result.sha256)
        stats.failed += 1
        return
    doc, facts = result.document, result.facts
    try:
        outcome = store.load(str(Path(result.path).resolve()), doc, facts)
    except Exception as exc:  # a database error for one document must not lose the others
        reason = f"could not store: {type(exc).__name__}: {exc}"
        reporter.failure(result.path, reason)
        store.record_failure(result.path, reason, result.sha256)
        stats.failed += 1
        return
    if outcome.skipped:
        stats.unchanged += 1
        reporter.advance()
        return
    stats.loaded += 1
    stats.document_ids.append(outcome.document_id or "")
    stats.pages += doc.meta.pages or 0
    stats.blocks += len(doc.blocks)
    stats.agreements += len(facts.agreements)
    stats.commitments += sum(len(a.commitments) for a in facts.agreements)
    stats.time_expressions += len(facts.time_expressions) + sum(len(a.times) for a in facts.agreements)
    stats.references += len(facts.references)
    reporter.loaded(outcome.document_id or "", doc, facts, result.seconds)


def _removed(known_files: dict[str, str], folders: list[Path], files: list[Path]) -> list[str]:
    present = {str(p.resolve()) for p in files}
    out = []
    for path in sorted(known_files):
        if path in present:
            continue
        if any(path.startswith(str(folder) + os.sep) for folder in folders) and not Path(path).exists():
            out.append(path)
    return out
