"""The .docx reader (and the legacy .doc route): structure, notes, metadata and safety under bad input.

Fixtures are generated at test time (tests/docx_fixtures.py); the two real Word files of the
reference corpus are read by path from ../shared and skipped when it is absent.
"""

from __future__ import annotations

import os
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx.oxml.parser
import pytest
from lxml import etree

from extractors.readers import docx as docx_reader
from extractors.readers import docx_body, docx_safety, docx_styles, legacy_doc
from extractors.readers import read as read_any
from extractors.readers.docx_numbering import format_number, to_letters, to_roman
from extractors.readers.errors import ReadError
from schemas import Block, BlockKind, Document
from tests import docx_fixtures as fx
from tests.paths import shared_file

MB = 1024 * 1024


def by_text(doc: Document, text: str, kind: BlockKind | None = None) -> Block:
    matches = [b for b in doc.blocks if b.text == text and kind in (None, b.kind)]
    assert len(matches) == 1, f"{text!r} found {len(matches)} times"
    return matches[0]


def reason(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        docx_reader.read(path)
    assert info.value.path == path
    return info.value.reason


# -- the generated document with every structure ------------------------------------------------


@pytest.fixture(scope="module")
def structured(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return docx_reader.read(fx.build_structured(tmp_path_factory.mktemp("docx") / "structured.docx"))


def test_block_order_headers_first_notes_then_footers_last(structured: Document) -> None:
    kinds = [b.kind for b in structured.blocks]
    assert structured.blocks[0].kind == BlockKind.furniture
    assert structured.blocks[0].text == "Concept – niet verspreiden"  # default and first-page header: once
    assert structured.blocks[-1].kind == BlockKind.furniture
    assert (
        structured.blocks[-1].text == "Afsprakenkader ouderenzorg, versie 1.0"
    )  # the PAGE field "3" is gone
    assert kinds.count(BlockKind.furniture) == 2
    first_note = kinds.index(BlockKind.footnote)
    assert all(k == BlockKind.footnote for k in kinds[first_note:-1])
    assert all(k not in (BlockKind.footnote, BlockKind.furniture) for k in kinds[1:first_note])


def test_headings_from_styles_based_on_chains_and_outline_levels(structured: Document) -> None:
    expected = {
        "Afsprakenkader ouderenzorg": (1, "Title"),
        "Inleiding": (1, "Heading 1"),
        "Afspraak 1: Samen leren": (2, "Afspraakkop"),  # custom style based on Heading 2
        "Subafspraak met eigen stijl": (2, "Subafspraakkop"),  # based on the custom style
        "Kop via overzichtsniveau": (3, "Normal"),  # w:outlineLvl 2 on the paragraph
        "Hoofdstuk via stijl met overzichtsniveau": (1, "Hoofdstukstijl"),  # outlineLvl 0 in a style
        "Kop met Nederlandse stijlnaam": (4, "Kop 4"),  # a style named "Kop 4", no outline level
    }
    for text, (level, style) in expected.items():
        block = by_text(structured, text, BlockKind.heading)
        assert (block.level, block.style) == (level, style)
    headings = [b.text for b in structured.blocks if b.kind == BlockKind.heading]
    assert headings == list(expected)


def test_tracked_changes_keep_insertions_and_drop_deletions(structured: Document) -> None:
    assert by_text(structured, "Het budget bedraagt 12 miljoen euro per jaar.").kind == BlockKind.paragraph
    assert "10" not in structured.text.replace("2026-01-10", "")
    # moveFrom dropped, moveTo kept: the moved sentence is there exactly once.
    assert structured.text.count("Verplaatste zin.") == 1
    # A deleted paragraph mark joins the paragraph with the next one.
    assert by_text(structured, "Eerste helft van de zin en de tweede helft.").kind == BlockKind.paragraph
    assert "geschrapt" not in structured.text  # a deleted table row


@pytest.mark.parametrize(("num_id", "ilvl", "text", "marker"), fx.NUMBERED_ITEMS)
def test_numbered_list_markers(structured: Document, num_id: int, ilvl: int, text: str, marker: str) -> None:
    block = by_text(structured, text)
    assert (block.kind, block.level, block.marker) == (BlockKind.list_item, ilvl, marker)


def test_bullets_from_style_numbering_and_numid_zero(structured: Document) -> None:
    for text in ("Eerste opsommingsteken", "Tweede opsommingsteken"):
        block = by_text(structured, text)
        assert (block.kind, block.level, block.marker, block.style) == (
            BlockKind.list_item,
            0,
            "•",
            "List Bullet",
        )
    off = by_text(structured, "Lijststijl zonder nummering")
    assert (off.kind, off.marker) == (BlockKind.paragraph, None)


def test_table_cells_with_merges_nested_table_and_note(structured: Document) -> None:
    tables = [b for b in structured.blocks if b.kind == BlockKind.table]
    assert len(tables) == 1  # the single-cell frame was unwrapped into paragraphs
    table = tables[0]
    assert table.cells == [
        ["Afspraak", "Wie", "Wanneer"],
        ["A1", "ZN en ActiZ", ""],  # gridSpan 2: the text once, in the first column
        ["A2", "VWS", "Q2 2026"],
        ["", "Fase Datum; 1 2026", "eind 2026"],  # vMerge continuation empty; nested table flattened
    ]
    assert table.text == "\n".join(" | ".join(row) for row in table.cells)
    assert [r.number for r in table.footnote_refs] == [3]
    assert table.text[: table.footnote_refs[0].offset].endswith("Q2 2026")


def test_footnotes_numbered_by_reference_order_and_linked(structured: Document) -> None:
    assert {n: b.text for n, b in structured.footnotes().items()} == {
        1: "Kamerstukken II 2024/25, 29 389, nr. 152.",  # w:id 5, referenced first
        2: "Zie de bijlage.",  # w:id 2
        3: "Planning onder voorbehoud.",  # w:id 3, referenced from the table
        4: "Een eindnoot.",  # endnotes continue after the footnotes
    }
    assert [b.style for b in structured.blocks if b.kind == BlockKind.footnote] == [
        "footnote",
        "footnote",
        "footnote",
        "endnote",
    ]
    assert "waar niets naar verwijst" not in structured.text  # an unreferenced note is left out
    para = by_text(
        structured,
        "De partijen spreken af dat zij de zorg samen organiseren. Dit geldt vanaf 1 januari 2026.",
    )
    refs = [(r.number, para.text[: r.offset]) for r in para.footnote_refs]
    assert refs == [
        (1, "De partijen spreken af dat zij de zorg samen organiseren."),
        (2, para.text),
    ]
    end = by_text(structured, "Tot slot een eindnoot.")
    assert [(r.number, r.offset) for r in end.footnote_refs] == [(4, len(end.text))]
    assert structured.meta.extra["first_endnote_number"] == "4"


def test_text_boxes_fields_hidden_text_and_content_controls(structured: Document) -> None:
    texts = [b.text for b in structured.blocks]
    box = texts.index("Kadertekst over de monitoring.")
    assert texts[box - 1] == "Zie kader:"  # the box follows its anchor paragraph
    assert structured.text.count("Kadertekst over de monitoring.") == 1  # Choice read, Fallback not
    assert "Zie paragraaf 2.1 voor details." in texts  # field result kept, instruction and hidden run not
    assert "REF" not in structured.text
    assert "VERBORGEN" not in structured.text
    assert "Lees de voortgangsbrief." in texts
    assert "De Wlz-zorg en de organisatie: klaar." in texts  # non-breaking hyphen, soft hyphen, tab
    assert "Klik of tik" not in structured.text  # placeholder prompt of an empty content control
    assert "Inhoud in een inhoudsbesturingselement." in texts
    frame = [
        by_text(structured, t).kind
        for t in ("Kader: samenvatting", "Alle partijen leveren in 2026 een plan op.")
    ]
    assert frame == [BlockKind.paragraph, BlockKind.paragraph]


def test_metadata_from_text_with_core_properties_as_fallback(structured: Document) -> None:
    meta = structured.meta
    assert meta.title == "Afsprakenkader ouderenzorg"  # the Title paragraph beats the core title
    assert meta.extra["core_title"] == "Kernprops titel"
    assert meta.extra["subject"] == "Ouderenzorg"
    assert meta.extra["keywords"] == "HLO; afspraken"
    assert meta.date == date(2026, 2, 12)  # no date in the text: core created
    assert meta.format == "docx"
    assert meta.pages == 1  # python-docx's template app.xml says 1
    assert (meta.kind, meta.dossier, meta.volgnummer) == (None, None, None)
    assert meta.source_file == "structured.docx"


def test_generated_kamerstuk_layout_table_gives_its_header(tmp_path: Path) -> None:
    doc = docx_reader.read(fx.build_kamerstuk(tmp_path / "motie.docx"))
    meta = doc.meta
    assert (meta.dossier, meta.volgnummer, meta.kind) == ("36600-XVI", "74", "motie")
    assert meta.title == "Gewijzigde motie van de leden Van der Plas en Tielen c.s."
    assert meta.date == date(2026, 2, 12)
    assert meta.extra["vergaderjaar"] == "2025-2026"
    assert meta.extra["dossier_title"].startswith("Vaststelling van de begrotingsstaten")
    assert not [b for b in doc.blocks if b.kind == BlockKind.table]
    texts = [b.text for b in doc.blocks]
    assert "36 600 XVI Vaststelling van de begrotingsstaten van het Ministerie van Volksgezondheid" in texts
    ask = by_text(doc, "verzoekt de regering de afspraken uit het HLO vóór 1 juli 2026 uit te voeren,")
    assert [(r.number, r.offset) for r in ask.footnote_refs] == [(1, len(ask.text))]
    assert doc.footnotes()[1].text == "Kamerstuk 29 389, nr. 152."


def test_footnote_num_start_and_custom_marks(tmp_path: Path) -> None:
    body = fx.para(
        fx.run("Eerste")
        + fx.fnref(1)
        + fx.run(" en tweede")
        + '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r>'
        + fx.run(" verwijzing.")
    )
    doc = docx_reader.read(
        fx.build_simple(
            tmp_path / "start.docx", body, footnotes={1: "Een.", 2: "Twee."}, sect_footnote_start=5
        )
    )
    block = by_text(doc, "Eerste en tweede verwijzing.")  # the custom mark "*" is not text
    assert [(r.number, block.text[: r.offset]) for r in block.footnote_refs] == [
        (5, "Eerste"),
        (6, "Eerste en tweede"),
    ]
    assert {n: b.text for n, b in doc.footnotes().items()} == {5: "Een.", 6: "Twee."}


def test_long_document_reads_completely(tmp_path: Path) -> None:
    doc = docx_reader.read(fx.build_long(tmp_path / "long.docx", sections=30))
    kinds = [b.kind for b in doc.blocks]
    assert kinds.count(BlockKind.heading) == 30
    assert kinds.count(BlockKind.table) == 30
    items = [b for b in doc.blocks if b.kind == BlockKind.list_item]
    # "List Number" paragraphs share one numbering instance: one sequence over the whole document.
    assert [b.marker for b in items] == [f"{i}." for i in range(1, 91)]


def test_number_formats() -> None:
    assert [to_letters(n) for n in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == [
        "i",
        "iv",
        "ix",
        "xiv",
        "xl",
        "xc",
        "cd",
        "mcmxciv",
    ]
    assert format_number(3, "decimalZero") == "03"
    assert format_number(3, "upperRoman") == "III"
    assert format_number(3, "none") == ""


def test_normalise_keeps_ref_offsets_through_whitespace() -> None:
    key = ("footnote", "1")
    text, refs = docx_body.normalise(
        "  toekomen.\u00ad \t\u00a0volgende  ", [(11, key), (23, key)], keep_newlines=True
    )
    assert text == "toekomen. volgende"
    assert refs == [(9, key), (18, key)]


# -- the reference corpus -------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_motie_yields_its_kamerstuk_header() -> None:
    path = shared_file("corpus/docx/motie-36278-32.docx")
    doc = read_any(path)  # through the dispatcher: sha256 and source file are filled in
    meta = doc.meta
    assert (meta.dossier, meta.volgnummer, meta.kind) == ("36278", "32", "motie")
    assert meta.title == "Motie van het lid Rikkers-Oosterkamp"
    assert meta.date == date(2025, 4, 24)  # "Voorgesteld 24 april 2025", not the core created date
    assert meta.pages == 1
    assert meta.extra["vergaderjaar"] == "2024-2025"
    assert meta.extra["dossier_title"].startswith(
        "Wijziging van de Wet kwaliteit, klachten en geschillen zorg"
    )
    assert meta.source_file == "motie-36278-32.docx"
    assert len(meta.sha256) == 64
    texts = [b.text for b in doc.content_blocks()]
    assert texts[:5] == [
        "TWEEDE KAMER DER STATEN-GENERAAL 2",
        "Vergaderjaar 2024-2025",
        texts[2],
        "Nr. 32 MOTIE VAN HET LID RIKKERS-OOSTERKAMP",
        "Voorgesteld 24 april 2025",
    ]
    assert texts[2].startswith("36 278 Wijziging van de Wet kwaliteit")
    assert any(
        t.startswith("verzoekt de regering om door het Zorginstituut het aantal uitgevraagde") for t in texts
    )
    assert texts[-2:] == ["en gaat over tot de orde van de dag.", "Rikkers-Oosterkamp"]
    assert all(b.kind == BlockKind.paragraph for b in doc.blocks)  # the layout table is unwrapped


@pytest.mark.corpus
def test_real_azwa_werkagenda_tables_lists_and_notes() -> None:
    doc = docx_reader.read(shared_file("corpus/docx/azwa-werkagenda-d5-format-2026.docx"))
    assert doc.meta.title == "Format voor de werkagenda"  # not the template's core title
    assert doc.meta.extra["core_title"] == "Titel max 4 regels"
    assert doc.meta.pages == 23
    tables = [b for b in doc.blocks if b.kind == BlockKind.table]
    assert len(tables) == 29
    rpi = tables[0]
    assert rpi.cells[0] == ["Onderdelen RPI", "Uitwerking"]
    assert rpi.cells[2] == [
        "Regionale gezondheidsdoelen: Omschrijf welke gezamenlijke gezondheidsdoelen in de regio zijn vastgesteld.",
        "",
    ]
    gap = tables[1]
    assert gap.cells[0] == ["IST / SOLL / GAP", "Onderdelen", "Uitwerking"]
    # Vertically merged cells: the label once, the continued cells empty.
    assert [row[0] for row in gap.cells] == [
        "IST / SOLL / GAP",
        "IST",
        "",
        "SOLL",
        "",
        "GAP (projectplan)",
        "",
        "",
    ]
    assert gap.cells[5][1] == "Projectdoelstellingen: Omschrijf de SMART-afspraken die zijn gemaakt."
    assert (
        tables[2].cells
        == [["Kwartaal", "Activiteiten", "Verantwoordelijke", "Deelresultaat"]] + [[""] * 4] * 3
    )
    heading = by_text(doc, "1. Regionale preventie-infrastructuur", BlockKind.heading)
    assert (heading.level, heading.marker) == (3, "1.")
    assert (
        by_text(doc, "Regionale preventie-infrastructuur", BlockKind.list_item).marker == "1."
    )  # the contents list
    assert by_text(doc, "Regionale gezondheidsdoelen;").marker == "1."
    assert by_text(doc, "Basisfunctionaliteit: Laagdrempelige steunpunten").marker == "a."
    # Text boxes come in a Choice and a Fallback: read once per leefgebied (5), not twice.
    assert doc.text.count("Financierders:") == 5
    notes = doc.footnotes()
    assert sorted(notes) == [1, 2, 3]
    assert notes[2].text.startswith("Het financiële plan is optioneel voor deze inhoudelijke werkagenda.")
    plan = by_text(doc, "Financieel plan;")
    assert [(r.number, plan.text[: r.offset]) for r in plan.footnote_refs] == [(2, "Financieel plan")]
    assert not [b for b in doc.blocks if b.kind == BlockKind.furniture]  # only a page number in the footer


def test_strict_open_xml_namespaces(tmp_path: Path) -> None:
    source = fx.build_simple(
        tmp_path / "bron.docx", fx.para(fx.run("Strikte tekst.") + fx.fnref(1)), footnotes={1: "Noot."}
    )
    strict = {}
    with zipfile.ZipFile(source) as zf:
        for name in ("word/document.xml", "word/footnotes.xml", "word/_rels/document.xml.rels"):
            strict[name] = (
                zf.read(name)
                .replace(
                    b"schemas.openxmlformats.org/wordprocessingml/2006/main",
                    b"purl.oclc.org/ooxml/wordprocessingml/main",
                )
                .replace(
                    b"schemas.openxmlformats.org/officeDocument/2006/relationships",
                    b"purl.oclc.org/ooxml/officeDocument/relationships",
                )
            )
    doc = docx_reader.read(fx.rewrite(tmp_path / "strikt.docx", source.read_bytes(), strict))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.paragraph, "Strikte tekst."),
        (BlockKind.footnote, "Noot."),
    ]
    assert doc.blocks[0].footnote_refs[0].number == 1


# -- bad input (issue 7) ---------------------------------------------------------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "nep.docx"
    path.write_bytes(b"<html><body>404 Not Found</body></html>")
    assert reason(path) == "not a valid .docx (not a zip archive)"


def test_zip_without_main_document(tmp_path: Path) -> None:
    path = tmp_path / "leeg.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    assert reason(path) == "not a valid .docx (no word/document.xml)"


def test_truncated_download(tmp_path: Path) -> None:
    path = tmp_path / "half.docx"
    data = fx.docx_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert reason(path) == "corrupt .docx (truncated or damaged zip archive)"


def test_encrypted_or_legacy_ole_file(tmp_path: Path) -> None:
    path = tmp_path / "beveiligd.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert reason(path).startswith("not a valid .docx (an OLE compound file")


def test_encrypted_zip_member(tmp_path: Path) -> None:
    assert (
        reason(fx.encrypted_member(tmp_path / "slot.docx"))
        == "unsupported: encrypted zip member word/document.xml"
    )


def test_zip_bomb_refused_from_declared_size(tmp_path: Path) -> None:
    path = fx.declared_bomb(tmp_path / "bom.docx", declared=5 * 1024**3)
    assert path.stat().st_size < 100_000
    assert reason(path) == "refused: part word/document.xml inflates to 5.0 GB (limit 200 MB)"


def test_zip_bomb_refused_from_compression_ratio(tmp_path: Path) -> None:
    path = fx.ratio_bomb(tmp_path / "ratio.docx", inflated=10 * MB)
    assert path.stat().st_size < 100_000
    assert reason(path).startswith("refused: part word/document.xml inflates ")
    assert "(compression ratio limit 250x)" in reason(path)


def test_total_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "totaal.docx"
    path.write_bytes(fx.docx_bytes())
    monkeypatch.setattr(docx_safety, "DEFAULT_LIMITS", docx_safety.Limits(max_total_bytes=500 * 1024))
    assert reason(path).startswith("refused: package inflates to ")


def test_lying_header_cannot_inflate_past_its_claim(tmp_path: Path) -> None:
    path = fx.lying_header(tmp_path / "liegt.docx", actual=2 * MB, declared=1000)
    assert reason(path).startswith("corrupt .docx (damaged zip member word/document.xml")


def test_streaming_cap_stops_inflation(tmp_path: Path) -> None:
    path = fx.ratio_bomb(tmp_path / "stroom.docx", inflated=3 * MB)
    # The declared-size check is bypassed on purpose: the stream cap must hold on its own.
    package = docx_safety.Package(path, zipfile.ZipFile(path), docx_safety.Limits(max_part_bytes=MB))
    with package, pytest.raises(ReadError) as info:
        package.read_bytes("word/document.xml")
    assert info.value.reason.startswith("refused: part word/document.xml inflates past 1 MB")


def test_billion_laughs_refused(tmp_path: Path) -> None:
    path = fx.rewrite(tmp_path / "lach.docx", fx.docx_bytes(), {"word/document.xml": fx.BILLION_LAUGHS})
    assert (
        reason(path)
        == "refused: word/document.xml contains a DTD (entity declarations are not allowed in .docx)"
    )


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "docProps/core.xml"])
def test_external_entities_refused_in_any_part(tmp_path: Path, part: str) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-123")
    path = fx.rewrite(tmp_path / "xxe.docx", fx.docx_bytes(), {part: fx.xxe(secret.as_uri())})
    assert reason(path) == f"refused: {part} contains a DTD (entity declarations are not allowed in .docx)"


