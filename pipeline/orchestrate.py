"""`afspraken extract`: discover files, skip what is loaded, extract in parallel, load with one writer.

The per-file work (`process.process_file`) is a pure function from a file to a validated result; an
executor runs it somewhere (here, in a pool of worker processes; `dask_executor` on a Dask cluster)
and yields the results in submission order, so the database content never depends on timing. One
writer, this process, loads each result in its own transaction.
"""

from __future__ import annotations

import gc
import os
import signal
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractors.readers import SUPPORTED_SUFFIXES, sha256_file
from pipeline.collector import collect_seldom, frozen_for_fork
from pipeline.console import Reporter
from pipeline.cost import estimated_seconds
from pipeline.process import FileResult, process_file, warm_up
from pipeline.store import Store, safe_text

# Files that sit beside documents in a corpus folder and are not documents themselves.
IGNORED_SUFFIXES = frozenset({".md", ".json", ".yaml", ".yml", ".py", ".csv", ".sha256", ".log"})
IGNORED_NAMES = ("readme", "license", "licence", "changelog")
# Documents handed to the pool ahead of the writer, per worker. Two keep a worker busy while the
# writer loads the result at the head of the queue; four absorb a large document holding up the head.
# Results waiting for the writer are at most a few MB each, so memory stays bounded by
# jobs x this x the largest result, whatever the corpus size.
IN_FLIGHT_PER_WORKER = 4

Task = tuple[str, str]  # (path as given, sha256 of its content; "" when not hashed)
Executor = Callable[[list[Task]], Iterator[FileResult]]


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


# --- discovery -----------------------------------------------------------------------------------


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
        elif given.exists():
            problems.append((given, "not a regular file"))
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
            try:
                mode = path.stat().st_mode
            except OSError:
                problems.append((path, "broken symlink or symlink loop"))
                continue
            if not stat.S_ISREG(mode):
                # A FIFO or device would block or never end when hashed.
                problems.append((path, "not a regular file"))
                continue
            files.setdefault(os.path.realpath(path), path)


# --- executors -----------------------------------------------------------------------------------


def local_executor(jobs: int) -> Executor:
    """Run `process_file` in `jobs` worker processes (in this process when there is one file)."""

    def run(tasks: list[Task]) -> Iterator[FileResult]:
        if len(tasks) <= 1:
            return (process_file(path, sha) for path, sha in tasks)
        return _OrderedPool(tasks, max(1, min(jobs, len(tasks))))

    return run


class _OrderedPool:
    """Results of a process pool in path order, with a bounded number of documents in flight.

    The pool starts (and the first documents are submitted) on construction, so the workers fork
    before the caller starts any thread. Documents enter the window in path order, and the results
    leave it in that order; the documents entering together are submitted largest first, so a large
    one does not end the run on one core while the other idles.
    """

    def __init__(self, tasks: list[Task], workers: int) -> None:
        self.workers = workers
        self.todo: deque[Task] = deque(tasks)
        self.window: deque[tuple[Task, Future[FileResult]]] = deque()
        self.limit = workers * IN_FLIGHT_PER_WORKER
        self._finished = False
        self.pool = _new_pool(workers)
        self._fill()
        self._results = self._ordered()

    def __iter__(self) -> Iterator[FileResult]:
        return self

    def __next__(self) -> FileResult:
        return next(self._results)

    def close(self) -> None:
        """Stop the workers without waiting for the documents they are on."""
        self._results.close()
        if not self._finished:
            _terminate(self.pool)
            self.pool.shutdown(wait=False, cancel_futures=True)

    def _fill(self) -> None:
        entering = [self.todo.popleft() for _ in range(min(self.limit - len(self.window), len(self.todo)))]
        futures: dict[Task, Future[FileResult]] = {}
        for task in sorted(entering, key=lambda task: -estimated_seconds(task[0])):
            try:
                futures[task] = self.pool.submit(process_file, *task)
            except BrokenProcessPool:
                break  # the head of the window raises it too; _recover starts a new pool
        for n, task in enumerate(entering):
            if task not in futures:  # not submitted: back to the front of the queue, in path order
                self.todo.extendleft(reversed(entering[n:]))
                break
            self.window.append((task, futures[task]))

    def _ordered(self) -> Iterator[FileResult]:
        try:
            while self.window or self.todo:
                if not self.window:  # the pool broke before anything could be submitted
                    yield from self._recover([])
                    continue
                task, future = self.window.popleft()
                try:
                    result = future.result()
                except BrokenProcessPool:
                    yield from self._recover([task])
                    continue
                except Exception as exc:  # the result could not be sent back (a bug): report, go on
                    reason = f"internal error: {type(exc).__name__}: {exc}"
                    result = FileResult(path=task[0], sha256=task[1] or None, error=reason)
                result.path = task[0]  # the path as given, to report it exactly as the user wrote it
                self._fill()
                yield result
            self._finished = True
        finally:
            if not self._finished:  # interrupted (Ctrl-C) or failed: do not wait for documents in progress
                _terminate(self.pool)
            self.pool.shutdown(wait=self._finished, cancel_futures=True)

    def _recover(self, head: list[Task]) -> Iterator[FileResult]:
        """A worker died (the OOM killer, a crash inside a C library) and took the pool with it.

        Which document did it is unknown, so each one that was in flight runs again in a process of
        its own: the one that kills its process again is reported, the others load as usual.
        """
        self.pool.shutdown(wait=False, cancel_futures=True)
        suspects = [*head, *(t for t, _ in self.window)]
        if not suspects and self.todo:  # broke before taking any: run one alone, so the run moves on
            suspects.append(self.todo.popleft())
        self.window.clear()
        for suspect in suspects:
            yield _isolated(suspect)
        self.pool = _new_pool(self.workers)
        self._fill()


