"""Read a .docx into a Document: body in document order, notes linked to their marks, furniture apart.

The package is opened by `docx_safety` (zip and zip-bomb checks, hardened XML parsing) and the parts
are walked with lxml directly: python-docx would inflate every part (media included) with its own
parser and hides what we need (text in <w:ins>, fields, notes, numbering), so it is used only to
build test fixtures.

Block order: header furniture, body, footnotes, endnotes, footer furniture.

Notes: footnotes are numbered 1, 2, 3... in the order of their references in the body (from
w:footnotePr/w:numStart when set), which is what Word prints. Endnotes continue that sequence
after the last footnote, so that every FootnoteRef number names exactly one note block; their
printed numbers (Word's default is i, ii, iii) are not kept. Note blocks carry style "footnote" or
"endnote" to tell them apart. Notes that nothing refers to are left out.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from extractors.readers.docx_body import Item, NoteKey, Walker
from extractors.readers.docx_meta import PackageProps, from_text, package_props
from extractors.readers.docx_numbering import Numbering
from extractors.readers.docx_safety import Package, open_package
from extractors.readers.docx_styles import StyleSheet, W, first_child, int_val
from extractors.readers.errors import ReadError
from schemas import Block, BlockKind, Document, DocumentMeta, FootnoteRef, SourceFormat

_NOTE_SKIP_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Reasons stay one line: the tail of a long exception message helps nobody.
_MAX_REASON = 160


def read(path: Path) -> Document:
    """Read a .docx; any failure becomes a one-line ReadError naming the file and the reason."""
    path = Path(path)
    try:
        return _read(path)
    except ReadError:
        raise
    except MemoryError as exc:
        raise ReadError(path, "could not read .docx: out of memory") from exc
    except RecursionError as exc:
        raise ReadError(path, "could not read .docx: content nested too deeply") from exc
    except Exception as exc:  # the reader boundary: no traceback reaches the user
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ReadError(path, f"could not read .docx: {detail[:_MAX_REASON]}") from exc


def _read(path: Path) -> Document:
    with open_package(path) as pkg:
        main = pkg.main_part
        rels = pkg.relationships(main)
        targets = {rel.rel_id: rel.target for rel in rels}

        def part(rel_type: str) -> etree._Element | None:
            target = next((r.target for r in rels if r.type == rel_type), None)
            return pkg.read_xml(target) if target is not None else None

        styles = StyleSheet(part("styles"))
        numbering = Numbering(part("numbering"), styles)
        root = pkg.read_xml(main)
        body = first_child(root, f"{W}body") if root is not None else None
        if body is None:
            raise ReadError(path, f"corrupt .docx (no document body in {main})")
        body_items = Walker(styles, numbering).walk(body)

        notes_walker = Walker(styles, numbering)
        footnotes = _notes(part("footnotes"), "footnote", notes_walker)
        endnotes = _notes(part("endnotes"), "endnote", notes_walker)
        start = _footnote_start(body, part("settings"))
        numbers = _number_notes(body_items, footnotes, endnotes, start)

        headers, footers = _furniture(pkg, body, targets, styles, numbering)
        package_rels = pkg.relationships("")
        core_name = next((r.target for r in package_rels if r.type == "core-properties"), "docProps/core.xml")
        app_name = next(
            (r.target for r in package_rels if r.type == "extended-properties"), "docProps/app.xml"
        )
        props = package_props(pkg.read_xml(core_name), pkg.read_xml(app_name))

    blocks = [Block(kind=BlockKind.furniture, text=t) for t in headers]
    blocks.extend(_to_block(item, numbers) for item in body_items)
    first_endnote: int | None = None
    for kind, notes in (("footnote", footnotes), ("endnote", endnotes)):
        numbered = sorted(
            (numbers[(kind, nid)], text) for nid, text in notes.items() if (kind, nid) in numbers
        )
        if kind == "endnote" and numbered:
            first_endnote = numbered[0][0]
        blocks.extend(Block(kind=BlockKind.footnote, text=text, number=n, style=kind) for n, text in numbered)
    blocks.extend(Block(kind=BlockKind.furniture, text=t) for t in footers)

    meta = _meta(path, body_items, props)
    if first_endnote is not None:
        meta.extra["first_endnote_number"] = str(first_endnote)
    return Document(meta=meta, blocks=blocks)


def _to_block(item: Item, numbers: dict[NoteKey, int]) -> Block:
    refs = [FootnoteRef(number=numbers[key], offset=off) for off, key in item.refs if key in numbers]
    return Block(
        kind=item.kind,
        text=item.text,
        level=item.level,
        marker=item.marker,
        style=item.style,
        cells=item.cells,
        footnote_refs=refs,
    )


def _notes(root: etree._Element | None, kind: str, walker: Walker) -> dict[str, str]:
    """Note id -> text (paragraphs joined by newlines); separators and empty notes left out."""
    notes: dict[str, str] = {}
    if root is None:
        return notes
    for note in root.iterchildren(f"{W}{kind}"):
        if note.get(f"{W}type") in _NOTE_SKIP_TYPES:
            continue
        lines = [f"{item.marker} {item.text}" if item.marker else item.text for item in walker.walk(note)]
        text = "\n".join(lines)
        if text:
            notes[note.get(f"{W}id") or ""] = text
    return notes


def _footnote_start(body: etree._Element, settings: etree._Element | None) -> int:
    """numStart of footnotes: the last section's properties win over the document settings."""
    for holder in (first_child(body, f"{W}sectPr"), settings):
        pr = first_child(holder, f"{W}footnotePr") if holder is not None else None
        start = int_val(first_child(pr, f"{W}numStart")) if pr is not None else None
        if start is not None and start >= 0:
            return start
    return 1


