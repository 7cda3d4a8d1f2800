"""What `afspraken extract` tells the user: a line per document, one line per failure, a summary.

On a terminal a progress bar runs for more than a few documents; when piped or logged, plain lines.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pipeline.store import safe_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from pipeline.load_rows import LoadRows
    from pipeline.orchestrate import RunStats

# Fewer documents than this finish before a progress bar would be worth drawing.
PROGRESS_MIN_DOCUMENTS = 4


class Reporter:
    """The consoles are made on first use: importing rich costs the writer 60-80 ms, and a run that
    prints nothing before its workers start should not make them wait for it."""

    def __init__(self, quiet: bool = False, console: Console | None = None) -> None:
        self._out = console
        self._err: Console | None = None
        self.quiet = quiet
        self.progress: Progress | None = None
        self.task = None

    @property
    def out(self) -> Console:
        if self._out is None:
            self._out = _console(stderr=False)
        return self._out

    @property
    def err(self) -> Console:
        if self._err is None:
            self._err = _console(stderr=True)
        return self._err

    def start(self, total: int) -> None:
        if self.err.is_terminal and total >= PROGRESS_MIN_DOCUMENTS and not self.quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.err,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("extract", total=total)

    def advance(self) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def _line(self, text: str, err: bool = False) -> None:
        console = self.err if err else self.out
        text = safe_text(text)
        if self.progress is not None:
            self.progress.console.print(text, markup=False)
        else:
            console.print(text, markup=False)

    def loaded(self, document_id: str, rows: LoadRows, seconds: float) -> None:
        self.advance()
        if self.quiet:
            return
        meta = rows.meta
        pages = meta.pages if meta.pages is not None else "-"
        self._line(
            f"loaded {document_id}: {meta.format.value}, {pages} pages, {rows.blocks} blocks, "
            f"{rows.footnotes} footnotes, {rows.agreements} agreements ({seconds:.2f} s) <- {meta.source_file}"
        )

    def failure(self, path: str, reason: str) -> None:
        self.advance()
        self._line(f"error: {path}: {reason}", err=True)

    def note(self, text: str) -> None:
        if not self.quiet:
            self._line(text, err=True)

    def nothing_to_do(self, stats: RunStats) -> None:
        if not self.quiet:
            self.out.print(
                f"nothing to do: {stats.unchanged} files unchanged, {stats.failed} failed ({stats.seconds:.2f} s)",
                markup=False,
            )

    def finish(self, stats: RunStats) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
        if self.quiet:
            return
        from rich.table import Table

        table = Table(title="extract summary", show_header=False, box=None, pad_edge=False)
        table.add_column("what", style="bold")
        table.add_column("count", justify="right")
        rows = [
            ("documents loaded", stats.loaded),
            ("unchanged (skipped)", stats.unchanged),
            ("pages", stats.pages),
            ("blocks", stats.blocks),
            ("agreements", stats.agreements),
            ("commitments", stats.commitments),
            ("time expressions", stats.time_expressions),
            ("references", stats.references),
            ("failures", stats.failed),
            ("time taken", f"{stats.seconds:.2f} s"),
        ]
        for what, count in rows:
            table.add_row(what, str(count))
        self.out.print(table)


def _console(stderr: bool) -> Console:
    from rich.console import Console

    # No highlighting, emoji codes or wrapping: a file name is printed exactly, on one line.
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
