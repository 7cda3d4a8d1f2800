"""PDF reader: `read(path) -> Document`, on pypdfium2 (text and character geometry at ~200 pages/s).

Passes:
1. page by page (each page and text page closed before the next is opened, so memory stays bounded
   by the extracted text, not by the PDF): segments with geometry and style (pdf_page), two-page
   spreads split into their printed pages (pdf_layout.split_spread);
2. document-wide: body font size, running headers/footers and page numbers (repetition across pages),
   footnote areas, superscript marks without a footnote put back into the text;
3. per printed page: tables and tables of contents, columns and reading order, lines (pdf_layout);
   the letter head and sidebar of Rijksoverheid letters (pdf_meta);
4. blocks: headings, paragraphs joined across columns and pages, list items, tables, footnotes,
   furniture (pdf_blocks), de-hyphenated with the vocabulary of the whole document.

Bad input raises ReadError with a one-line reason; nothing else escapes for a broken file.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.readers.dates import parse_dutch_date
from extractors.readers.dehyphenate import Vocabulary
from extractors.readers.errors import ReadError
from extractors.readers.pdf_blocks import BlockBuilder, restore_marks, typical_pitch
from extractors.readers.pdf_furniture import (
    adopt_unraised_marks,
    footnote_number,
    mark_furniture,
    take_footnotes,
)
from extractors.readers.pdf_layout import Line, Unit, body_size, find_tables, reading_order, split_spread
from extractors.readers.pdf_meta import (
    Letter,
    parse_pdf_date,
    read_letter,
    usable_info_title,
)
from extractors.readers.pdf_page import PageReader
from schemas.document import Block, BlockKind, Document, DocumentMeta, SourceFormat

# How far into the file to look for the "%PDF-" header (the spec allows leading junk up to 1 KB).
HEADER_WINDOW = 1024
# How far from the end to look for "%%EOF": its absence means a cut-off download. Writers append at
# most a line break or a few bytes after it; 4 KB leaves room for trailing junk.
TRAILER_WINDOW = 4096
# The title is the largest text on the first pages when nothing better names the document.
TITLE_PAGES = 2

_PDFIUM_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "cannot open file",
    pdfium_c.FPDF_ERR_FORMAT: "corrupt or truncated PDF",
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF (password required)",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF (unsupported security handler)",
    pdfium_c.FPDF_ERR_PAGE: "corrupt PDF (page not found or content error)",
}


def read(path: Path) -> Document:
    """Read a PDF into a Document; raise ReadError for anything that is not a readable, text-bearing PDF."""
    path = Path(path)
    _check_file(path)
    with _gc_paused():
        return _read(path)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is read.

    Reading allocates some 10^5 small, acyclic objects (segments, lines, drafts) that all live until
    the Document is built; the generational collector would rescan them over and over for nothing
    (about 10% of the reading time). Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path) -> Document:
    units, info, n_pages = _read_pages(path)
    if not any(u.segs for u in units):
        raise ReadError(path, "no text layer (scanned PDF?)")

    mark_furniture(units)
    body = body_size(units)
    referenced = {n for u in units for s in u.segs for _, n in s.refs}
    for unit in units:
        take_footnotes(unit, body, referenced)
    footnote_numbers: set[int] = set()
    for unit in units:
        on_page = {n for line in unit.footnotes if (n := footnote_number(line)[0]) is not None}
        footnote_numbers |= on_page
        if on_page - referenced:
            referenced |= adopt_unraised_marks(unit, on_page - referenced)
    for unit in units:
        for s in unit.segs:
            if s.refs:  # (most segments have no marks: skip the call)
                restore_marks(s, footnote_numbers)
        tables, toc_size = find_tables(unit)
        unit.regions = reading_order(unit, body, tables, toc_size)
    letter = read_letter(units)

    builder = BlockBuilder(body, typical_pitch(units, body), letter.furniture)
    lines: list[str] = []  # every line of text, for the vocabulary
    for unit in units:
        builder.add_unit(unit)
        lines += [item.text for region in unit.regions for item in region.items if isinstance(item, Line)]
        lines += [line.text for line in unit.footnotes]
        unit.segs, unit.regions, unit.footnotes = [], [], []  # drafted: free what is no longer needed
    blocks = builder.finish(Vocabulary("\n".join(lines)), footnote_numbers)
    return Document(meta=_meta(units, blocks, info, n_pages, letter), blocks=blocks)


def _check_file(path: Path) -> None:
    """Reject what is not a complete PDF before pdfium sees it (pdfium would 'repair' a cut-off file)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEADER_WINDOW)
            fh.seek(max(0, size - TRAILER_WINDOW))
            tail = fh.read()
    except OSError as exc:
        raise ReadError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not head:
        raise ReadError(path, "empty file (0 bytes)")
    if b"%PDF-" not in head:
        sniff = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if sniff.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or b"<html" in sniff:
            raise ReadError(path, "not a PDF (looks like an HTML page)")
        if head.startswith(b"PK\x03\x04"):
            raise ReadError(path, "not a PDF (looks like a ZIP or Office file)")
        raise ReadError(path, "not a PDF (no %PDF header)")
    if b"%%EOF" not in tail:
        raise ReadError(path, "corrupt or truncated PDF")


