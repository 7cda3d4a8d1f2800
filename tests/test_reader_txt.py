"""The .txt reader on the three kinds of real text and on the project's own small fixtures."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from extractors.readers import ReadError, read, text_blocks, txt_docx_export, txt_pdf_export
from extractors.readers.txt import decode, detect_kind
from schemas import BlockKind, Document
from tests.paths import shared_file


def _read(relative: str) -> Document:
    return read(shared_file(relative))


def _body(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]


def _refs(doc: Document) -> list[int]:
    return [r.number for b in doc.blocks for r in b.footnote_refs]


# --- tkconv pages ---------------------------------------------------------------------------------


def test_tkconv_header_of_the_bijlage() -> None:
    doc = _read("corpus/text/2026D02743-bijlage-stand-van-zaken-per-cluster.txt")
    assert doc.meta.text_kind == "tkconv"
    assert doc.meta.nummer == "2026D02743"
    assert doc.meta.date == date(2026, 1, 22)
    assert doc.meta.version == 1
    assert doc.meta.parent_nummer == "2026D02742"
    assert doc.meta.kind == "bijlage"
    assert doc.meta.title == "Stand van zaken per cluster"


def test_tkconv_letter_metadata_and_footnotes_linked() -> None:
    doc = _read("corpus/text/2026D02742-voortgangsbrief-hlo.txt")
    assert (doc.meta.nummer, doc.meta.dossier, doc.meta.volgnummer, doc.meta.zaak) == (
        "2026D02742",
        "29389",
        "162",
        "2026Z01159",
    )
    assert doc.meta.kind == "brief"
    footnotes = doc.footnotes()
    assert sorted(footnotes) == list(range(1, 14))
    assert footnotes[12].text == "Kamerstukken 36 600 XVI, nr. 61."
    # every footnote is referenced exactly once, in order, from the running text
    assert _refs(doc) == list(range(1, 14))


@pytest.mark.parametrize(
    ("number", "before", "after"),
    [
        (1, "doen toekomen.", " Het akkoord"),
        (5, "de brief van 3 juni 2025", " is toegelicht"),
        (12, "de leden Thiadens en Eerdmans", " verzoekt"),
        (8, "duurzaamheid (ESG44", "-breed)"),
    ],
)
def test_tkconv_marks_are_unglued_at_the_right_place(number: int, before: str, after: str) -> None:
    doc = _read("corpus/text/2026D02742-voortgangsbrief-hlo.txt")
    block, ref = next((b, r) for b in doc.blocks for r in b.footnote_refs if r.number == number)
    assert block.text[: ref.offset].endswith(before)
    assert block.text[ref.offset :].startswith(after)


def test_tkconv_bullets_headings_and_navigation() -> None:
    doc = _read("corpus/text/2026D02743-bijlage-stand-van-zaken-per-cluster.txt")
    headings = [b.text for b in doc.blocks if b.kind == BlockKind.heading and b.level == 2]
    clusters = [h for h in headings if h.startswith("Cluster ")]
    assert len(clusters) == 16
    assert "Medisch generalistische zorg" in headings
    items = [b for b in doc.blocks if b.kind == BlockKind.list_item]
    assert all(b.marker in ("•", "1.") for b in items)
    assert any(b.text.startswith("Juni 2026: Publicatie inkoopbeleid") for b in items)
    assert all(b.kind == BlockKind.furniture for b in doc.blocks if b.text.startswith("[overzicht]"))
    assert "2040’ is eind 2025 afgesloten" in doc.footnotes()[1].text


# --- docx-exported text ---------------------------------------------------------------------------


def test_docx_export_footnotes_and_bookmarks() -> None:
    doc = _read("corpus/text/hlo-2025-onderhandelaarsakkoord.docx-export.txt")
    assert doc.meta.text_kind == "docx-export"
    footnotes = doc.footnotes()
    assert len(footnotes) >= 45
    assert footnotes[14].text == "Motie Krul, Kamerstukken II, 2024-2025 29389-nr. 138."
    assert footnotes[46].text.startswith("Uitkomsten van het houdbaarheidsonderzoek Wmo")
    assert all("[footnoteRef" not in b.text and "[bookmark:" not in b.text for b in doc.blocks)
    assert sorted(_refs(doc)) == sorted(footnotes)


def test_docx_export_box_titles_and_parts() -> None:
    doc = _read("corpus/text/hlo-2025-onderhandelaarsakkoord.docx-export.txt")
    box_titles = [b.text for b in doc.blocks if b.kind == BlockKind.heading and re.match(r"\d+:", b.text)]
    assert box_titles[:3] == [
        "1: Toekomst ondersteuning en zorg voor ouderen",
        "2: Veranderstrategie",
        "3: Behoud kwaliteit van bestaan",
    ]
    # a paragraph broken by soft line breaks is one block
    assert any(
        t.startswith(
            "De rode draden werken we verder uit en we ontwikkelen een gezamenlijke strategie inclusief"
        )
        for t in _body(doc)
    )
    q1 = next(b for b in doc.blocks if b.text.startswith("Q1 2026: bestuurlijke afspraken"))
    assert q1.kind == BlockKind.list_item and [r.number for r in q1.footnote_refs] == [23]
    assert q1.text[q1.footnote_refs[0].offset] == ":"


# --- PDF-exported text ----------------------------------------------------------------------------


def test_pdf_export_running_footer_never_inside_a_paragraph() -> None:
    doc = _read("corpus/text/wozo-voortgang-bijlage-actielijnen.pdf-export.txt")
    assert doc.meta.text_kind == "pdf-export"
    assert not any("Stand van zaken actielijnen |" in t for t in _body(doc))
    footer = [b for b in doc.blocks if "Stand van zaken actielijnen | 13" in b.text]
    assert [b.kind for b in footer] == [BlockKind.furniture]
    # the paragraph the footer interrupted continues across it
    assert any("naar breed ondersteunen van zorgaanbieders in de transitie" in t for t in _body(doc))


def test_pdf_export_actielijnen_dehyphenation_and_footnotes() -> None:
    doc = _read("corpus/text/wozo-voortgang-bijlage-actielijnen.pdf-export.txt")
    headings = [b.text for b in doc.blocks if b.kind == BlockKind.heading and b.text.startswith("Actielijn")]
    assert [h.split(":")[0] for h in headings] == [f"Actielijn {n}" for n in range(1, 6)]
    body = " ".join(_body(doc))
    assert "sociaal netwerk onderhouden en versterken" in body  # "onder-" / "houden"
    assert "benadrukt" in body and "bena- drukt" not in body
    assert doc.footnotes()[1].text.startswith("De Senioren Coalitie is een samenwerkingsverband")
    assert "Senioren Coalitie georganiseerde" in body  # mark 1 removed from "Coalitie1"


def test_pdf_export_agreement_titles_joined_and_footers_dropped() -> None:
    doc = _read("corpus/text/azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt")
    headings = [b.text for b in doc.blocks if b.kind == BlockKind.heading]
    assert (
        "[A1] We ontlasten medewerkers door doorbraakprojecten die regeldruk verminderen op te schalen"
        in headings
    )
    assert not any("Onderhandelaarsakkoord – 3 juli 2025" in t for t in _body(doc))
    a1_list = next(t for t in _body(doc) if t.startswith("V&VN is de leidende partij van het project"))
    assert "wordt gezocht en het IZA" in a1_list and "gezocht14" not in a1_list
    assert not any(re.search(r"[a-z]{4,}1[0-9]\b", t) and "gezocht1" in t for t in _body(doc))


# --- self-made fixtures ---------------------------------------------------------------------------


LETTER = """Geachte voorzitter,

