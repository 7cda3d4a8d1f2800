"""Build .docx test files at test time: python-docx for what it can do, raw WordprocessingML for the rest.

python-docx has no API for footnotes, endnotes, custom numbering, tracked changes, text boxes or
fields, so those are written as XML into the document python-docx builds (new parts through its
OPC layer, so relationships and content types stay right). Package-level damage (not a zip, bombs,
DTDs, malformed XML) is made by rewriting zip members of a valid file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
GB = 1024**3


# -- raw XML snippets --------------------------------------------------------------------------


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def ins(inner: str) -> str:
    return f'<w:ins w:id="901" w:author="VWS" w:date="2026-01-10T10:00:00Z">{inner}</w:ins>'


def dele(text: str) -> str:
    return (
        f'<w:del w:id="902" w:author="VWS" w:date="2026-01-10T10:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{esc(text)}</w:delText></w:r></w:del>'
    )


def fnref(note_id: int, kind: str = "footnote") -> str:
    tag = "footnoteReference" if kind == "footnote" else "endnoteReference"
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{tag} w:id="{note_id}"/></w:r>'


def para(content: str, style: str | None = None, ppr: str = "") -> str:
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"


def numbered(text: str, num_id: int, ilvl: int) -> str:
    return para(run(text), ppr=f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def field(instr: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def textbox(text: str) -> str:
    """A text box as Word writes it: a DrawingML choice and a VML fallback holding the same text."""
    content = f"<w:txbxContent>{para(run(text))}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:inline><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>"
        "</mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def notes_xml(kind: str, notes: dict[int, str]) -> bytes:
    """footnotes.xml / endnotes.xml with Word's separator notes and the given notes."""
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    body = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>',
    ]
    for note_id, text in notes.items():
        body.append(
            f'<w:{kind} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{ref}/></w:r>'
            f"{run(' ' + text)}</w:p></w:{kind}>"
        )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}>{"".join(body)}</w:{kind}s>'.encode()


# -- building blocks on a python-docx Document ------------------------------------------------


def append_body(document: DocxDocument, xml: str) -> None:
    """Append raw body content (paragraphs, tables) before the final section properties."""
    holder = parse_xml(f"<w:body {NS}>{xml}</w:body>")
    body = document.element.body
    sect = body.sectPr
    for child in list(holder):
        if sect is not None:
            sect.addprevious(child)
        else:
            body.append(child)


def add_part(document: DocxDocument, name: str, content_type: str, rel_type: str, blob: bytes) -> None:
    part = Part(PackURI(name), content_type, blob, document.part.package)
    document.part.relate_to(part, rel_type)


def add_notes(document: DocxDocument, footnotes: dict[int, str], endnotes: dict[int, str]) -> None:
    if footnotes:
        add_part(
            document, "/word/footnotes.xml", CT.WML_FOOTNOTES, RT.FOOTNOTES, notes_xml("footnote", footnotes)
        )
    if endnotes:
        add_part(document, "/word/endnotes.xml", CT.WML_ENDNOTES, RT.ENDNOTES, notes_xml("endnote", endnotes))


