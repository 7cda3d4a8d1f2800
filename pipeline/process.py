"""The per-file work: a pure function from a file to the rows of its validated extraction result.

It runs in worker processes (or on Dask workers) and never touches the database; the single
writer in the main process loads what it returns. Bad input becomes a `FileResult` with an error,
never an exception, so one file cannot stop a run.
"""

from __future__ import annotations

import os
import signal
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from extractors.readers import ReadError, read
from pipeline.load_rows import LoadRows, rows_of
from schemas import Document

# Text files are read whole and decoded in memory (several bytes per character), so their size is
# capped before reading. The longest Kamer text we know is a few MB (the AZWA bundle export is
# 0.6 MB); 64 MB keeps a worker well under 1 GB while leaving two orders of magnitude of headroom.
MAX_TEXT_BYTES = 64 * 1024 * 1024

# Test hook (tests/test_incremental_parallel.py): a worker given a file with this name kills its own
# process with SIGKILL, as the OOM killer or a crash inside a C library would, to prove that the run
# reports that one file and loads the others. Never set it outside tests.
TEST_HOOK_CRASH_ON = "AFSPRAKEN_TEST_HOOK_CRASH_ON"

# A few sentences with a deadline, organisations, a reference and an agreement, so that a warm-up
# touches every lazily built part of the extraction (registry, matcher, patterns, cue lists).
_WARM_UP_TEXT = """Afspraak 1: Regionale samenwerking

Wat is de afspraak? Zorgverzekeraars Nederland (ZN) en de VNG maken uiterlijk eind 2026 afspraken
met het ministerie van VWS, zoals toegezegd in Kamerstuk 36 600 XVI, nr. 61.

Tijdpad: in het tweede kwartaal van 2027 is de motie van het lid Jansen afgedaan.
"""


@dataclass(slots=True)
class FileResult:
    """What a worker sends the writer: the rows to load, or the reason there are none."""

    path: str
    sha256: str | None = None
    rows: LoadRows | None = None
    error: str | None = None
    seconds: float = 0.0


def read_document(path: str, sha256: str | None = None) -> Document:
    """Read one file (ReadError for bad input). `sha256` is the content hash the caller decided on; a
    file that changes while it is being read is reported rather than stored under the wrong hash."""
    file = Path(path)
    if file.suffix.lower() == ".txt" and file.is_file() and file.stat().st_size > MAX_TEXT_BYTES:
        raise ReadError(
            file,
            f"refused: text file of {file.stat().st_size // 2**20} MB (limit {MAX_TEXT_BYTES // 2**20} MB)",
        )
    doc = read(file)
    if sha256 and doc.meta.sha256 != sha256:  # `read` hashed the file after reading it
        raise ReadError(file, "file changed while it was being read (run extract again)")
    return doc


def process_file(path: str, sha256: str | None = None) -> FileResult:
    """Read and extract one file; bad input becomes a result with an error, never an exception."""
    started = time.perf_counter()
    if os.environ.get(TEST_HOOK_CRASH_ON) == Path(path).name:
        os.kill(os.getpid(), signal.SIGKILL)
    try:
        doc = read_document(path, sha256)
        from extractors.extract import extract_facts

        rows = rows_of(doc, extract_facts(doc))
        return FileResult(path=path, sha256=doc.meta.sha256, rows=rows, seconds=time.perf_counter() - started)
    except ReadError as exc:
        return FileResult(path=path, sha256=sha256, error=exc.reason, seconds=time.perf_counter() - started)
    except MemoryError:
        return FileResult(path=path, sha256=sha256, error="out of memory while reading", seconds=0.0)
    except RecursionError:
        return FileResult(path=path, sha256=sha256, error="structure nested too deeply to read", seconds=0.0)
    except Exception as exc:  # a bug must not stop the run; the reason names the exception
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reason = (
            f"internal error: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        )
        return FileResult(path=path, sha256=sha256, error=reason, seconds=time.perf_counter() - started)


def warm_up() -> None:
    """Import every reader and build every lazy cache of the extraction in this process.

    Called in each worker process as it starts (pipeline.orchestrate) and on each Dask worker
    before its first document. It costs about 0.3 s here: imports, compiling the
    patterns and building the organisation matcher.
    """
    import extractors.readers.docx
    import extractors.readers.pdf
    import extractors.readers.txt  # noqa: F401
    from extractors.extract import extract_facts
    from extractors.readers.txt_plain import parse

    extract_facts(parse(_WARM_UP_TEXT))
