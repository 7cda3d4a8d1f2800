"""Verbs `extract` and `eval`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pipeline.cli import register

# --- extract --------------------------------------------------------------------------------------


def _extract_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders to extract")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes, here or on a LocalCluster (default: number of cores)",
    )
    p.add_argument("--executor", choices=("local", "dask"), default="local", help="where the work runs")
    p.add_argument(
        "--scheduler",
        help="Dask scheduler address (with --executor dask), e.g. tcp://10.0.0.5:8786; "
        "without it a LocalCluster is started",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="only errors and nothing else")


def cmd_extract(args: argparse.Namespace) -> int:
    import sqlite3
    import sys

    from pipeline.collector import collect_seldom

    collect_seldom()  # before the imports below, which are most of the writer's start-up
    from pipeline.console import Reporter
    from pipeline.orchestrate import extract, local_executor

    jobs = max(1, args.jobs)
    try:
        if args.executor == "dask":
            from pipeline.dask_executor import DaskUnavailable, dask_executor

            try:
                executor = dask_executor(args.scheduler, workers=jobs)
                stats = extract(args.paths, args.db, executor, Reporter(quiet=args.quiet))
            except DaskUnavailable as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
        else:
            stats = extract(args.paths, args.db, local_executor(jobs), Reporter(quiet=args.quiet))
    except sqlite3.DatabaseError as exc:
        # A database that cannot be opened or written (not SQLite, read-only, disk full) stops the
        # run; the documents already stored stay stored.
        print(f"error: {args.db}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or args.db}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 1 if stats.failed else 0


register(
    "extract",
    "read documents into the database (only new or changed files are processed)",
    "afspraken extract corpus/ ../downloads/2026D02742.docx --db output/afspraken.db",
    _extract_args,
    cmd_extract,
)


# --- eval ---------------------------------------------------------------------------------------

DEFAULT_GOLD = (Path("../shared/gold"), Path("tests/gold"))
DEFAULT_BASELINE = Path("tests/eval_baseline.json")


def _eval_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "gold", nargs="*", type=Path, help="gold files or folders (default: ../shared/gold tests/gold)"
    )
    p.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="floors per gold file and metric")
    p.add_argument("--misses", action="store_true", help="list every missed and extra fact")


def cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.eval_report import run_eval

    return run_eval(args.db, args.gold or list(DEFAULT_GOLD), args.baseline, show_misses=args.misses)


register(
    "eval",
    "score the database against gold annotations; fails when a score drops below its floor",
    "afspraken eval ../shared/gold --db output/afspraken.db --misses",
    _eval_args,
    cmd_eval,
)
