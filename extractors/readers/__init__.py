"""One reader per input format, each exposing `read(path) -> Document`, dispatched by suffix."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from extractors.readers.errors import ReadError
from schemas import Document

Reader = Callable[[Path], Document]


def _txt(path: Path) -> Document:
    from extractors.readers import txt

    return txt.read(path)


def _docx(path: Path) -> Document:
    from extractors.readers import docx

    return docx.read(path)


def _pdf(path: Path) -> Document:
    from extractors.readers import pdf

    return pdf.read(path)


def _doc(path: Path) -> Document:
    from extractors.readers import legacy_doc

    return legacy_doc.read(path)


# The one table that maps a suffix to its reader; readers are imported lazily so a broken optional
# dependency of one format does not stop the others.
READERS: dict[str, Reader] = {
    ".txt": _txt,
    ".docx": _docx,
    ".pdf": _pdf,
    ".doc": _doc,
}

SUPPORTED_SUFFIXES = frozenset(READERS)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read(path: Path) -> Document:
    """Read any supported file into a Document; raise ReadError naming the reason otherwise."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(path, f"unsupported file type '{suffix or '(none)'}'")
    if not path.is_file():
        raise ReadError(path, "not a regular file")
    if path.stat().st_size == 0:
        raise ReadError(path, "empty file (0 bytes)")
    doc = reader(path)
    if not doc.meta.title:
        # No title in the text: the file name is what the user knows the document by.
        doc.meta.title = re.sub(r"[-_.]+", " ", path.stem).strip() or path.name
        if not doc.meta.kind:
            from extractors.readers.text_finish import guess_kind

            doc.meta.kind = guess_kind(doc.meta.title, doc.content_blocks())
    doc.meta.source_file = path.name
    doc.meta.source_path = str(path)
    if not doc.meta.sha256:
        doc.meta.sha256 = sha256_file(path)
    return doc


__all__ = ["READERS", "SUPPORTED_SUFFIXES", "ReadError", "read", "sha256_file"]