def _terminate(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public way to stop busy workers before Python 3.14.
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def _new_pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)
    # The pool forks its workers on the first submit. A no-op goes first, so they fork (and start
    # warming up) before the costs that order the first documents are estimated.
    with frozen_for_fork():
        pool.submit(os.getpid)
    return pool


def _worker_init() -> None:
    """Workers end with the writer: a killed `afspraken extract` leaves no orphans working on.

    Ctrl-C reaches the whole process group; the writer handles it and stops the workers, which
    ignore it so the user sees one "interrupted", not a traceback per worker.

    Each worker warms up itself (imports, patterns, the organisation matcher: about 0.3 s), all
    workers at once, while the writer syncs the registry: warming up in the writer before forking
    would keep every core but one idle meanwhile.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    collect_seldom()
    warm_up()
    # What warm-up built lives as long as the worker: frozen, the collector never rescans it.
    gc.collect()
    gc.freeze()


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):
            return
        if os.getppid() == 1:  # the writer died before prctl took effect
            os._exit(1)


def _isolated(task: Task) -> FileResult:
    """Run one document in a process of its own, reporting how that process died if it did."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_isolated_child, args=(task, send), daemon=True)
    child.start()
    send.close()
    try:
        data: FileResult = receive.recv()
    except EOFError:
        child.join()
        code = child.exitcode or 0
        how = f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        hint = " (out of memory?)" if code == -signal.SIGKILL else ""
        return FileResult(path=task[0], sha256=task[1] or None, error=f"worker process died ({how}){hint}")
    finally:
        receive.close()
    child.join()
    return data


def _isolated_child(task: Task, send: object) -> None:
    _worker_init()
    send.send(process_file(*task))  # type: ignore[attr-defined]
    send.close()  # type: ignore[attr-defined]


# --- the run -------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """What a run has to do, decided from the files and what the database holds."""

    tasks: list[Task] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) to record
    touched: list[tuple[str, str, str]] = field(default_factory=list)  # unchanged files seen anew
    duplicates: list[tuple[Path, str, str]] = field(default_factory=list)  # (path, sha, first copy)
    known_files: dict[str, str] = field(default_factory=dict)  # path -> sha256 before this run


