"""A rough estimate of the CPU time a file will take, so the pool can start the largest first.

With two workers, a large document started last keeps one core busy alone at the end of the run
(on the reference corpus: the 583 KB text bundle, 8th of 10 in path order, ran 0.4 s past every
other document). Only the order matters, so rough figures do, but their ratios should be current:
the writer loads results in path order, so which large document runs last decides how much loading
is left when the workers are done. Measured on the reference corpus and the bench corpus (one
process, reading and extracting, November 2026): a printed PDF page costs 7-12 ms (10 on average), a
byte of text 1.3-1.8 us, a byte of a .docx 0.4 us (its zip holds images that cost nothing).
"""

from __future__ import annotations

from pathlib import Path

SECONDS_PER_PDF_PAGE = 0.010
SECONDS_PER_TEXT_BYTE = 1.5e-6
SECONDS_PER_OTHER_BYTE = 0.4e-6
# A sheet this much wider than high holds two printed pages side by side (A4 portrait is 0.71).
SPREAD_ASPECT = 1.2


def estimated_seconds(path: str) -> float:
    """Rough CPU time to read and extract a file: by pages for a PDF, by bytes otherwise."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError:
        return 0.0
    suffix = file.suffix.lower()
    if suffix == ".pdf":
        return _printed_pages(file) * SECONDS_PER_PDF_PAGE
    if suffix == ".txt":
        return size * SECONDS_PER_TEXT_BYTE
    return size * SECONDS_PER_OTHER_BYTE


def _printed_pages(file: Path) -> int:
    """Pages from the PDF's page tree, a landscape sheet counted as the two-page spread it usually
    holds (pdfium opens a document and reads its page sizes in about a millisecond)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(file))
    except Exception:  # any broken PDF: a worker reports it; its cost is unknown, so it goes last
        return 0
    try:
        sizes = [pdf.get_page_size(i) for i in range(len(pdf))]
    except Exception:
        return 0
    finally:
        pdf.close()
    return sum(2 if width > height * SPREAD_ASPECT else 1 for width, height in sizes)
