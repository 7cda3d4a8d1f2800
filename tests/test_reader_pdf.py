"""The PDF reader on the reference PDFs (read by path from ../shared) and on synthetic PDFs.

The reference documents: the AZWA onderhandelaarsakkoord (Word layout, 116 pages), the AZWA definitief
(InDesign layout in two-page spreads, 57 PDF pages, 112 printed pages) and the Kamerbrief that offers
it (Rijksoverheid letter with a sidebar). The synthetic PDFs are generated with reportlab at test time
(tests/pdf_fixtures.py); nothing binary is committed.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from extractors.readers import pdf
from extractors.readers.errors import ReadError
from schemas.document import Block, BlockKind, Document
from tests import pdf_fixtures
from tests.paths import shared_file

AKKOORD = "corpus/pdf/azwa-2025-07-03-onderhandelaarsakkoord.pdf"
DEFINITIEF = "corpus/pdf/azwa-2025-08-definitief.pdf"
BRIEF = "corpus/pdf/azwa-2025-09-08-aanbiedingsbrief.pdf"
CONTENT = (BlockKind.heading, BlockKind.paragraph, BlockKind.list_item)


def _blocks(doc: Document, needle: str, kinds: tuple[BlockKind, ...] = CONTENT) -> list[Block]:
    return [b for b in doc.blocks if b.kind in kinds and needle in b.text]


def _first(doc: Document, needle: str, kinds: tuple[BlockKind, ...] = CONTENT) -> Block:
    found = _blocks(doc, needle, kinds)
    assert found, f"{needle!r}: no block"
    return found[0]


def _one(doc: Document, needle: str, kinds: tuple[BlockKind, ...] = CONTENT) -> Block:
    found = _blocks(doc, needle, kinds)
    assert len(found) == 1, f"{needle!r}: {len(found)} blocks"
    return found[0]


# -- AZWA onderhandelaarsakkoord ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def akkoord() -> Document:
    return pdf.read(shared_file(AKKOORD))


@pytest.mark.corpus
def test_akkoord_meta(akkoord: Document) -> None:
    assert akkoord.meta.pages == 116
    assert akkoord.meta.title == "Aanvullend Zorg- en Welzijnsakkoord"
    assert akkoord.meta.date == date(2025, 7, 3)
    assert akkoord.meta.kind == "akkoord"


@pytest.mark.corpus
def test_akkoord_running_header_is_furniture(akkoord: Document) -> None:
    header = "Onderhandelaarsakkoord – 3 juli 2025"
    furniture = [b for b in akkoord.blocks if b.kind == BlockKind.furniture and b.text == header]
    assert len(furniture) == 116  # at the top of every page
    # Never inside running text (the cover repeats it once, as a subtitle block of its own).
    assert all(b.text == header for b in _blocks(akkoord, header))
    assert not _blocks(akkoord, header, (BlockKind.paragraph, BlockKind.list_item))
    # Page numbers are furniture too, and become the blocks' printed page numbers.
    assert [b.text for b in akkoord.blocks if b.kind == BlockKind.furniture and b.source_page == 16] == [
        header,
        "16",
    ]
    assert _first(akkoord, "[A1] We ontlasten", (BlockKind.heading,)).page == 15


@pytest.mark.corpus
def test_akkoord_footnote_14_is_linked_and_unglued(akkoord: Document) -> None:
    note = akkoord.footnotes()[14]
    assert note.text == "ACTIZ_Infographic_regionale_coördinatiefuncties.pdf"
    assert note.source_page == 16
    block = _one(akkoord, "eerstelijnsverblijf wordt gezocht")
    refs = [r for r in block.footnote_refs if r.number == 14]
    assert len(refs) == 1
    assert block.text[: refs[0].offset].endswith("eerstelijnsverblijf wordt gezocht")
    assert "gezocht14" not in akkoord.text
    assert "tweedeling3" not in akkoord.text
    # Every footnote is referenced from the text and every reference has its footnote. (The PDF
    # lacks the text of note 39; its mark "patiënt’³⁹" then stays in the text as printed.)
    numbers = {r.number for b in akkoord.blocks for r in b.footnote_refs}
    assert numbers == set(akkoord.footnotes()) == set(range(1, 59)) - {39}


@pytest.mark.corpus
def test_akkoord_agreement_codes_open_headings(akkoord: Document) -> None:
    toc = [b.text for b in akkoord.blocks if b.source_page in (2, 3) and b.kind == BlockKind.paragraph]
    codes = [m.group(0) for t in toc if (m := re.match(r"\[[A-E]\d[ab]?\]", t))]
    assert len(codes) == 32 and codes[0] == "[A1]" and codes[-1] == "[E6]"
    headings = [b.text for b in akkoord.blocks if b.kind == BlockKind.heading]
    for code in codes:
        assert any(h.startswith(code + " ") for h in headings), code
    # Wrapped agreement titles are one heading each.
    a1 = _first(akkoord, "[A1] We ontlasten", (BlockKind.heading,))
    assert (
        a1.text
        == "[A1] We ontlasten medewerkers door doorbraakprojecten die regeldruk verminderen op te schalen"
    )
    assert not [h for h in headings if h.startswith("verminderen op te schalen")]


@pytest.mark.corpus
def test_akkoord_agreement_parts_and_lists(akkoord: Document) -> None:
    after_a1 = akkoord.blocks[_first(akkoord, "[A1] We ontlasten", (BlockKind.heading,)).index :]
    texts = [(b.kind, b.text) for b in after_a1[:12]]
    assert (BlockKind.heading, "Wat is de afspraak:") in texts
    assert (BlockKind.heading, "Wie gaat wat doen:") in texts
    item = _one(akkoord, "Om succesvolle opschaling van doorbraakprojecten")
    assert item.kind == BlockKind.list_item and item.marker == "-" and item.level == 0
    # A list item that runs on across the page break (15 -> 16) stays one block, without the
    # running header or page number in it.
    regio = _one(akkoord, "De regio heeft een belangrijke rol bij de uitvoering van deze afspraak.")
    assert regio.text.endswith(
        "incidentele middelen ter beschikking voor de inzet en ondersteuning van "
        "zorgprofessionals bij deze projecten."
    )
    assert regio.source_page == 15


@pytest.mark.corpus
def test_akkoord_table_of_contents_is_kept(akkoord: Document) -> None:
    assert _one(akkoord, "Inhoud", (BlockKind.heading,)).source_page == 2
    entry = _one(akkoord, "[A3] We verminderen regeldruk", (BlockKind.paragraph,))
    assert entry.text == (
        "[A3] We verminderen regeldruk als gevolg van (verschillen tussen) inkoop- en "
        "verantwoordingseisen … 20"
    )


# -- AZWA definitief (two-page spreads) --------------------------------------------------------------


@pytest.fixture(scope="module")
def definitief() -> Document:
    return pdf.read(shared_file(DEFINITIEF))


@pytest.mark.corpus
def test_definitief_a1_heading_is_one_block(definitief: Document) -> None:
    a1 = _blocks(definitief, "We ontlasten medewerkers door doorbraakprojecten", (BlockKind.heading,))
    assert a1, "no A1 heading"
    title = "A1 We ontlasten medewerkers door doorbraakprojecten die regeldruk verminderen op te schalen"
    assert all(b.text == title for b in a1)  # the margin code stays with its title, lines joined
    assert (a1[0].page, a1[0].source_page) == (20, 11)
    assert not [b for b in definitief.blocks if b.text in ("op te schalen", "A1")]
    # Every agreement in the table of contents (A1 ... E6) opens a heading, its code in front.
    toc = [b.text for b in definitief.blocks if b.page in (3, 4, 5) and b.kind == BlockKind.paragraph]
    codes = [m.group(1) for t in toc if (m := re.match(r"([A-E]\d[ab]?) ", t))]
    assert len(codes) == 32 and codes[0] == "A1" and codes[-1] == "E6"
    headings = [b.text for b in definitief.blocks if b.kind == BlockKind.heading]
    for code in codes:
        assert any(h.startswith(code + " ") for h in headings), code
    d7 = "D7 We zorgen voor voldoende participatie voor de invulling van avond-, nacht-, weekend- en crisisdiensten"
    assert d7 in headings  # bold title wrapped after a comma: still one heading
    # The parts of an agreement are headings an extractor can find.
    following = [
        b.text for b in definitief.blocks[a1[0].index : a1[0].index + 6] if b.kind == BlockKind.heading
    ]
    assert following[:3] == [title, "Regeldruk", "Wat is de afspraak:"]


@pytest.mark.corpus
def test_definitief_spreads_in_printed_page_order(definitief: Document) -> None:
    assert definitief.meta.pages == 57
    assert definitief.meta.extra["printed_pages"] == "112"
    on_sheet_11 = [b for b in definitief.blocks if b.source_page == 11]
    assert [b.page for b in on_sheet_11] == sorted(b.page for b in on_sheet_11)
    assert {b.page for b in on_sheet_11} == {20, 21}
    left = _one(definitief, "Voor het uitvoeren van de projecten richten de betrokken landelijke partijen")
    right = _one(definitief, "In de aanpak wordt de regeldruk in beeld gebracht")
    assert (left.page, right.page) == (20, 21) and left.index < right.index
    assert left.source_page == right.source_page == 11
    # Printed pages follow each other through the whole document.
    pages = [b.page for b in definitief.blocks]
    assert pages == sorted(pages) and pages[-1] == 112
    assert _one(definitief, "Inhoudsopgave", (BlockKind.heading,)).page == 3


@pytest.mark.corpus
def test_definitief_columns_do_not_interleave(definitief: Document) -> None:
    # Sheet 8: printed page 14 (text, footnotes) beside page 15 (a chart with labels on the same
    # baselines as the text lines of page 14).
    voorkant = _one(definitief, "Onze inzet is om mensen gezonder te houden")
    assert voorkant.page == 14
    assert voorkant.text.endswith("een arbeidsbesparing geeft van minimaal 4.000 personen.")
    for chart_word in ("Ambitie vervolgafspraken", "20.000", "Passende zorg"):
        assert chart_word not in voorkant.text
    # The TOC of page 3 is not mixed with the publisher's list on page 2 beside it.
    assert not [b for b in definitief.blocks if "ActiZ" in b.text and "Inleiding" in b.text]


@pytest.mark.corpus
def test_definitief_running_texts_are_furniture(definitief: Document) -> None:
    footers = [
        b for b in definitief.blocks if re.fullmatch(r"Aanvullend Zorg- en Welzijnsakkoord \d+", b.text)
    ]
    assert len(footers) >= 100
    assert all(b.kind == BlockKind.furniture and b.text.endswith(f" {b.page}") for b in footers)
    marks = [b for b in definitief.blocks if b.text == "AZWA"]
    assert marks and all(b.kind == BlockKind.furniture for b in marks)
    assert not [b for b in definitief.content_blocks() if re.search(r"Welzijnsakkoord \d+$", b.text)]


@pytest.mark.corpus
def test_definitief_footnotes_and_tables(definitief: Document) -> None:
    assert set(definitief.footnotes()) == set(range(1, 60))
    block = _one(definitief, "eerstelijnsverblijf wordt gezocht")
    (ref,) = [r for r in block.footnote_refs if r.number == 15]
    assert block.text[: ref.offset].endswith("gezocht")
    assert "gezocht15" not in definitief.text
    tables = [b for b in definitief.blocks if b.kind == BlockKind.table and b.page == 89]
    assert tables and tables[0].cells is not None
    assert tables[0].cells[0][-3:] == ["2026", "2027", "2028"]


# -- Kamerbrief (Rijksoverheid letter) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def brief() -> Document:
    return pdf.read(shared_file(BRIEF))


@pytest.mark.corpus
def test_brief_sidebar_is_metadata(brief: Document) -> None:
    meta = brief.meta
    assert meta.kind == "brief"
    assert meta.extra["kenmerk"] == "4204015-1087289-PDIZA"
    assert meta.extra["bijlagen"] == "1"
    assert meta.date == date(2025, 9, 8)
    assert meta.title is not None and "Aanbieding Aanvullend Zorg- en Welzijnsakkoord" in meta.title
    assert meta.extra["betreft"] == meta.title


@pytest.mark.corpus
def test_brief_body_has_no_sidebar_text(brief: Document) -> None:
    sidebar = (
        "Bezoekadres",
        "Parnassusplein",
        "rijksoverheid.nl",
        "Kenmerk",
        "4204015",
        "Bijlage(n)",
        "Pagina 1 van 2",
        "Retouradres",
        "Datum",
        "Betreft",
    )
    for block in brief.content_blocks():
        for word in sidebar:
            assert word not in block.text, (word, block.text)
    furniture = [b.text for b in brief.blocks if b.kind == BlockKind.furniture]
    assert "Kenmerk 4204015-1087289-PDIZA" in furniture
    assert "Pagina 2 van 2" in furniture
    first = brief.blocks[_one(brief, "Geachte voorzitter,").index + 1]
    assert first.text.startswith("Met gepaste trots kan ik u – mede namens de staatssecretaris")
    assert first.text.endswith("definitieve ledenraadpleging in november.")


@pytest.mark.corpus
def test_brief_footnotes_and_headings(brief: Document) -> None:
    assert {n: b.text for n, b in brief.footnotes().items()} == {
        1: "Kst. 36 725, nr. 29.",
        2: "Kst. 25 424, nr. 744.",
        3: "Kst. 29 689, nr. 1311 en Kst. 29 689, nr. 1313.",
    }
    korte = _one(brief, "In de motie van het lid De Korte")
    assert [r.number for r in korte.footnote_refs][:1] == [1]
    headings = [b.text for b in brief.blocks if b.kind == BlockKind.heading]
    assert headings == ["Belang van het AZWA", "Moties in relatie tot AZWA", "Vervolgproces AZWA"]


# -- synthetic documents --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return pdf.read(pdf_fixtures.two_page_report(tmp_path_factory.mktemp("pdf") / "rapport.pdf"))


def test_report_furniture_and_page_numbers(report: Document) -> None:
    furniture = [(b.source_page, b.text) for b in report.blocks if b.kind == BlockKind.furniture]
    assert furniture == [
        (1, pdf_fixtures.HEADER),
        (1, "1"),
        (2, pdf_fixtures.HEADER),
        (2, "2"),
    ]
    assert all(b.page == b.source_page for b in report.blocks)
    assert report.meta.title == "Synthetisch testrapport"  # the PDF info title
    assert report.meta.date == date(2025, 1, 1)  # the first full date in the text beats CreationDate


def test_report_superscript_footnote(report: Document) -> None:
    note = report.footnotes()[1]
    assert note.text == "Zie de bijlage bij deze brief."
    block = _one(report, "plek wordt gezocht")
    assert [r.number for r in block.footnote_refs] == [1]
    offset = block.footnote_refs[0].offset
    assert block.text[:offset].endswith("wordt gezocht")
    assert block.text[offset:].startswith(" en gevonden.")
    assert "gezocht1" not in report.text


def test_report_dehyphenation_and_page_break(report: Document) -> None:
    second = _one(report, "Deze tweede alinea")
    assert "de organisatie van de zorg wordt ingevoerd" in second.text  # "organisa-" + "tie", known word
    # The paragraph runs on from page 1 to page 2; header and page number stay out of it.
    assert second.text.endswith("de cliënten een stem krijgen in de keuzes die worden gemaakt.")
    assert second.source_page == 1
    assert _one(report, "Zo ontstaat een gedeeld beeld").source_page == 2


def test_report_columns_and_list(report: Document) -> None:
    left = _one(report, "Links begint de eerste kolom")
    right = _one(report, "Rechts staat de tweede kolom")
    assert left.text == (
        "Links begint de eerste kolom met een tekst die over meerdere regels doorloopt tot "
        "het einde van de kolom aan de linkerkant."
    )
    assert "Rechts" not in left.text and "Links" not in right.text
    assert left.index < right.index
    items = [b for b in report.blocks if b.kind == BlockKind.list_item]
    assert [(b.marker, b.level, b.text.split(",")[0]) for b in items] == [
        ("•", 0, "Eerste punt van de lijst"),
        ("•", 0, "Tweede punt van de lijst"),
    ]
    assert right.index < items[0].index
    heading = _one(report, "2 Twee kolommen", (BlockKind.heading,))
    assert heading.level == 2 and _one(report, "1 Inleiding", (BlockKind.heading,)).level == 1


def test_spread_is_split_into_printed_pages(tmp_path: Path) -> None:
    doc = pdf.read(pdf_fixtures.spread(tmp_path / "spread.pdf"))
    assert doc.meta.pages == 3
    assert doc.meta.extra["printed_pages"] == "5"
    paragraphs = [b for b in doc.blocks if b.kind == BlockKind.paragraph]
    assert [(b.source_page, b.page) for b in paragraphs] == [(2, 2), (2, 3), (3, 4), (3, 5)]
    for b in paragraphs:
        assert b.text.startswith(f"Dit is de tekst van pagina {b.page} van het rapport")
        assert b.text.endswith("in dezelfde spread.")
    footers = [b for b in doc.blocks if b.text.startswith("Spreadrapport ")]
    assert [(b.kind, b.text) for b in footers] == [
        (BlockKind.furniture, f"Spreadrapport {n}") for n in range(2, 6)
    ]


def test_long_document_page_by_page(tmp_path: Path) -> None:
    doc = pdf.read(pdf_fixtures.many_pages(tmp_path / "lang.pdf", 150))
    assert doc.meta.pages == 150
    assert [b.page for b in doc.blocks if b.kind == BlockKind.heading][-1] == 150
    assert sum(b.kind == BlockKind.furniture for b in doc.blocks) == 300  # header and folio per page


# -- bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "reason"),
    [
        (pdf_fixtures.html_as_pdf, "not a PDF (looks like an HTML page)"),
        (pdf_fixtures.truncated, "corrupt or truncated PDF"),
        (pdf_fixtures.encrypted, "encrypted PDF (password required)"),
        (pdf_fixtures.scanned, "no text layer (scanned PDF?)"),
    ],
)
def test_bad_input_raises_read_error(tmp_path: Path, builder, reason: str) -> None:  # type: ignore[no-untyped-def]
    path = builder(tmp_path / "slecht.pdf")
    with pytest.raises(ReadError) as caught:
        pdf.read(path)
    assert caught.value.reason == reason
    assert caught.value.path == path
    assert str(caught.value) == f"{path}: {reason}"


def test_other_bad_input(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01binary junk" * 50)
    with pytest.raises(ReadError, match="no %PDF header"):
        pdf.read(junk)
    mangled = tmp_path / "mangled.pdf"
    mangled.write_bytes(b"%PDF-1.7\n" + b"garbage " * 200 + b"\n%%EOF\n")
    with pytest.raises(ReadError, match="corrupt or truncated PDF"):
        pdf.read(mangled)