Met deze brief informeer ik u over de voortgang van het Zorgakkoord Wijkzorg.1 Het akkoord is
gesloten door VWS, ZN en de VNG.

Planning

De verwachting is dat het afwegingskader in april 2026 gereed is.

Hoogachtend,

de minister van Volksgezondheid, Welzijn en Sport,

Anna de Vries
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = "Cliënten en zorgprofessionals: de coördinatie wordt geëvalueerd in het voorjaar van 2026.\n"
    path = tmp_path / "brief.txt"
    path.write_bytes(text.encode(encoding))
    doc = read(path)
    assert "Cliënten en zorgprofessionals: de coördinatie wordt geëvalueerd" in doc.text


def test_binary_junk_and_empty_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError, match="binary data, not text"):
        read(junk)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="empty file"):
        read(empty)


def test_plain_letter_paragraphs_headings_and_signature(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    doc = read(path)
    assert doc.meta.kind == "brief"
    kinds = [(b.kind, b.text[:20]) for b in doc.blocks]
    assert (BlockKind.heading, "Planning") in kinds
    assert (BlockKind.paragraph, "Anna de Vries") in kinds  # a signature is not a heading
    assert any(
        b.text.startswith("Met deze brief informeer ik u") and "Het akkoord is gesloten" in b.text
        for b in doc.blocks
    )


def test_detect_kind_on_fixtures() -> None:
    assert (
        detect_kind("Nummer: 2099D00001, datum: 2099-02-10, bijgewerkt: 2099-02-11 09:00, versie: 1\n")
        == "tkconv"
    )
    assert detect_kind("Tekst[footnoteRef:2] verder. [2:  Voetnoot.]\n") == "docx-export"
    wrapped = "\n".join(
        [
            "De tekst van deze brief is door de conversie naar PDF op vaste plaatsen afgebro-",
            "ken, zodat iedere regel ongeveer even lang is en alinea's over regels doorlopen.",
        ]
        * 20
    )
    assert detect_kind(wrapped) == "pdf-export"


def test_spans_point_into_the_document_text() -> None:
    doc = _read("corpus/text/2026D02742-voortgangsbrief-hlo.txt")
    for block in doc.blocks:
        assert doc.text[block.char_start : block.char_end] == block.text


_MARKER_LINES = [
    "• punt",
    "  · punt",
    "- streep",
    "o optie",
    "o. geen bullet",
    "oever",
    "1. een",
    "12) twaalf",
    "(a) letter",
    "iv. romeins",
    "3.1 kop",
    "-",
    "- ",
    "•  ",
    "a.b",
    "\t* ster",
    "x) ",
    "",
]


@pytest.mark.parametrize("line", _MARKER_LINES)
def test_list_marker_answers_as_bullet_then_number_marker(line: str) -> None:
    assert text_blocks.list_marker(line) == (
        text_blocks.bullet_marker(line) or text_blocks.number_marker(line)
    )


def test_footnote_lines_found_in_one_scan_are_the_lines_that_match_one_by_one() -> None:
    lines = [
        "1 voetnoot tekst",
        " 2 na een spatie",
        "\f3 na een form feed",
        "  4 twee spaties",
        "5 ab",
        "",
        "678 x y",
    ]
    lines += ["9  dubbel", "10 tekst\u2028meer", "abc 11 midden", " ", "12 slot"]
    text = "\n".join(lines)
    text = "\n" + text
    one_scan = {text.count("\n", 0, m.start()) for m in txt_pdf_export._FOOTNOTE_LINE_NL.finditer(text)}
    assert one_scan == {i for i, line in enumerate(lines) if txt_pdf_export._FOOTNOTE_LINE.match(line)}


@pytest.mark.parametrize("number", [1, 5, 12, 20])
def test_glued_mark_in_joined_lines_answers_as_line_by_line(number: int) -> None:
    window = [
        "toekomen.1",
        "5 juni 20255",
        "Q1 2026",
        "12",
        "Eerdmans12",
        "3.1 kop",
        "AB",
        "1 begin",
        "x" * 9,
    ]
    window += ["2020", "tot 20 regio's", "ABC20", "doel,5"]
    for lo in range(len(window)):
        part = window[lo:]
        joined = text_blocks.has_glued_mark("\n".join(part), number)
        assert joined == any(text_blocks.has_glued_mark(line, number) for line in part)


def test_control_characters_are_counted_in_utf8_and_utf16_alike(tmp_path: Path) -> None:
    text = "tekst\x01\x02\x03 met stuurtekens " * 2
    for encoding, data in (("utf-8", text.encode()), ("utf-16", text.encode("utf-16"))):
        with pytest.raises(ReadError, match="binary data, not text"):
            decode(tmp_path / f"x-{encoding}.txt", data)
    # A few are tolerated (at most 1% of the text).
    assert (
        decode(tmp_path / "ok.txt", "één regel\x01\r\n".encode() * 3 + b"x" * 300)
        == "één regel\x01\n" * 3 + "x" * 300
    )


def test_furniture_judged_on_candidates_only_is_the_furniture_of_every_line() -> None:
    from collections import Counter

    lines = ["12", " Pagina 3 van 9", "- 4 -", "https://x.nl/a", "www.x.nl", "> Retouradres Postbus 1"]
    lines += ["Bijlage: Stand van zaken | 13", "Kop | 1", "Kop | 2", "Kop | 3", "tekst 2025", "hallo", ""]
    lines += [
        "Voettekst 1",
        "Voettekst 2",
        "Voettekst 3",
        "1 voetnoot één",
        "2 voetnoot twee",
        "3 voetnoot 3",
    ]
    lines += ["• punt 1", "• punt 2", "• punt 3", "x" * 95 + "1", "²", "wat 7", "-"]
    lines = [ln.rstrip() for ln in lines]
    stripped = [ln.lstrip() for ln in lines]
    joined = "\n".join(stripped)
    keys = txt_pdf_export._DIGITS.sub("#", joined).split("\n")
    counts = Counter(keys)
    every = {
        i for i in range(len(lines)) if txt_pdf_export._is_furniture(lines[i], stripped[i], keys[i], counts)
    }
    assert txt_pdf_export._furniture_lines(lines, stripped) == every
    assert {0, 1, 2, 3, 4, 5, 6, 7, 13} <= every


def _cut_char_by_char(text: str) -> tuple[str, dict[int, str]]:
    """txt_docx_export._cut_footnote_bodies as first written: brackets counted one character at a time."""
    bodies: dict[int, str] = {}
    out: list[str] = []
    pos = 0
    for m in txt_docx_export._FOOTNOTE_START.finditer(text):
        if m.start() < pos:
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
        if depth:
            continue
        out.append(text[pos : m.start()].rstrip(" "))
        bodies[int(m.group(1))] = text_blocks.clean_spaces(text[m.end() : i - 1].replace("\n", " "))
        pos = i
    out.append(text[pos:])
    return "".join(out), bodies


@pytest.mark.parametrize(
    "text",
    [
        "Tekst[footnoteRef:1] verder. [1:  Voetnoot [met haken] en [2: geneste].]\nslot",
        "a [3: open zonder sluiten",
        "[4: ]] [5: x] [6:\ny]",
        "geen voetnoten",
    ],
)
def test_footnote_bodies_cut_bracket_to_bracket_as_char_by_char(text: str) -> None:
    assert txt_docx_export._cut_footnote_bodies(text) == _cut_char_by_char(text)