def _number_notes(
    items: list[Item], footnotes: dict[str, str], endnotes: dict[str, str], start: int
) -> dict[NoteKey, int]:
    """Printed numbers by order of first reference; endnotes continue after the footnotes."""
    order: dict[str, list[str]] = {"footnote": [], "endnote": []}
    seen: set[NoteKey] = set()
    existing = {"footnote": footnotes, "endnote": endnotes}
    for item in items:
        for _, key in sorted(item.refs, key=lambda r: r[0]):
            if key not in seen and key[1] in existing[key[0]]:
                seen.add(key)
                order[key[0]].append(key[1])
    numbers: dict[NoteKey, int] = {}
    n = start
    for kind in ("footnote", "endnote"):
        for nid in order[kind]:
            numbers[(kind, nid)] = n
            n += 1
    return numbers


def _furniture(
    pkg: Package, body: etree._Element, targets: dict[str, str], styles: StyleSheet, numbering: Numbering
) -> tuple[list[str], list[str]]:
    """Distinct texts of the headers and footers that the sections use, in section order."""
    texts: dict[str, list[str]] = {"header": [], "footer": []}
    seen_parts: set[str] = set()
    seen_texts: set[str] = set()
    for ref in body.iter(f"{W}headerReference", f"{W}footerReference"):
        name = targets.get(ref.get(_R_ID) or "")
        if name is None or name in seen_parts:
            continue
        seen_parts.add(name)
        root = pkg.read_xml(name)
        if root is None:
            continue
        walker = Walker(styles, numbering, drop_page_fields=True)
        lines = []
        for item in walker.walk(root):
            lines.append(f"{item.marker} {item.text}" if item.marker else item.text)
        text = "\n".join(lines)
        if text and text not in seen_texts:
            seen_texts.add(text)
            texts["header" if ref.tag == f"{W}headerReference" else "footer"].append(text)
    return texts["header"], texts["footer"]


def _meta(path: Path, items: list[Item], props: PackageProps) -> DocumentMeta:
    found = from_text([(item.kind, item.text) for item in items])
    meta = DocumentMeta(
        format=SourceFormat.docx,
        source_file=path.name,
        source_path=str(path),
        dossier=found.dossier,
        volgnummer=found.volgnummer,
        kind=found.kind,
        pages=props.pages,
    )
    title = found.title
    if title is None:
        headings = [i for i in items if i.kind == BlockKind.heading]
        titled = next((h for h in headings if (h.style or "").lower() in ("title", "titel")), None)
        top = next((h for h in headings if h.level == 1), None)
        title = (titled or top).text if (titled or top) else props.title
        if title is None and headings:
            title = headings[0].text
    meta.title = title
    meta.date = found.date or (props.created.date() if props.created else None)
    extra = {
        "dossier_title": found.dossier_title,
        "vergaderjaar": found.vergaderjaar,
        "core_title": props.title,
        "subject": props.subject,
        "keywords": props.keywords,
        "created": props.created.isoformat() if props.created else None,
    }
    meta.extra = {k: v for k, v in extra.items() if v}
    return meta
