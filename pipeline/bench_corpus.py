"""A scaled benchmark corpus: the reference corpus plus generated agreement-like Dutch PDFs.

Every generated document is distinct (its own seed: themes, organisations, dates, amounts and
sentences differ), so the hash cache cannot hide work. The documents imitate the agreements in
../shared/corpus: a cover, numbered chapters, agreements with "Wat is de afspraak?", "Wie gaat wat
doen?" and "Wat is het tijdpad?" parts, bullet lists, footnotes citing Kamerstukken, a running header
and page numbers, Dutch hyphenation at line ends, and about the text density of the AZWA
onderhandelaarsakkoord (some 3,200 characters per page).

The PDFs are written by `SimplePdf`, a minimal writer (standard Type 1 fonts, WinAnsi text, Flate
content streams): no dependency, and fast enough to write a 2,000-page file in about a second, which
the tests use too.

    .venv/bin/python -m pipeline.bench_corpus output/bench/corpus   # build it without benchmarking
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# Bump when the generated content changes, so a cached corpus in output/bench is rebuilt.
GENERATOR_VERSION = "1"

A4 = (595.28, 841.89)
LEFT = 72.0
RIGHT = A4[0] - 72.0
TOP = A4[1] - 80.0
BOTTOM = 90.0
BODY = 10.0
LEADING = 13.0
NOTE_SIZE = 7.5
NOTE_LEADING = 9.0

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold"}

# Helvetica advance widths (AFM, 1/1000 em) for ASCII 32..126; other characters use 556, the width
# of the accented lowercase letters that Dutch needs. Bold is about 5% wider on average.
_HELVETICA = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
BOLD_FACTOR = 1.05


def text_width(text: str, size: float, bold: bool = False) -> float:
    units = sum(_HELVETICA[ord(c) - 32] if 32 <= ord(c) <= 126 else 556 for c in text)
    return units * size / 1000 * (BOLD_FACTOR if bold else 1.0)


# --- a minimal PDF writer -------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@dataclass
class SimplePdf:
    """Pages of positioned text in the standard Helvetica fonts; `save` writes a valid PDF 1.4."""

    title: str = ""
    pages: list[bytes] = field(default_factory=list)
    _ops: list[bytes] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = BODY, bold: bool = False) -> None:
        font = "F2" if bold else "F1"
        self._ops.append(
            b"BT /%s %.1f Tf %.2f %.2f Td %s Tj ET" % (font.encode(), size, x, y, _pdf_string(text))
        )

    def rect(self, x: float, y: float, w: float, h: float, grey: float) -> None:
        self._ops.append(b"%.2f g %.2f %.2f %.2f %.2f re f 0 g" % (grey, x, y, w, h))

    def show_page(self) -> None:
        self.pages.append(b"\n".join(self._ops))
        self._ops = []

    def save(self, path: Path) -> None:
        if self._ops:
            self.show_page()
        n_fonts = len(FONTS)
        first_page = 3 + n_fonts + 1  # catalog, pages, fonts, info, then (page, content) pairs
        objects: list[bytes] = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>"
            % (b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(self.pages))), len(self.pages)),
        ]
        for name in FONTS.values():
            objects.append(
                b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name.encode()
            )
        objects.append(b"<< /Title %s /Producer (afspraken bench_corpus) >>" % _pdf_string(self.title))
        fonts = b" ".join(b"/%s %d 0 R" % (key.encode(), 3 + i) for i, key in enumerate(FONTS))
        for i, content in enumerate(self.pages):
            objects.append(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << %s >> >> "
                b"/Contents %d 0 R >>" % (A4[0], A4[1], fonts, first_page + 2 * i + 1)
            )
            data = zlib.compress(content, 6)
            objects.append(
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
            )
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1,
            3 + n_fonts,
            xref,
        )
        path.write_bytes(bytes(out))


def simple_pages_pdf(path: Path, pages: int, seed: int = 0) -> Path:
    """A long report of `pages` distinct pages (heading, 30 lines of text, page number): for the
    bounded-memory test. Fast: about a second for 2,000 pages."""
    rng = random.Random(seed)
    pdf = SimplePdf(title=f"Synthetische bijlage ({pages} pagina's)")
    for page in range(1, pages + 1):
        pdf.text(LEFT, A4[1] - 50, "Synthetische bijlage bij de voortgangsrapportage", size=8)
        pdf.text(RIGHT - 20, 45, str(page), size=8)
        pdf.text(LEFT, TOP, f"Paragraaf {page}: {rng.choice(THEMES)}", size=13, bold=True)
        y = TOP - 26
        for _ in range(30):
            words = [rng.choice(FILLER_WORDS) for _ in range(14)]
            pdf.text(LEFT, y, " ".join(words).capitalize() + ".")
            y -= LEADING
        pdf.show_page()
    pdf.save(path)
    return path


# --- agreement-like content -------------------------------------------------------------------------

THEMES = [
    "wijkverpleging",
    "ouderenzorg",
    "acute zorg",
    "geestelijke gezondheidszorg",
    "jeugdzorg",
    "huisartsenzorg",
    "gegevensuitwisseling",
    "arbeidsmarkt en opleiding",
    "preventie en sociale basis",
    "zorgtechnologie",
    "langdurige zorg",
    "mantelzorg en informele zorg",
    "medisch-specialistische zorg",
    "geboortezorg",
    "palliatieve zorg",
    "farmacie",
]
ACTORS = [
    "Zorgverzekeraars Nederland (ZN)",
    "ZN",
    "de Vereniging Nederlandse Gemeenten (VNG)",
    "de VNG",
    "ActiZ",
    "Zorgthuisnl",
    "V&VN",
    "de NZa",
    "het Zorginstituut",
    "de Inspectie Gezondheidszorg en Jeugd (IGJ)",
    "Patiëntenfederatie Nederland",
    "de Nederlandse Vereniging van Ziekenhuizen (NVZ)",
    "de Landelijke Huisartsen Vereniging (LHV)",
    "de Federatie Medisch Specialisten",
    "het ministerie van VWS",
    "VWS",
    "de zorgkantoren",
    "de gemeenten",
    "de zorgverzekeraars",
    "MIND",
    "de Nederlandse ggz",
    "Ieder(in)",
    "KNMP",
    "InEen",
    "het RIVM",
    "ZonMw",
]
ACTIONS = [
    "ontwikkelen een landelijk kader voor",
    "maken regionale afspraken over",
    "stellen een handreiking op voor",
    "voeren een verkenning uit naar",
    "werken een implementatieplan uit voor",
    "zorgen voor een dekkend aanbod van",
    "monitoren de voortgang van",
    "evalueren de resultaten van",
    "richten een landelijk programma in voor",
    "stellen gezamenlijk de uitgangspunten vast voor",
]
SUBJECTS = [
    "de regionale samenwerking",
    "het aanmeldpunt in de regio",
    "de inzet van zorgtechnologie",
    "de opleiding van verpleegkundigen",
    "de administratieve lasten",
    "de bekostiging van de wijkzorg",
    "de gegevensuitwisseling tussen zorgaanbieders",
    "de ondersteuning van mantelzorgers",
    "de doorstroom naar passende zorg",
    "het terugdringen van wachttijden",
    "de samenwerking met het sociaal domein",
    "de kwaliteit van de indicatiestelling",
    "het behoud van medewerkers",
    "de inkoop van langdurige zorg",
    "de regionale capaciteitsplanning",
]
DEADLINES = [
    "uiterlijk eind 2026",
    "in het tweede kwartaal van 2027",
    "per 1 januari 2028",
    "medio 2027",
    "in het voorjaar van 2027",
    "vóór 1 juli 2026",
    "eind 2027",
    "in de eerste helft van 2028",
    "vanaf 2027",
    "uiterlijk 1 oktober 2026",
    "in Q3 2026",
    "eind Q4 2027",
    "in het najaar van 2026",
    "in 2028",
    "binnen zes maanden na ondertekening",
]
TITLE_TAILS = [
    "in de regio",
    "op landelijk niveau",
    "voor cliënten",
    "voor medewerkers",
    "in de wijk",
    "versterken",
]
FILLER_WORDS = (
    "de partijen spreken af dat zorgverzekeraars en gemeenten in elke regio samen met zorgaanbieders "
    "een plan maken voor de inzet van medewerkers en middelen in de komende jaren waarbij de kwaliteit "
    "van zorg toegankelijkheid betaalbaarheid en samenwerking centraal staan verpleegkundigen "
    "cliënten mantelzorgers huisartsen wijkteams informatievoorziening ondersteuning"
).split()
SENTENCES = [
    "Partijen constateren dat {subject} onder druk staat door de vergrijzing en het tekort aan personeel.",
    "{Actor} en {actor2} {action} {subject}, in afstemming met {actor3}.",
    "Daarbij wordt aangesloten bij de afspraken uit het Integraal Zorgakkoord en het Aanvullend "
    "Zorg- en Welzijnsakkoord.",
    "Het streven is dat {subject} {deadline} in alle regio's op orde is.",
    "Voor de uitvoering stelt VWS in de jaren 2026 tot en met 2028 in totaal € {amount} mln beschikbaar.",
    "{Actor} stelt {deadline} een voortgangsrapportage op over {subject}.",
    "De ervaringen van cliënten en medewerkers worden betrokken bij de uitwerking van {subject}.",
    "Waar nodig worden wet- en regelgeving aangepast; inwerkingtreding is op zijn vroegst {deadline} mogelijk.",
    "{Actor} betrekt daarbij {actor2} en de regionale zorgaanbieders.",
    "Dit draagt bij aan het transitiedoel om het verwachte tekort aan medewerkers in 2030 te halveren.",
    "De Tweede Kamer wordt over {subject} geïnformeerd in de voortgangsbrief van {deadline}.",
    "Om {subject} te versterken, investeren partijen in regionale samenwerkingsverbanden en "
    "gezamenlijke huisvesting.",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Words:
    def __init__(self, rng: random.Random, theme: str) -> None:
        self.rng = rng
        self.theme = theme

    def sentence(self) -> str:
        r = self.rng
        actors = r.sample(ACTORS, 3)
        text = r.choice(SENTENCES).format(
            subject=r.choice(SUBJECTS),
            Actor=_cap(actors[0]),
            actor=actors[0],
            actor2=actors[1],
            actor3=actors[2],
            action=r.choice(ACTIONS),
            deadline=r.choice(DEADLINES),
            amount=r.choice([5, 10, 12, 15, 20, 25, 30, 40, 45, 60, 75, 100, 150]),
        )
        return _cap(text)

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))


# --- layout ---------------------------------------------------------------------------------------


class _Layout:
    """Flows headings, paragraphs, bullets and footnotes onto A4 pages with a running header."""

    def __init__(self, pdf: SimplePdf, header: str) -> None:
        self.pdf = pdf
        self.header = header
        self.page = 0
        self.notes: list[tuple[int, str]] = []
        self.note_number = 0
        self.y = 0.0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self._finish_page()
        self.page += 1
        self.pdf.text(LEFT, A4[1] - 45, self.header, size=8)
        self.y = TOP

    def _finish_page(self) -> None:
        if self.notes:
            y = BOTTOM - 8 - NOTE_LEADING
            self.pdf.rect(LEFT, BOTTOM - 4, 120, 0.5, 0.0)
            for number, text in self.notes:
                for i, line in enumerate(_wrap(f"{number} {text}", NOTE_SIZE, RIGHT - LEFT)):
                    self.pdf.text(LEFT if i == 0 else LEFT + 6, y, line, size=NOTE_SIZE)
                    y -= NOTE_LEADING
            self.notes = []
        self.pdf.text(RIGHT - 10, 45, str(self.page), size=8)
        self.pdf.show_page()

    def _room(self, height: float) -> None:
        floor = BOTTOM + len(self.notes) * 2 * NOTE_LEADING
        if self.y - height < floor:
            self._new_page()

    def space(self, points: float) -> None:
        self.y -= points

    def heading(self, text: str, size: float = 13.0) -> None:
        self._room(size * 2 + 4 * LEADING)  # keep a heading with the lines after it
        self.y -= size * 0.6
        for line in _wrap(text, size, RIGHT - LEFT, bold=True):
            self.pdf.text(LEFT, self.y, line, size=size, bold=True)
            self.y -= size * 1.3
        self.y -= 3

    def box_title(self, text: str) -> None:
        self._room(6 * LEADING)
        self.y -= 6
        self.pdf.rect(LEFT - 4, self.y - 4, RIGHT - LEFT + 8, 16, 0.85)
        self.pdf.text(LEFT, self.y, text, size=11, bold=True)
        self.y -= LEADING + 8

    def label(self, text: str) -> None:
        self._room(3 * LEADING)
        self.pdf.text(LEFT, self.y, text, bold=True)
        self.y -= LEADING

    def paragraph(self, text: str, indent: float = 0.0, bullet: str = "", note: str | None = None) -> None:
        lines = _wrap(text, BODY, RIGHT - LEFT - indent)
        for i, line in enumerate(lines):
            self._room(LEADING + (2 * NOTE_LEADING if note else 0))
            if bullet and i == 0:
                self.pdf.text(LEFT + indent - 10, self.y, bullet)
            self.pdf.text(LEFT + indent, self.y, line)
            if note is not None and i == len(lines) - 1:
                # A superscript footnote mark after the last word, and its note at the page bottom.
                self.note_number += 1
                x = LEFT + indent + text_width(line, BODY) + 0.5
                self.pdf.text(x, self.y + 3.5, str(self.note_number), size=6)
                self.notes.append((self.note_number, note))
            self.y -= LEADING
        self.y -= LEADING * 0.5

    def finish(self) -> None:
        self._finish_page()


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy line breaking; a long word that does not fit is hyphenated, as typesetters do."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line and len(word) >= 11 and word.isalpha():
            cut = len(word) // 2
            head = f"{line} {word[:cut]}-"
            if text_width(head, size, bold) <= width:
                lines.append(head)
                line = word[cut:]
                continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


CITATIONS = [
    "Kamerstukken II 2024/25, 29 389, nr. 152.",
    "Kamerstuk 36 600 XVI, nr. 61.",
    "Kst. 31 765, nr. 820.",
    "Kamerstukken 30 169, nr. 75.",
    "Motie van het lid Jansen, Kamerstuk 36 410, nr. 43.",
    "Zie ook de brief van 3 juni 2025, Kamerstuk 31 839, nr. 1012.",
]


def agreement_pdf(path: Path, seed: int, pages: int, changes: int = 0) -> int:
    """An agreement-like document of at least `pages` pages; returns the page count.

    The same seed gives the same document; `changes` > 0 alters that many agreements (a deadline
    moved, an actor added, a title reworded, an amount changed), as a later version would.
    """
    rng = random.Random(seed)
    theme = rng.choice(THEMES)
    year = rng.choice([2025, 2026, 2027])
    title = f"Bestuurlijk akkoord {theme} {year}-{seed:04d}"
    pdf = SimplePdf(title=title)
    layout = _Layout(pdf, f"Onderhandelaarsakkoord {theme} – {rng.randint(1, 28)} maart {year}")
    words = _Words(rng, theme)
    change_rng = random.Random(seed * 7919 + changes)
    changed = set(change_rng.sample(range(1, 400), changes)) if changes else set()

    layout.heading(title, size=20)
    layout.paragraph(f"Den Haag, {rng.randint(1, 28)} maart {year}")
    layout.heading("1. Inleiding")
    for _ in range(4):
        layout.paragraph(words.paragraph(), note=rng.choice(CITATIONS) if rng.random() < 0.4 else None)
    chapter, number = 1, 0
    while layout.page < pages:
        chapter += 1
        layout.heading(f"{chapter}. {_cap(rng.choice(SUBJECTS))}")
        layout.paragraph(words.paragraph())
        for _ in range(rng.randint(3, 6)):
            number += 1
            title_words = f"{_cap(rng.choice(SUBJECTS))} {rng.choice(TITLE_TAILS)}"
            deadline = rng.choice(DEADLINES)
            actors = rng.sample(ACTORS, 5)
            if number in changed:
                # The kinds of change a later version carries, in turn.
                kind = number % 4
                if kind == 0:
                    deadline = rng.choice([d for d in DEADLINES if d != deadline])
                elif kind == 1:
                    actors.append("de Landelijke Huisartsen Vereniging (LHV)")
                elif kind == 2:
                    title_words = f"Herziene afspraak over {rng.choice(SUBJECTS)}"
            layout.box_title(f"Afspraak {number}: {title_words}")
            layout.label("Wat is de afspraak?")
            layout.paragraph(
                words.paragraph((3, 6)), note=rng.choice(CITATIONS) if rng.random() < 0.3 else None
            )
            layout.label("Wie gaat wat doen?")
            for i in range(rng.randint(2, 4)):
                action = rng.choice(ACTIONS)
                layout.paragraph(
                    f"{_cap(actors[i])} {action} {rng.choice(SUBJECTS)}, in afstemming met {actors[i + 1]}.",
                    indent=14,
                    bullet="•",
                )
            if number in changed and number % 4 == 3:
                layout.paragraph(
                    f"VWS stelt hiervoor € {rng.randint(5, 90)} mln beschikbaar.", indent=14, bullet="•"
                )
            layout.label("Wat is het tijdpad?")
            for _ in range(rng.randint(2, 3)):
                layout.paragraph(
                    f"{_cap(deadline)}: {rng.choice(SUBJECTS)} is gereed.", indent=14, bullet="•"
                )
                deadline = rng.choice(DEADLINES)
            layout.space(LEADING)
    layout.finish()
    pdf.save(path)
    return len(pdf.pages)


# --- the corpus -------------------------------------------------------------------------------------

# How the generated part is sized: 20 documents of 40-60 pages (like the reference agreements) and
# two versions of a 110-page agreement for the diff, about 1,200 pages in all; with the reference
# corpus's 175 PDF pages the corpus holds well over the 1,000 pages the benchmark asks for.
GENERATED_DOCUMENTS = 20
PAGES_RANGE = (40, 60)
LARGE_PAGES = 110
LARGE_CHANGES = 6


@dataclass
class Corpus:
    root: Path
    pdf_pages: int
    documents: int
    large_versions: tuple[Path, Path]
    reference_pdf_pages: int


def build(root: Path, reference: Path | None) -> Corpus:
    """Build (or reuse, when the manifest matches) the corpus under `root`."""
    manifest_path = root / "manifest.json"
    wanted = {
        "generator": GENERATOR_VERSION,
        "documents": GENERATED_DOCUMENTS,
        "pages": list(PAGES_RANGE),
        "large": [LARGE_PAGES, LARGE_CHANGES],
        "reference": _reference_digest(reference),
    }
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("wanted") == wanted:
            return _corpus_from(root, manifest)
    if root.exists():
        shutil.rmtree(root)
    generated = root / "generated"
    generated.mkdir(parents=True)
    pages = 0
    rng = random.Random(20260101)
    for i in range(GENERATED_DOCUMENTS):
        pages += agreement_pdf(
            generated / f"bench-akkoord-{i + 1:03d}.pdf", seed=1000 + i, pages=rng.randint(*PAGES_RANGE)
        )
    large_dir = root / "large"
    large_dir.mkdir()
    v1, v2 = large_dir / "bench-groot-akkoord-v1.pdf", large_dir / "bench-groot-akkoord-v2.pdf"
    pages += agreement_pdf(v1, seed=4242, pages=LARGE_PAGES)
    pages += agreement_pdf(v2, seed=4242, pages=LARGE_PAGES, changes=LARGE_CHANGES)
    reference_pages = 0
    documents = GENERATED_DOCUMENTS + 2
    if reference is not None and reference.is_dir():
        target = root / "reference"
        for source in sorted(reference.rglob("*")):
            if source.is_file() and source.suffix.lower() in {".pdf", ".docx", ".txt"}:
                dest = target / source.relative_to(reference)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, dest)
                documents += 1
                if source.suffix.lower() == ".pdf":
                    reference_pages += pdf_page_count(dest)
    manifest = {
        "wanted": wanted,
        "pdf_pages": pages + reference_pages,
        "reference_pdf_pages": reference_pages,
        "documents": documents,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return _corpus_from(root, manifest)


def _corpus_from(root: Path, manifest: dict) -> Corpus:
    large = root / "large"
    return Corpus(
        root=root,
        pdf_pages=manifest["pdf_pages"],
        documents=manifest["documents"],
        large_versions=(large / "bench-groot-akkoord-v1.pdf", large / "bench-groot-akkoord-v2.pdf"),
        reference_pdf_pages=manifest["reference_pdf_pages"],
    )


def _reference_digest(reference: Path | None) -> str | None:
    if reference is None or not reference.is_dir():
        return None
    h = hashlib.sha256()
    for source in sorted(reference.rglob("*")):
        if source.is_file():
            h.update(f"{source.relative_to(reference)}:{source.stat().st_size}\n".encode())
    return h.hexdigest()


def pdf_page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("output/bench/corpus")
    corpus = build(root, Path("../shared/corpus"))
    print(f"{corpus.root}: {corpus.documents} documents, {corpus.pdf_pages} PDF pages")


if __name__ == "__main__":
    main()