def _read_pages(path: Path) -> tuple[list[Unit], dict[str, str], int]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = _PDFIUM_ERRORS.get(exc.err_code or -1, "corrupt or truncated PDF")
        raise ReadError(path, reason) from None
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise ReadError(path, "PDF has no pages")
        try:
            info = pdf.get_metadata_dict(skip_empty=True)
        except pdfium.PdfiumError:
            info = {}
        reader = PageReader()
        units: list[Unit] = []
        for i in range(n_pages):
            page = pdfium_c.FPDF_LoadPage(pdf.raw, i)
            if not page:
                raise ReadError(path, f"corrupt PDF (page {i + 1} cannot be loaded)")
            try:
                width = pdfium_c.FPDF_GetPageWidthF(page)
                height = pdfium_c.FPDF_GetPageHeightF(page)
                textpage = pdfium_c.FPDFText_LoadPage(page)
                if not textpage:
                    raise ReadError(path, f"corrupt PDF (no text on page {i + 1} can be read)")
                try:
                    segs = reader.segments(textpage, height)
                finally:
                    pdfium_c.FPDFText_ClosePage(textpage)
            finally:
                pdfium_c.FPDF_ClosePage(page)
            for x0, x1, part in split_spread(segs, width, height):
                units.append(Unit(source_page=i + 1, x0=x0, x1=x1, height=height, segs=part))
        return units, info, n_pages
    finally:
        pdf.close()


def _meta(
    units: list[Unit], blocks: list[Block], info: dict[str, str], n_pages: int, letter: Letter
) -> DocumentMeta:
    fields = letter.fields
    extra: dict[str, str] = {}
    for key in ("kenmerk", "betreft", "bijlagen"):
        if fields.get(key):
            extra[key] = fields[key]
    if len(units) != n_pages:
        extra["printed_pages"] = str(len(units))

    title = fields.get("betreft") or usable_info_title(info.get("Title")) or _cover_title(units, blocks)
    when = parse_dutch_date(fields["datum"], numeric=True) if fields.get("datum") else None
    if when is None and not letter.is_letter:
        first_pages = {u.source_page for u in units[:TITLE_PAGES]}
        for block in blocks:
            if block.source_page in first_pages and block.kind != BlockKind.footnote:
                when = parse_dutch_date(block.text, numeric=True)
                if when is not None:
                    break
    if when is None:
        when = parse_pdf_date(info.get("CreationDate"))

    kind = "brief" if letter.is_letter else ("akkoord" if title and "akkoord" in title.lower() else None)
    return DocumentMeta(
        format=SourceFormat.pdf,
        pages=n_pages,
        title=title,
        date=when,
        kind=kind,
        extra=extra,
    )


def _cover_title(units: list[Unit], blocks: list[Block]) -> str | None:
    """The largest heading on the first printed pages (a cover title)."""
    first_pages = {u.source_page for u in units[:TITLE_PAGES]}
    headings = [
        (b.level or 99, i, b.text)
        for i, b in enumerate(blocks)
        if b.kind == BlockKind.heading and b.source_page in first_pages
    ]
    return min(headings)[2] if headings else None
