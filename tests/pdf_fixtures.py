"""Small synthetic PDFs for the PDF reader tests, generated with reportlab at test time.

Every builder writes one file and returns its path. The documents imitate the layouts the reader has
to handle in real Kamerstukken (running header and footer, superscript footnote marks, a hyphenated
line break, a paragraph running on across a page break, two columns, two-page spreads) and the kinds
of bad input users meet (an HTML page saved as .pdf, a cut-off download, an encrypted or scanned PDF).

Run as a module for the reader benchmark (reference PDFs and a 2,000-page synthetic PDF):
    .venv/bin/python -m tests.pdf_fixtures bench [--pages 2000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

BODY_FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"
BODY_SIZE = 10
LEADING = 13
LEFT = 72
TOP = A4[1] - 110
HEADER = "Testrapport – 1 januari 2025"


def _lines(c: Canvas, lines: list[str], x: float, y: float, size: float = BODY_SIZE) -> float:
    c.setFont(BODY_FONT, size)
    for line in lines:
        c.drawString(x, y, line)
        y -= LEADING
    return y


def _running(c: Canvas, page: int) -> None:
    c.setFont(BODY_FONT, 8)
    c.drawString(LEFT, A4[1] - 40, HEADER)
    c.drawRightString(A4[0] - LEFT, 40, str(page))


def two_page_report(path: Path) -> Path:
    """Two A4 pages: header/footer, heading, footnote, hyphenation, page-break paragraph, columns, list."""
    c = Canvas(str(path), pagesize=A4)
    c.setTitle("Synthetisch testrapport")
    _running(c, 1)
    c.setFont(BOLD_FONT, 16)
    c.drawString(LEFT, TOP, "1 Inleiding")
    y = TOP - 30
    y = _lines(
        c,
        [
            "De samenwerking tussen de partijen in de regio wordt versterkt door een nieuwe",
            "organisatie van de zorg. Daarbij wordt ook een coordinator in elke regio",
        ],
        LEFT,
        y,
    )
    # A superscript footnote mark glued to a word: smaller font, raised baseline.
    c.setFont(BODY_FONT, BODY_SIZE)
    first = "aangesteld, voor wie nog een geschikte plek wordt gezocht"
    c.drawString(LEFT, y, first)
    c.setFont(BODY_FONT, 6)
    c.drawString(LEFT + stringWidth(first, BODY_FONT, BODY_SIZE) + 0.3, y + 3.5, "1")
    c.setFont(BODY_FONT, BODY_SIZE)
    c.drawString(LEFT + stringWidth(first, BODY_FONT, BODY_SIZE) + 4, y, " en gevonden.")
    y -= 2 * LEADING
    y = _lines(
        c,
        [
            "Deze tweede alinea beschrijft hoe de nieuwe werkwijze in de organisa-",
            "tie van de zorg wordt ingevoerd en wat de partijen daarvoor van elkaar",
            "verwachten. De uitwerking van de afspraken vraagt om een zorgvuldige aanpak",
            "waarbij alle betrokken partijen in een vroeg stadium worden meegenomen en",
        ],
        LEFT,
        y,
    )
    # Footnote area: separator rule and a small numbered note at the page bottom.
    c.line(LEFT, 92, LEFT + 120, 92)
    c.setFont(BODY_FONT, 5)
    c.drawString(LEFT, 82.5, "1")
    c.setFont(BODY_FONT, 7)
    c.drawString(LEFT + 6, 80, "Zie de bijlage bij deze brief.")
    c.showPage()

    _running(c, 2)
    y = _lines(
        c,
        [
            "waarbij ook de cliënten een stem krijgen in de keuzes die worden gemaakt.",
            "Zo ontstaat een gedeeld beeld van de opgave.",
        ],
        LEFT,
        TOP,
    )
    y -= LEADING
    c.setFont(BOLD_FONT, 12)
    c.drawString(LEFT, y, "2 Twee kolommen")
    y -= 2 * LEADING
    col_y = y
    left = [
        "Links begint de eerste kolom met",
        "een tekst die over meerdere regels",
        "doorloopt tot het einde van de",
        "kolom aan de linkerkant.",
    ]
    right = [
        "Rechts staat de tweede kolom met",
        "een eigen tekst die naast de eerste",
        "kolom wordt gezet en pas daarna",
        "gelezen moet worden.",
    ]
    _lines(c, left, LEFT, col_y)
    _lines(c, right, LEFT + 240, col_y)
    y = col_y - len(left) * LEADING - LEADING
    c.setFont(BODY_FONT, BODY_SIZE)
    for item in (
        "Eerste punt van de lijst, dat over de volle breedte van de pagina onder beide kolommen staat.",
        "Tweede punt van de lijst, dat eveneens over de volle breedte van de pagina doorloopt.",
    ):
        c.drawString(LEFT, y, "•")
        c.drawString(LEFT + 14, y, item)
        y -= LEADING
    c.showPage()
    c.save()
    return path


def spread(path: Path) -> Path:
    """A cover page and two landscape pages, each holding two printed pages side by side."""
    width, height = 2 * A4[0], A4[1]
    c = Canvas(str(path), pagesize=A4)
    c.setFont(BOLD_FONT, 28)
    c.drawString(LEFT, A4[1] / 2, "Spreadrapport")
    c.showPage()
    number = 2
    titles = iter(("Inleiding", "Aanpak", "Resultaten", "Vervolg"))
    for _ in range(2):
        c.setPageSize((width, height))
        for half in (0, 1):
            x0 = half * A4[0] + LEFT
            c.setFont(BOLD_FONT, 14)
            c.drawString(x0, TOP, next(titles))
            lines = [
                f"Dit is de tekst van pagina {number} van het rapport, die in zijn",
                "geheel op de eigen pagina staat en niet mag worden vermengd met",
                "de tekst van de pagina ernaast in dezelfde spread.",
            ]
            _lines(c, lines, x0, TOP - 30)
            c.setFont(BODY_FONT, 8)
            c.drawRightString((half + 1) * A4[0] - LEFT, 40, f"Spreadrapport {number}")
            number += 1
        c.showPage()
    c.save()
    return path


def many_pages(path: Path, pages: int) -> Path:
    """A long report (e.g. 2,000 pages) with a running header, page numbers and dense text."""
    words = (
        "de partijen spreken af dat de zorgverzekeraars en gemeenten in elke regio samen met de "
        "zorgaanbieders een plan maken voor de inzet van medewerkers en middelen in de komende jaren"
    ).split()
    c = Canvas(str(path), pagesize=A4)
    c.setPageCompression(1)
    for page in range(1, pages + 1):
        c.setFont(BODY_FONT, 8)
        c.drawString(LEFT, A4[1] - 40, "Synthetische bijlage bij de voortgangsrapportage")
        c.drawRightString(A4[0] - LEFT, 40, str(page))
        c.setFont(BOLD_FONT, 13)
        c.drawString(LEFT, TOP - 40, f"Paragraaf {page}")
        c.setFont(BODY_FONT, BODY_SIZE)
        y = TOP - 66
        for line in range(40):
            start = (page * 7 + line * 3) % len(words)
            text = " ".join((words * 2)[start : start + 12])
            c.drawString(LEFT, y, text[:1].upper() + text[1:] + ("." if line % 6 == 5 else ""))
            y -= LEADING
            if line % 6 == 5:
                y -= LEADING / 2
        c.showPage()
    c.save()
    return path


# -- bad input ----------------------------------------------------------------------------------------


def html_as_pdf(path: Path) -> Path:
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n"
    )
    return path


def truncated(path: Path) -> Path:
    full = two_page_report(path.with_name("full-" + path.name)).read_bytes()
    path.write_bytes(full[: len(full) // 2])
    return path


def encrypted(path: Path) -> Path:
    c = Canvas(
        str(path), pagesize=A4, encrypt=StandardEncryption("geheim", ownerPassword="eigenaar", strength=128)
    )
    c.setFont(BODY_FONT, BODY_SIZE)
    c.drawString(LEFT, TOP, "Vertrouwelijke tekst.")
    c.showPage()
    c.save()
    return path


def scanned(path: Path) -> Path:
    """An image-only page, as a scanner produces: no text layer at all."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    for row in range(12):
        draw.rectangle((40, 20 + row * 22, 560 - (row % 3) * 60, 32 + row * 22), fill=40)
    c = Canvas(str(path), pagesize=A4)
    c.drawInlineImage(image, LEFT, TOP - 300, width=450, height=225)
    c.showPage()
    c.save()
    return path


