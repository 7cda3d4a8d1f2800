"""The per-file work: a pure function from a file to a validated extraction result.

It runs in worker processes (or on Dask workers) and never touches the database; the single
writer in the main process loads what it returns. Bad input becomes a `FileResult` with an error,
never an exception, so one file cannot stop a run.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from pydantic import BaseModel

from extractors.readers import ReadError, read
from schemas import Document, ExtractionResult


class FileResult(BaseModel):
    path: str
    sha256: str | None = None
    document: Document | None = None
    facts: ExtractionResult | None = None
    error: str | None = None
    seconds: float = 0.0


def process_file(path: str, sha256: str | None = None) -> FileResult:
    started = time.perf_counter()
    try:
        doc = read(Path(path))
        if sha256:
            doc.meta.sha256 = sha256
        from extractors.extract import extract_facts

        facts = extract_facts(doc)
        return FileResult(
            path=path,
            sha256=doc.meta.sha256,
            document=doc,
            facts=facts,
            seconds=time.perf_counter() - started,
        )
    except ReadError as exc:
        return FileResult(path=path, sha256=sha256, error=exc.reason, seconds=time.perf_counter() - started)
    except MemoryError:
        return FileResult(path=path, sha256=sha256, error="out of memory while reading", seconds=0.0)
    except Exception as exc:  # a bug must not stop the run; the reason names the exception
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reason = (
            f"internal error: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        )
        return FileResult(path=path, sha256=sha256, error=reason, seconds=time.perf_counter() - started)