def _plan(files: list[Path], store: Store, stats: RunStats, reporter: Reporter) -> _Plan:
    """Hash every file and decide its fate; nothing is written to the database yet."""
    plan = _Plan(known_files=store.known_files())
    known = store.known_hashes()
    known_files = plan.known_files
    # Copies of one file (same bytes, same suffix) in this run are extracted once; the copies
    # then share the outcome of the first: its document, or its failure.
    first_of: dict[tuple[str, str], str] = {}
    for path in files:
        resolved = safe_text(str(path.resolve()))  # as the store keeps it
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            plan.tasks.append((str(path), ""))  # process_file names the reason in one line
            continue
        try:
            sha = sha256_file(path)
        except OSError as exc:
            reason = f"cannot read file: {exc.strerror or exc}"
            reporter.failure(str(path), reason)
            plan.failures.append((str(path), reason))
            stats.failed += 1
            continue
        if sha in known:
            stats.unchanged += 1
            if known_files.get(resolved) != sha:
                plan.touched.append((resolved, sha, known[sha]))
            continue
        key = (sha, path.suffix.lower())
        if key in first_of:
            plan.duplicates.append((path, sha, first_of[key]))
            continue
        first_of[key] = str(path)
        if resolved in known_files:
            reporter.note(f"changed: {path} (loading as a new version)")
        plan.tasks.append((str(path), sha))
    return plan


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
    with Store(db, sync_registry=False) as store:
        for path, reason in problems:
            reporter.failure(str(path), reason)
            stats.failed += 1
        plan = _plan(files, store, stats, reporter)
        # The workers start (and warm up) now; the store reads the registry meanwhile.
        results = executor(plan.tasks) if plan.tasks else iter(())
        try:
            store.sync_registry()
        except BaseException:
            close = getattr(results, "close", None)
            if close is not None:  # stop the workers rather than wait for them at exit
                close()
            raise
        for path, reason in problems:
            store.record_failure(str(path), reason)
        for path_text, reason in plan.failures:
            store.record_failure(path_text, reason)
        for resolved, sha, document_id in plan.touched:
            store.touch_file(resolved, sha, document_id)
        stats.removed = _removed(plan.known_files, folders, files)
        for gone in stats.removed:
            reporter.note(f"removed from corpus (kept in the database): {gone}")
        if not plan.tasks:
            stats.seconds = time.perf_counter() - started
            reporter.nothing_to_do(stats)
            store.record_run(started_at, 0, stats.unchanged, stats.failed, stats.seconds)
            return stats

        reporter.start(len(plan.tasks))
        failed: dict[str, str] = {}
        for result in results:
            reason = _write(store, result, stats, reporter)
            if reason is not None:
                failed[result.path] = reason
        loaded = store.known_hashes() if plan.duplicates else {}
        for path, sha, first in plan.duplicates:
            document_id = loaded.get(sha)
            if document_id is not None:
                store.touch_file(str(path.resolve()), sha, document_id)
                stats.unchanged += 1
            else:
                reason = failed.get(first, "not loaded")
                reporter.failure(str(path), reason)
                store.record_failure(str(path), reason, sha)
                stats.failed += 1
        stats.seconds = time.perf_counter() - started
        reporter.finish(stats)
        store.record_run(started_at, stats.loaded, stats.unchanged, stats.failed, stats.seconds)
    return stats


def _write(store: Store, result: FileResult, stats: RunStats, reporter: Reporter) -> str | None:
    """Load one result; the reason when it failed, else None."""
    rows = result.rows
    if result.error is not None or rows is None:
        reason = result.error or "no result"
        reporter.failure(result.path, reason)
        store.record_failure(result.path, reason, result.sha256)
        stats.failed += 1
        return reason
    try:
        outcome = store.load_rows(str(Path(result.path).resolve()), rows)
    except Exception as exc:  # a database error for one document must not lose the others
        reason = f"could not store: {type(exc).__name__}: {exc}"
        reporter.failure(result.path, reason)
        store.record_failure(result.path, reason, result.sha256)
        stats.failed += 1
        return reason
    if outcome.skipped:
        stats.unchanged += 1
        reporter.advance()
        return None
    stats.loaded += 1
    stats.document_ids.append(outcome.document_id or "")
    stats.pages += rows.meta.pages or 0
    stats.blocks += rows.blocks
    stats.agreements += rows.agreements
    stats.commitments += rows.commitments
    stats.time_expressions += rows.time_expressions
    stats.references += rows.references
    reporter.loaded(outcome.document_id or "", rows, result.seconds)
    if rows.meta.version > 1 and outcome.document_id:
        _compare_with_previous(store, outcome.document_id, reporter)
    return None


def _compare_with_previous(store: Store, document_id: str, reporter: Reporter) -> None:
    """A new version is compared with the one before it at once: its changes are in v_changes, and
    the run says what changed (the full report is `afspraken diff <document>`)."""
    from pipeline.cmd_diff import previous_version
    from pipeline.compare import compare
    from pipeline.report import summary_line
    from pipeline.save_changes import save_changes

    previous = previous_version(store.conn, document_id)
    if previous is None:
        return
    try:
        report = compare(store.conn, previous, document_id)
        save_changes(store.conn, previous, document_id, report.changes)
    except Exception as exc:  # the document is loaded; a failed comparison must not fail the run
        reporter.note(f"could not compare {document_id} with {previous}: {type(exc).__name__}: {exc}")
        return
    reporter.note(f"new version: {summary_line(report)} (report: afspraken diff {document_id})")


def _removed(known_files: dict[str, str], folders: list[Path], files: list[Path]) -> list[str]:
    present = {safe_text(str(p.resolve())) for p in files}
    out = []
    for path in sorted(known_files):
        if path in present:
            continue
        if (
            any(path.startswith(safe_text(str(folder)) + os.sep) for folder in folders)
            and not Path(path).exists()
        ):
            out.append(path)
    return out