# -- benchmark -----------------------------------------------------------------------------------------

REFERENCE_PDFS = (
    "corpus/pdf/azwa-2025-07-03-onderhandelaarsakkoord.pdf",
    "corpus/pdf/azwa-2025-08-definitief.pdf",
    "corpus/pdf/azwa-2025-09-08-aanbiedingsbrief.pdf",
)

_CHILD = """
import resource, sys, time
from pathlib import Path
from extractors.readers import pdf
start = time.process_time()
doc = pdf.read(Path(sys.argv[1]))
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(doc.meta.pages, len(doc.blocks), cpu, peak)
"""


def _plain_text(path: Path) -> int:
    """pypdfium2's plain text extraction of every page: the floor the reader builds on."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    for i in range(len(document)):
        page = document[i]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    n = len(document)
    document.close()
    return n


def _bench(pages: int, repeats: int) -> None:
    from extractors.readers import pdf
    from tests.paths import SHARED

    # CPU time, best of `repeats` runs, plain pdfium text interleaved as a yardstick: this machine's
    # speed drifts by +-20% from minute to minute, the ratio between the two much less.
    totals = {"reader": 0.0, "plain": 0.0}
    total_pages = 0
    for relative in REFERENCE_PDFS:
        path = SHARED / relative
        if not path.exists():
            print(f"skip {relative}: not found under {SHARED}")
            continue
        best = {"reader": float("inf"), "plain": float("inf")}
        n = 0
        for _ in range(repeats):
            for name in best:
                start = time.process_time()
                n = (pdf.read(path).meta.pages or 0) if name == "reader" else _plain_text(path)
                best[name] = min(best[name], time.process_time() - start)
        total_pages += n
        for name in best:
            totals[name] += best[name]
        print(
            f"{path.name:48s} {n:5d} pages  reader {best['reader']:6.3f} s CPU = {n / best['reader']:5.0f} "
            f"pages/s  (pdfium plain text {n / best['plain']:5.0f} pages/s)"
        )
    if total_pages:
        print(
            f"{'reference PDFs together':48s} {total_pages:5d} pages  reader {totals['reader']:6.3f} s CPU = "
            f"{total_pages / totals['reader']:5.0f} pages/s  (pdfium plain text "
            f"{total_pages / totals['plain']:5.0f} pages/s)  best of {repeats} runs"
        )

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"synthetic-{pages}.pdf"
        start = time.perf_counter()
        many_pages(big, pages)
        print(
            f"generated {big.name} ({big.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s"
        )
        # A fresh process, so the peak RSS is the reader's own.
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(big)], capture_output=True, text=True, check=True
        ).stdout.split()
        n, blocks, cpu, peak = int(out[0]), int(out[1]), float(out[2]), float(out[3])
        print(
            f"{big.name:48s} {n:5d} pages  {cpu:6.3f} s CPU  {n / cpu:6.0f} pages/s  "
            f"{blocks} blocks, peak RSS {peak:.0f} MB"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["bench"])
    parser.add_argument("--pages", type=int, default=2000, help="size of the synthetic PDF (default 2000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per reference PDF; the best counts")
    args = parser.parse_args(argv)
    _bench(args.pages, args.repeats)


if __name__ == "__main__":
    main()
