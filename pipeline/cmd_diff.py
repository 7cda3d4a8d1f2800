"""Verbs `diff` and `track`: change reports between versions, and an agreement against progress."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from pipeline.cli import register

DEFAULT_OUT = Path("output/reports")


class UnknownDocument(Exception):
    pass


def resolve_document(db: Path, ref: str) -> str:
    """A document id, Kamer number, file name or path; a path not yet loaded is extracted first."""
    from pipeline.store import Store

    with Store(db) as store:
        conn = store.conn
        for sql in (
            "SELECT document_id FROM documents WHERE document_id = ?",
            "SELECT document_id FROM documents WHERE nummer = ? ORDER BY version DESC LIMIT 1",
            "SELECT document_id FROM documents WHERE source_file = ? ORDER BY version DESC LIMIT 1",
        ):
            row = conn.execute(sql, (ref,)).fetchone()
            if row:
                return str(row[0])
        path = Path(ref)
        if not path.is_file():
            raise UnknownDocument(f"{ref}: not a document id, number or file name in {db}, and not a file")
        from extractors.readers import sha256_file

        row = conn.execute(
            "SELECT document_id FROM documents WHERE sha256 = ?", (sha256_file(path),)
        ).fetchone()
        if row:
            return str(row[0])
    from pipeline.console import Reporter
    from pipeline.orchestrate import extract, local_executor

    stats = extract([path], db, local_executor(1), Reporter(quiet=True))
    if stats.failed or not stats.document_ids:
        raise UnknownDocument(f"{ref}: could not be extracted (see the failures table)")
    return stats.document_ids[0]


def previous_version(conn: sqlite3.Connection, document_id: str) -> str | None:
    row = conn.execute(
        "SELECT p.document_id FROM documents d JOIN documents p ON p.base_id = d.base_id AND p.version < d.version "
        "WHERE d.document_id = ? ORDER BY p.version DESC LIMIT 1",
        (document_id,),
    ).fetchone()
    return row[0] if row else None


def _report_args(p: argparse.ArgumentParser) -> None:
    """The report options `diff` and `track` share."""
    p.add_argument(
        "--format",
        choices=("md", "html", "json"),
        action="append",
        help="report format (repeatable; default: all)",
    )
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"report folder (default: {DEFAULT_OUT})")


def _diff_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "documents",
        nargs="+",
        metavar="DOC",
        help="FROM and TO (ids, numbers, file names or paths); one DOC compares it with its previous version",
    )
    _report_args(p)


def cmd_diff(args: argparse.Namespace) -> int:
    from pipeline.compare import compare
    from pipeline.report import render_diff, report_name, summary_line, write
    from pipeline.save_changes import save_changes

    if len(args.documents) > 2:
        print("error: diff takes one or two documents", file=sys.stderr)
        return 2
    try:
        ids = [resolve_document(args.db, ref) for ref in args.documents]
    except UnknownDocument as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    conn = sqlite3.connect(args.db)
    if len(ids) == 1:
        previous = previous_version(conn, ids[0])
        if previous is None:
            print(f"error: {ids[0]} has no earlier version; give two documents", file=sys.stderr)
            return 2
        ids = [previous, ids[0]]
    report = compare(conn, ids[0], ids[1])
    save_changes(conn, ids[0], ids[1], report.changes)
    print(summary_line(report))
    for fmt in args.format or ["md", "html", "json"]:
        path = write(render_diff(report, fmt), args.out, report_name(ids[0], ids[1]), fmt)
        print(f"wrote {path}")
    return 0


register(
    "diff",
    "report what changed between two documents (agreements, actors, deadlines, amounts, text)",
    "afspraken diff azwa-2025-07-03-onderhandelaarsakkoord.pdf azwa-2025-08-definitief.pdf --format html",
    _diff_args,
    cmd_diff,
)


def _track_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "agreement", metavar="AGREEMENT", help="the agreement document (id, number, file name or path)"
    )
    p.add_argument(
        "progress", nargs="+", metavar="PROGRESS", help="progress letters and bijlagen reporting on it"
    )
    _report_args(p)


def cmd_track(args: argparse.Namespace) -> int:
    from pipeline.report import render_track, write
    from pipeline.save_changes import save_changes
    from pipeline.track import track

    try:
        agreement = resolve_document(args.db, args.agreement)
        progress = [resolve_document(args.db, ref) for ref in args.progress]
    except UnknownDocument as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    conn = sqlite3.connect(args.db)
    report = track(conn, agreement, progress)
    for p in progress:
        save_changes(
            conn, agreement, p, [c for c in report.changes() if (c.new.document_id if c.new else p) == p]
        )
    linked = sum(1 for a in report.agreements if a.links)
    counts: dict[str, int] = {}
    for c in report.changes():
        counts[c.kind.value] = counts.get(c.kind.value, 0) + 1
    detail = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items())) or "nothing to report"
    print(f"{agreement}: {linked} of {len(report.agreements)} agreements reported on; {detail}")
    name = f"track__{agreement}__{'_'.join(progress)}"
    for fmt in args.format or ["md", "html", "json"]:
        print(f"wrote {write(render_track(report, fmt), args.out, name, fmt)}")
    return 0


register(
    "track",
    "follow an agreement document through the progress letters that report on it",
    "afspraken track hlo-2025-onderhandelaarsakkoord-docx-export 2026D02742 2026D02743 --format md",
    _track_args,
    cmd_track,
)
