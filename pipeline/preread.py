"""Reading documents on the idle core while the writer warms up.

Before the worker processes fork, the writer spends 1-2 s importing spaCy and building the
organisation matcher (`process.warm_up`), so that each worker inherits them instead of building
its own. Reading a document needs neither, so a pre-reader process, forked before the warm-up,
reads documents meanwhile on the core that would otherwise idle, and leaves each one it finishes as
a pickle in a private temporary folder. When the warm-up is done the pre-reader is stopped (killed:
a document half read is simply read again by a worker) and the workers extract the documents it
read from their pickles: loading one takes a few milliseconds, reading it took up to a second.

Only whole documents are ever used (each pickle is renamed into place when complete), and a document
that was not pre-read for any reason (the pre-reader had no time for it, the file is bad, the
pre-reader crashed on it) is read by a worker as usual, so pre-reading changes when a document is
read, never what is extracted from it.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.process import read_document

Task = tuple[str, str]  # (path as given, sha256 of its content; "" when not hashed)

# Estimated CPU seconds per unit of input, to order the work largest first. Measured on the reference
# corpus and the bench corpus (one process, reading and extracting): a PDF page costs 10-14 ms (a page
# holding a two-page spread about twice that), a byte of text 2.4 us, a byte of a .docx 0.4 us (its
# zip holds images that cost nothing). Only the order matters, so rough figures do.
SECONDS_PER_PDF_PAGE = 0.013
SECONDS_PER_TEXT_BYTE = 2.4e-6
SECONDS_PER_OTHER_BYTE = 0.4e-6

_SUFFIX = ".pickle"


def estimated_seconds(path: str) -> float:
    """Rough CPU time to read and extract a file: pages for a PDF, bytes otherwise."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError:
        return 0.0
    suffix = file.suffix.lower()
    if suffix == ".pdf":
        return _pdf_pages(file) * SECONDS_PER_PDF_PAGE
    if suffix == ".txt":
        return size * SECONDS_PER_TEXT_BYTE
    return size * SECONDS_PER_OTHER_BYTE


def _pdf_pages(file: Path) -> int:
    """Page count from the PDF's page tree (pdfium opens a document in about half a millisecond)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(file))
    except Exception:  # any broken PDF: a worker reports it; its cost is unknown, so it goes last
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


class PreReader:
    """A process that reads `tasks` in the given order into pickles, until `stop()`."""

    def __init__(self, tasks: list[Task], init: Callable[[], None]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="afspraken-preread-"))
        self.tasks = tasks
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=_run, args=(tasks, self.folder, init), name="afspraken-preread", daemon=True
        )
        self.process.start()

    def stop(self) -> dict[Task, str]:
        """Stop reading; the pickle file of each task that was read in full."""
        if self.process.is_alive():
            os.kill(self.process.pid or 0, signal.SIGKILL)
        self.process.join()
        done = {}
        for index, task in enumerate(self.tasks):
            file = self.folder / f"{index}{_SUFFIX}"
            if file.exists():
                done[task] = str(file)
        return done

    def close(self) -> None:
        """Remove the folder and the pickles no worker took."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(tasks: list[Task], folder: Path, init: Callable[[], None]) -> None:
    init()
    for index, (path, sha256) in enumerate(tasks):
        started = time.perf_counter()
        try:
            doc = read_document(path, sha256 or None)
        except Exception:  # read again by a worker, which reports the reason
            continue
        partial = folder / f"{index}.part"
        with partial.open("wb") as fh:
            pickle.dump((doc, time.perf_counter() - started), fh, protocol=pickle.HIGHEST_PROTOCOL)
        partial.rename(folder / f"{index}{_SUFFIX}")


def load(file: str) -> tuple[object, float] | None:
    """The (Document, seconds it took to read) in a pre-read pickle, removed once loaded; None when
    the pickle is gone or unreadable (the caller then reads the document itself)."""
    try:
        with open(file, "rb") as fh:
            doc, seconds = pickle.load(fh)
    except Exception:
        return None
    Path(file).unlink(missing_ok=True)
    return doc, seconds