def _parsed_or_empty(data: bytes, parser: etree.XMLParser) -> bytes:
    """The serialised tree, or b"" when libxml2 aborts the parse (its entity amplification guard)."""
    try:
        return etree.tostring(etree.fromstring(data, parser))
    except etree.XMLSyntaxError:
        return b""


def test_hardened_parser_never_expands_or_fetches(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-123")
    root = etree.fromstring(fx.xxe(secret.as_uri()), docx_safety.XML_PARSER)
    assert b"GEHEIM-123" not in etree.tostring(root)
    # An http entity is neither fetched nor waited for (port 9 would hang or refuse if tried).
    root = etree.fromstring(fx.xxe("http://127.0.0.1:9/x"), docx_safety.XML_PARSER)
    assert b"&ext;" in etree.tostring(root)
    assert len(_parsed_or_empty(fx.BILLION_LAUGHS, docx_safety.XML_PARSER)) < 2000


def test_python_docx_parser_does_not_expand_entities(tmp_path: Path) -> None:
    # python-docx (used for fixtures and by others) parses with resolve_entities=False: check it holds.
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-123")
    root = docx.oxml.parser.parse_xml(fx.xxe(secret.as_uri()))
    assert b"GEHEIM-123" not in etree.tostring(root)
    assert len(_parsed_or_empty(fx.BILLION_LAUGHS, docx.oxml.parser.oxml_parser)) < 2000


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_malformed_xml(tmp_path: Path, part: str) -> None:
    path = fx.rewrite(tmp_path / "kapot.docx", fx.docx_bytes(), {part: b"<w:document><w:body><w:p>"})
    assert reason(path) == f"corrupt .docx (malformed XML in {part})"


def test_unexpected_errors_become_one_line_read_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gewoon.docx"
    path.write_bytes(fx.docx_bytes())

    def boom(self: docx_body.Walker, container: etree._Element) -> list[docx_body.Item]:
        raise ValueError("onverwachte\nfout")

    monkeypatch.setattr(docx_body.Walker, "walk", boom)
    assert reason(path) == "could not read .docx: onverwachte fout"


def test_missing_app_properties_leave_pages_unknown(tmp_path: Path) -> None:
    path = fx.rewrite(tmp_path / "zonder-app.docx", fx.docx_bytes(), {"docProps/app.xml": None})
    doc = docx_reader.read(path)
    assert doc.meta.pages is None
    assert [b.text for b in doc.blocks] == ["Een gewone alinea."]


# -- legacy .doc ------------------------------------------------------------------------------------


def test_doc_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "oud.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    monkeypatch.setattr(legacy_doc.shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as info:
        read_any(path)
    assert info.value.reason == "unsupported: .doc, convert to .docx"


def _fake_soffice(folder: Path, body: str) -> None:
    """A stand-in for LibreOffice: a script named soffice that logs its arguments and acts per `body`."""
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(
        f"#!{sys.executable}\nimport os, shutil, sys\n"
        "open(os.environ['FAKE_SOFFICE_LOG'], 'w').write('\\n'.join(sys.argv[1:]))\n"
        "args = sys.argv[1:]\nout = args[args.index('--outdir') + 1]\n"
        "stem = os.path.splitext(os.path.basename(args[-1]))[0]\n" + body
    )
    script.chmod(0o755)


def test_doc_converted_by_libreoffice_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted = fx.build_kamerstuk(tmp_path / "bron.docx")
    _fake_soffice(
        tmp_path / "bin", "shutil.copy(os.environ['FAKE_SOFFICE_DOCX'], os.path.join(out, stem + '.docx'))\n"
    )
    log = tmp_path / "args.txt"
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_DOCX", str(converted))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    path = tmp_path / "oude motie é.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    doc = read_any(path)
    assert doc.meta.extra["converted_from"] == "doc"
    assert (doc.meta.format, doc.meta.source_file) == ("docx", "oude motie é.doc")
    assert (doc.meta.dossier, doc.meta.volgnummer) == ("36600-XVI", "74")
    args = log.read_text().split("\n")
    assert args[0].startswith("-env:UserInstallation=file:///")  # a private profile, never the user's
    assert {"--headless", "--convert-to", "docx"} <= set(args)
    assert args[-1] == str(path.resolve())


def test_doc_conversion_failure_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(
        tmp_path / "bin", "sys.stderr.write('Error: source file could not be loaded\\n')\nsys.exit(1)\n"
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(tmp_path / "args.txt"))
    path = tmp_path / "kapot.doc"
    path.write_bytes(b"rommel")
    with pytest.raises(ReadError) as info:
        legacy_doc.read(path)
    assert (
        info.value.reason
        == "could not convert .doc: LibreOffice produced no .docx (Error: source file could not be loaded)"
    )


@pytest.mark.slow
def test_doc_round_trip_through_real_libreoffice(tmp_path: Path) -> None:
    exe = legacy_doc.find_soffice()
    if exe is None:
        pytest.skip(
            "LibreOffice (soffice/libreoffice) is not installed; the conversion branch is untested here"
        )
    import subprocess

    source = fx.build_kamerstuk(tmp_path / "motie.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=legacy_doc.CONVERT_TIMEOUT_S,
    )
    doc = legacy_doc.read(tmp_path / "motie.doc")
    assert doc.meta.extra["converted_from"] == "doc"
    assert "verzoekt de regering de afspraken uit het HLO" in doc.text


def test_first_child_answers_as_lxml_find() -> None:
    w = docx_styles.W
    root = etree.fromstring(
        f'<w:p xmlns:w="{docx_styles.W_NS}"><w:pPr><w:rPr/><w:pStyle w:val="a"/><w:pStyle w:val="b"/>'
        "<!-- c --><w:numPr><w:ilvl w:val='1'/></w:numPr></w:pPr><w:r/><w:pPr/></w:p>"
    )
    for el in root.iter():
        by_tag = docx_body._first_children(el)
        for name in ("pPr", "rPr", "pStyle", "numPr", "ilvl", "r", "absent"):
            assert docx_styles.first_child(el, f"{w}{name}") is el.find(f"{w}{name}")
            assert by_tag.get(f"{w}{name}") is el.find(f"{w}{name}")