def add_numbering(document: DocxDocument, abstracts: list[str], nums: list[str]) -> None:
    """Add abstractNum and num definitions to the template's numbering part (abstracts before nums)."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    for xml in abstracts:
        el = parse_xml(xml.replace("<w:abstractNum ", f"<w:abstractNum {NS} ", 1))
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)
    for xml in nums:
        numbering.append(parse_xml(xml.replace("<w:num ", f"<w:num {NS} ", 1)))


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{esc(text)}"/></w:lvl>'
    )


def save(document: DocxDocument, path: Path) -> Path:
    document.save(str(path))
    return path


# -- the documents -------------------------------------------------------------------------------

# Levels of the main test list: every number format the reader resolves, and a multi-level text.
_MAIN_LEVELS = "".join(
    [
        level(0, "decimal", "%1."),
        level(1, "lowerLetter", "%2)"),
        level(2, "lowerRoman", "%3."),
        level(3, "upperLetter", "%4."),
        level(4, "upperRoman", "%5."),
        level(5, "bullet", "\uf0b7", extra='<w:lvlJc w:val="left"/>'),
        level(6, "decimal", "%1.%7"),
        level(7, "bullet", "–"),
    ]
)

NUMBERED_ITEMS: list[tuple[int, int, str, str]] = [
    # (numId, ilvl, text, expected marker)
    (90, 0, "Eerste afspraak", "1."),
    (90, 1, "onderdeel een", "a)"),
    (90, 1, "onderdeel twee", "b)"),
    (90, 2, "detail een", "i."),
    (90, 2, "detail twee", "ii."),
    (90, 0, "Tweede afspraak", "2."),
    (90, 1, "onderdeel opnieuw", "a)"),  # deeper levels restart after a shallower one
    (90, 3, "hoofdletter", "A."),
    (90, 4, "romeins groot", "I."),
    (90, 5, "symboolbullet", "•"),  # a Symbol-font private-use glyph prints as a bullet
    (90, 6, "meerledig", "2.1"),
    (90, 7, "streepje", "-"),
    (91, 0, "Derde afspraak via tweede instantie", "3."),  # same abstractNum: the counter continues
    (92, 0, "Opnieuw genummerd", "1."),  # startOverride restarts the shared counter
    (92, 0, "Daarna twee", "2."),
    (93, 1, "zonder herstart a", "a."),
    (93, 0, "vijf", "5."),  # w:start 5
    (93, 1, "zonder herstart b", "b."),  # lvlRestart 0: never restarts
    (94, 0, "via stijlkoppeling", "I."),  # numStyleLink -> numbering style -> abstract 93
    (94, 0, "via stijlkoppeling twee", "II."),
]


def build_structured(path: Path) -> Path:
    """One document with every structure the reader handles; tests assert on its parts."""
    d = docx.Document()
    d.core_properties.title = "Kernprops titel"
    d.core_properties.subject = "Ouderenzorg"
    d.core_properties.keywords = "HLO; afspraken"
    d.core_properties.created = dt.datetime(2026, 2, 12, 9, 30)

    heading_2_based = d.styles.add_style("Afspraakkop", WD_STYLE_TYPE.PARAGRAPH)
    heading_2_based.base_style = d.styles["Heading 2"]
    second = d.styles.add_style("Subafspraakkop", WD_STYLE_TYPE.PARAGRAPH)
    second.base_style = heading_2_based
    d.styles.element.append(
        parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="Hoofdstukstijl"><w:name w:val="Hoofdstukstijl"/>'
            '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        )
    )
    d.styles.element.append(
        parse_xml(
            f'<w:style {NS} w:type="numbering" w:styleId="AfsprakenLijst"><w:name w:val="Afsprakenlijst"/>'
            '<w:pPr><w:numPr><w:numId w:val="95"/></w:numPr></w:pPr></w:style>'
        )
    )

    d.styles.element.append(
        parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="Kop4eigen"><w:name w:val="Kop 4"/>'
            '<w:basedOn w:val="Normal"/></w:style>'
        )
    )

    d.add_heading("Afsprakenkader ouderenzorg", level=0)
    d.add_heading("Inleiding", level=1)
    append_body(
        d,
        para(
            run("De partijen spreken af dat zij de zorg samen organiseren.")
            + fnref(5)
            + run(" Dit geldt vanaf 1 januari 2026.")
            + fnref(2)
        )
        + para(
            run("Het budget bedraagt ")
            + dele("10")
            + ins(run("12"))
            + run(" miljoen euro")
            + ins(run(" per jaar"))
            + run(".")
        )
        + para('<w:moveFrom w:id="903" w:author="VWS">' + run("Verplaatste zin.") + "</w:moveFrom>")
        + para(
            run("Eerste helft van de zin"),
            ppr='<w:rPr><w:del w:id="904" w:author="VWS" w:date="2026-01-10T10:00:00Z"/></w:rPr>',
        )
        + para(run(" en de tweede helft."))
        + para(run("Afspraak 1: Samen leren"), style="Afspraakkop")
        + para(run("Subafspraak met eigen stijl"), style="Subafspraakkop")
        + para(run("Kop via overzichtsniveau"), ppr='<w:outlineLvl w:val="2"/>')
        + para(run("Hoofdstuk via stijl met overzichtsniveau"), style="Hoofdstukstijl")
        + para(run("Kop met Nederlandse stijlnaam"), style="Kop4eigen"),
    )
    d.add_paragraph("Eerste opsommingsteken", style="List Bullet")
    d.add_paragraph("Tweede opsommingsteken", style="List Bullet")
    append_body(
        d,
        para(
            run("Lijststijl zonder nummering"),
            style="ListBullet",
            ppr='<w:numPr><w:numId w:val="0"/></w:numPr>',
        ),
    )
    add_numbering(
        d,
        abstracts=[
            f'<w:abstractNum w:abstractNumId="90">{_MAIN_LEVELS}</w:abstractNum>',
            '<w:abstractNum w:abstractNumId="91">'
            + level(0, "decimal", "%1.", start=5)
            + level(1, "lowerLetter", "%2.", extra='<w:lvlRestart w:val="0"/>')
            + "</w:abstractNum>",
            '<w:abstractNum w:abstractNumId="92"><w:numStyleLink w:val="AfsprakenLijst"/></w:abstractNum>',
            '<w:abstractNum w:abstractNumId="93"><w:styleLink w:val="AfsprakenLijst"/>'
            + level(0, "upperRoman", "%1.")
            + "</w:abstractNum>",
        ],
        nums=[
            '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
            '<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>',
            '<w:num w:numId="92"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
            '<w:num w:numId="93"><w:abstractNumId w:val="91"/></w:num>',
            '<w:num w:numId="94"><w:abstractNumId w:val="92"/></w:num>',
            '<w:num w:numId="95"><w:abstractNumId w:val="93"/></w:num>',
        ],
    )
    items = []
    for i, (num_id, ilvl, text, _) in enumerate(NUMBERED_ITEMS):
        if num_id == 91 and NUMBERED_ITEMS[i - 1][0] == 90:
            items.append(para(run("Een tussenliggende alinea.")))
        items.append(numbered(text, num_id, ilvl))
    append_body(d, "".join(items))

    _data_table(d)
    append_body(
        d,
        para(run("Zie kader:") + textbox("Kadertekst over de monitoring."))
        + para(
            run("Zie paragraaf ")
            + field("REF _Ref123 \\h", "2.1")
            + run("VERBORGEN", rpr="<w:vanish/>")
            + run(" voor details.")
        )
        + para('<w:moveTo w:id="906" w:author="VWS">' + run("Verplaatste zin.") + "</w:moveTo>")
        + para(
            run("Lees de ")
            + '<w:hyperlink w:anchor="brief">'
            + run("voortgangsbrief")
            + "</w:hyperlink>"
            + run(".")
        )
        + para(
            run("De Wlz")
            + "<w:r><w:noBreakHyphen/></w:r>"
            + run("zorg en de organi")
            + "<w:r><w:softHyphen/></w:r>"
            + run("satie:")
            + "<w:r><w:tab/></w:r>"
            + run("klaar.")
        )
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + para(run("Klik of tik om tekst in te voeren."))
        + "</w:sdtContent></w:sdt>"
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + para(run("Inhoud in een inhoudsbesturingselement."))
        + "</w:sdtContent></w:sdt>"
        + "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>"
        + para(run("Kader: samenvatting"))
        + para(run("Alle partijen leveren in 2026 een plan op."))
        + "</w:tc></w:tr></w:tbl>"
        + para(run("Tot slot een eindnoot.") + fnref(1, "endnote")),
    )
    add_notes(
        d,
        footnotes={
            2: "Zie de bijlage.",
            3: "Planning onder voorbehoud.",
            5: "Kamerstukken II 2024/25, 29 389, nr. 152.",
            7: "Een voetnoot waar niets naar verwijst.",
        },
        endnotes={1: "Een eindnoot."},
    )

    section = d.sections[0]
    section.header.paragraphs[0].text = "Concept – niet verspreiden"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Concept – niet verspreiden"
    section.footer.paragraphs[0].text = "Afsprakenkader ouderenzorg, versie 1.0"
    page = parse_xml(f'<w:p {NS}><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>')
    section.footer._element.append(page)
    return save(d, path)


def _data_table(d: DocxDocument) -> None:
    """A data table with a horizontal and a vertical merge, a nested table, a note and a deleted row."""
    table = d.add_table(rows=5, cols=3)
    for c, text in enumerate(["Afspraak", "Wie", "Wanneer"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "A1"
    wide = table.cell(1, 1).merge(table.cell(1, 2))
    wide.text = "ZN en ActiZ"
    tall = table.cell(2, 0).merge(table.cell(3, 0))
    tall.text = "A2"
    table.cell(2, 1).text = "VWS"
    table.cell(2, 2).text = "Q2 2026"
    table.cell(2, 2).paragraphs[0]._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="3"/></w:r>'))
    nested_cell = table.cell(3, 1)
    nested_cell.paragraphs[0].text = ""
    nested = nested_cell.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Fase", (0, 1): "Datum", (1, 0): "1", (1, 1): "2026"}.items():
        nested.cell(r, c).text = text
    table.cell(3, 2).text = "eind 2026"
    table.cell(4, 0).text = "A3"
    table.cell(4, 1).text = "geschrapt"
    row_pr = parse_xml(
        f'<w:trPr {NS}><w:del w:id="905" w:author="VWS" w:date="2026-01-10T10:00:00Z"/></w:trPr>'
    )
    table.rows[4]._tr.insert(0, row_pr)


def build_kamerstuk(path: Path) -> Path:
    """A motie laid out as the Kamer does: one borderless table around header and text."""
    d = docx.Document()
    rows = [
        ("TWEEDE KAMER DER STATEN-GENERAAL", "2"),
        ("Vergaderjaar 2025–2026", ""),
        ("", ""),
        ("36 600 XVI", "Vaststelling van de begrotingsstaten van het Ministerie van Volksgezondheid"),
        ("Nr. 74", "GEWIJZIGDE MOTIE VAN DE LEDEN VAN DER PLAS EN TIELEN C.S."),
        ("", "Voorgesteld 12 februari 2026"),
        ("", "De Kamer,"),
    ]
    table = d.add_table(rows=len(rows) + 1, cols=2)
    for r, (left, right) in enumerate(rows):
        table.cell(r, 0).text = left
        table.cell(r, 1).text = right
    body_cell = table.cell(len(rows), 1)
    body_cell.paragraphs[0].text = "gehoord de beraadslaging,"
    body_cell.add_paragraph("verzoekt de regering de afspraken uit het HLO vóór 1 juli 2026 uit te voeren,")
    body_cell.add_paragraph("en gaat over tot de orde van de dag.")
    body_cell.paragraphs[1]._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'))
    add_notes(d, footnotes={1: "Kamerstuk 29 389, nr. 152."}, endnotes={})
    return save(d, path)


def build_simple(
    path: Path,
    body_xml: str,
    *,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    sect_footnote_start: int | None = None,
) -> Path:
    d = docx.Document()
    append_body(d, body_xml)
    add_notes(d, footnotes or {}, endnotes or {})
    if sect_footnote_start is not None:
        sect = d.element.body.sectPr
        sect.insert(
            0, parse_xml(f'<w:footnotePr {NS}><w:numStart w:val="{sect_footnote_start}"/></w:footnotePr>')
        )
    return save(d, path)


def build_long(path: Path, sections: int = 100) -> Path:
    """About one page per section: a heading, three paragraphs, a numbered list and a small table."""
    d = docx.Document()
    sentence = (
        "De partijen maken afspraken over de inzet van personeel in de ouderenzorg en rapporteren jaarlijks. "
    )
    for s in range(1, sections + 1):
        d.add_heading(f"Afspraak {s}", level=2)
        for _ in range(3):
            d.add_paragraph(sentence * 4)
        for i in range(3):
            d.add_paragraph(f"Actiepunt {s}.{i + 1}", style="List Number")
        table = d.add_table(rows=2, cols=3)
        for c, text in enumerate(["Wie", "Wat", "Wanneer"]):
            table.cell(0, c).text = text
            table.cell(1, c).text = f"{text} {s}"
    return save(d, path)


# -- package-level damage -------------------------------------------------------------------------


def docx_bytes() -> bytes:
    """A small valid docx, as bytes, to damage."""
    buf = io.BytesIO()
    d = docx.Document()
    append_body(d, para(run("Een gewone alinea.")))
    d.save(buf)
    return buf.getvalue()


def rewrite(
    path: Path, source: bytes, replace: dict[str, bytes | None], add: dict[str, bytes] | None = None
) -> Path:
    """Copy a docx zip, replacing (bytes) or dropping (None) members and adding new ones."""
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    dst.writestr(info.filename, replace[info.filename])
            else:
                dst.writestr(info, src.read(info.filename))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return path


def declared_bomb(path: Path, declared: int = 5 * GB) -> Path:
    """A docx whose word/document.xml declares `declared` bytes in the central directory (zip64)."""
    source = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        # zipfile writes the central directory from these records on close, with a zip64 extra
        # field once the size passes 4 GB; the data itself stays a few KB.
        target = next(i for i in dst.filelist if i.filename == "word/document.xml")
        target.file_size = declared
    return path


def ratio_bomb(path: Path, inflated: int) -> Path:
    """A docx whose word/document.xml really inflates to `inflated` bytes from a tiny deflate stream."""
    head = f'<?xml version="1.0"?><w:document {NS}><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    payload = head + b"a" * (inflated - len(head) - len(tail)) + tail
    return rewrite(path, docx_bytes(), {"word/document.xml": payload})


def lying_header(path: Path, actual: int, declared: int) -> Path:
    """word/document.xml inflates to `actual` bytes while the central directory claims `declared`."""
    ratio_bomb(path, actual)
    data = path.read_bytes()
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        target = next(i for i in dst.filelist if i.filename == "word/document.xml")
        target.file_size = declared
    tmp.replace(path)
    return path


def encrypted_member(path: Path) -> Path:
    """A docx whose central directory marks word/document.xml as encrypted (flag bit 0)."""
    data = bytearray(docx_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if data[pos + 46 : pos + 46 + name_len] == b"word/document.xml":
            data[pos + 8] |= 0x01
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    return path


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + f"]><w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
).encode()


def xxe(url: str) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY ext SYSTEM "{url}">]>'
        f"<w:document {NS}><w:body><w:p><w:r><w:t>&ext;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
