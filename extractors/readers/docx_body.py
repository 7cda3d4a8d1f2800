"""Walk WordprocessingML content in document order into intermediate items.

The walker reads runs itself rather than through python-docx's `paragraph.text`, because that skips
text inside <w:ins> and knows nothing of fields, text boxes or note references. Rules:

- Tracked changes: <w:ins> and <w:moveTo> are kept, <w:del> and <w:moveFrom> dropped; a paragraph
  whose mark was deleted merges into the next one, a deleted table row disappears.
- mc:AlternateContent: only the first mc:Choice is read (its mc:Fallback repeats the same text).
- Text boxes come out as items after the paragraph that anchors them, never inside its text.
- Field instructions are never text; results are, except page-number fields in headers/footers.
- Hidden runs (w:vanish) and the placeholder prompt of an empty content control are not text.
- Footnote/endnote references leave the text and become refs at the offset where they stood.
- Tables that only lay out a page (the Kamer's header table around a whole motie, single-cell
  frames) are unwrapped into paragraphs; data tables become one table item with rectangular cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from extractors.readers.docx_numbering import ListCounter, Numbering
from extractors.readers.docx_styles import (
    StyleSheet,
    W,
    first_child,
    int_val,
    numpr_of,
    outline_of,
    wval,
)
from schemas import BlockKind

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

NoteKey = tuple[str, str]  # ("footnote" | "endnote", w:id)
Ref = tuple[int, NoteKey]  # (offset in the item text, note)

# Containers whose content is read as if they were not there.
_TRANSPARENT_INLINE = frozenset(
    f"{W}{t}" for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "dir", "bdo")
)
# Tags met at every paragraph and run, built once (an f-string in a comparison is built each time).
_P, _TBL, _PPR, _R, _RPR, _T = (f"{W}{t}" for t in ("p", "tbl", "pPr", "r", "rPr", "t"))
_PSTYLE, _OUTLINE_LVL, _NUMPR = (f"{W}{t}" for t in ("pStyle", "outlineLvl", "numPr"))
# A paragraph mark with one of these in its properties was deleted (tracked changes).
_DELETED_MARKS = frozenset({f"{W}del", f"{W}moveFrom"})
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
# The Kamer's own documents (moties, amendementen, brieven) put their whole text in one layout table
# that starts with the chamber's name.
_KAMER_SIGNATURES = ("TWEEDE KAMER DER STATEN", "EERSTE KAMER DER STATEN")
# A gridSpan beyond this is junk; clamping keeps a hostile file from building huge rows.
MAX_GRID_SPAN = 64
# Whitespace runs (tabs, NBSP, line breaks) and invisible characters (soft hyphen, zero-width) that
# need rewriting: any run at either end, and any other run except a lone space (already normal, and
# by far the most common, so skipping it keeps normalisation in C).
_WS = r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]"
_SPACE_RUN = re.compile(rf"\A{_WS}+|{_WS}+\Z|(?! (?!{_WS})){_WS}+")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_PUA = range(0xE000, 0xF900)


@dataclass
class Item:
    kind: BlockKind
    text: str
    refs: list[Ref] = field(default_factory=list)
    level: int | None = None
    marker: str | None = None
    style: str | None = None
    cells: list[list[str]] | None = None
    cell_refs: list[list[list[Ref]]] | None = None


def join_texts(parts: list[tuple[str, list[Ref]]], sep: str) -> tuple[str, list[Ref]]:
    """Join texts with a separator, shifting each part's refs to its place in the result."""
    out: list[str] = []
    refs: list[Ref] = []
    pos = 0
    for i, (text, part_refs) in enumerate(parts):
        if i:
            out.append(sep)
            pos += len(sep)
        refs.extend((pos + off, key) for off, key in part_refs)
        out.append(text)
        pos += len(text)
    return "".join(out), refs


def normalise(raw: str, refs: list[Ref], keep_newlines: bool) -> tuple[str, list[Ref]]:
    """Collapse whitespace to one space (or one newline), drop invisible characters, strip the ends.

    Ref offsets are carried through: a ref inside a whitespace run lands after its replacement.
    """
    pending = sorted(refs, key=lambda r: r[0])
    out: list[str] = []
    mapped: list[Ref] = []
    olen = 0
    pos = 0
    ri = 0
    n = len(raw)
    for m in _SPACE_RUN.finditer(raw):
        a, b = m.span()
        while ri < len(pending) and pending[ri][0] <= a:
            mapped.append((olen + pending[ri][0] - pos, pending[ri][1]))
            ri += 1
        out.append(raw[pos:a])
        olen += a - pos
        run = m.group()
        if olen == 0 or b == n or all(c in _INVISIBLE for c in run):
            rep = ""
        else:
            rep = "\n" if keep_newlines and "\n" in run else " "
        while ri < len(pending) and pending[ri][0] <= b:
            mapped.append((olen + len(rep), pending[ri][1]))
            ri += 1
        out.append(rep)
        olen += len(rep)
        pos = b
    while ri < len(pending):
        mapped.append((olen + min(pending[ri][0], n) - pos, pending[ri][1]))
        ri += 1
    out.append(raw[pos:])
    return "".join(out), mapped


def _first_children(el: etree._Element | None) -> dict[str, etree._Element]:
    """The first child of each tag, as `first_child` finds it: one pass over a w:pPr, from which a
    paragraph reads up to five properties."""
    found: dict[str, etree._Element] = {}
    if el is not None:
        for c in el:
            found.setdefault(c.tag, c)
    return found


def _on(el: etree._Element | None) -> bool:
    return el is not None and wval(el, "true") not in ("0", "false", "off")


def _choice(alt: etree._Element) -> etree._Element | None:
    """The content of mc:AlternateContent to read: the first Choice, else the Fallback."""
    choice = first_child(alt, f"{MC}Choice")
    return choice if choice is not None else first_child(alt, f"{MC}Fallback")


def _is_placeholder(sdt: etree._Element) -> bool:
    pr = first_child(sdt, f"{W}sdtPr")
    return pr is not None and first_child(pr, f"{W}showingPlcHdr") is not None


@dataclass
class _Buf:
    """Raw text of one paragraph being read, with its note refs and anchored text boxes."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    refs: list[Ref] = field(default_factory=list)
    textboxes: list[etree._Element] = field(default_factory=list)
    skip_custom_mark: bool = False

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def ref(self, key: NoteKey) -> None:
        self.refs.append((self.length, key))


@dataclass
class _Field:
    instr: list[str] = field(default_factory=list)
    in_result: bool = False
    dropped: bool = False


@dataclass
class _Cell:
    items: list[Item]
    span: int
    merged_continue: bool


class Walker:
    """Reads one story (the body, the notes, or one header/footer) with its own list counters."""

    def __init__(self, styles: StyleSheet, numbering: Numbering, *, drop_page_fields: bool = False) -> None:
        self.styles = styles
        self.counter = ListCounter(numbering)
        self.drop_page_fields = drop_page_fields
        self._fields: list[_Field] = []
        self._suppressed = False
        self._carry: _Buf | None = None

    # -- block level -----------------------------------------------------------------------------

    def walk(self, container: etree._Element) -> list[Item]:
        """Items of a container (body, cell, text box, note, header) in document order."""
        outer_carry, self._carry = self._carry, None
        items: list[Item] = []
        for child in container.iterchildren():
            self._block(child, items)
        if self._carry is not None:  # a deleted paragraph mark at the end: its text stands alone
            carried, self._carry = self._carry, None
            items.extend(self._emit(carried, {}))
        self._carry = outer_carry
        return items

    def _block(self, el: etree._Element, items: list[Item]) -> None:
        tag = el.tag
        if tag == _P:
            items.extend(self._paragraph(el))
        elif tag == _TBL:
            items.extend(self._table(el))
        elif tag == f"{W}sdt":
            content = first_child(el, f"{W}sdtContent")
            if content is not None and not _is_placeholder(el):
                for child in content.iterchildren():
                    self._block(child, items)
        elif tag == f"{W}customXml":
            for child in el.iterchildren():
                self._block(child, items)
        elif tag == f"{MC}AlternateContent":
            chosen = _choice(el)
            if chosen is not None:
                for child in chosen.iterchildren():
                    self._block(child, items)

    def _paragraph(self, p: etree._Element) -> list[Item]:
        ppr = first_child(p, _PPR)
        buf = self._carry or _Buf()
        self._carry = None
        self._inline(p, buf)
        props = _first_children(ppr)
        rpr = props.get(_RPR)
        if rpr is not None and any(c.tag in _DELETED_MARKS for c in rpr):
            # The paragraph mark was deleted: this text runs on into the next paragraph.
            boxes, buf.textboxes = buf.textboxes, []
            self._carry = buf
            return self._textbox_items(boxes)
        return self._emit(buf, props)

    def _emit(self, buf: _Buf, props: dict[str, etree._Element]) -> list[Item]:
        """Items of a paragraph read into `buf`; `props` are the children of its w:pPr by tag."""
        text, refs = normalise("".join(buf.parts), buf.refs, keep_newlines=True)
        style_id = wval(props.get(_PSTYLE))
        own_outline = outline_of(props.get(_OUTLINE_LVL))
        heading = (own_outline or None) if own_outline is not None else self.styles.heading_level(style_id)
        marker: str | None = None
        is_list = False
        ilvl = 0
        own = numpr_of(props.get(_NUMPR))
        inherited = self.styles.numpr(style_id)
        num_id = (
            own.num_id
            if own is not None and own.num_id is not None
            else (inherited.num_id if inherited else None)
        )
        if num_id:  # numId 0 switches numbering off
            if own is not None and own.ilvl is not None:
                ilvl = own.ilvl
            elif inherited is not None and inherited.ilvl is not None:
                ilvl = inherited.ilvl
            # Empty numbered paragraphs still take a number in Word, so the counter advances regardless.
            is_list, marker = self.counter.next_marker(num_id, ilvl)
        items: list[Item] = []
        if text:
            style = self.styles.display_name(style_id)
            if heading:
                if marker and marker != "•":
                    # The printed number is part of a heading as readers see it ("3.1 Toegang"), as
                    # in the txt and pdf renderings of the same document.
                    text, refs = join_texts([(marker, []), (text, refs)], " ")
                items.append(Item(BlockKind.heading, text, refs, level=heading, marker=marker, style=style))
            elif is_list:
                items.append(Item(BlockKind.list_item, text, refs, level=ilvl, marker=marker, style=style))
            else:
                items.append(Item(BlockKind.paragraph, text, refs, style=style))
        items.extend(self._textbox_items(buf.textboxes))
        return items

    def _textbox_items(self, boxes: list[etree._Element]) -> list[Item]:
        items: list[Item] = []
        for box in boxes:
            items.extend(self.walk(box))
        return items

    # -- inline level ----------------------------------------------------------------------------

    def _inline(self, parent: etree._Element, buf: _Buf) -> None:
        for el in parent.iterchildren():
            tag = el.tag
            if tag == _R:
                self._run(el, buf)
            elif tag == _PPR:
                pass  # (the most common child after runs, and no text)
            elif tag in _TRANSPARENT_INLINE:
                self._inline(el, buf)
            elif tag == f"{W}fldSimple":
                if not self._drops(el.get(f"{W}instr") or ""):
                    self._inline(el, buf)
            elif tag == f"{W}sdt":
                content = first_child(el, f"{W}sdtContent")
                if content is not None and not _is_placeholder(el):
                    self._inline(content, buf)
            elif tag == f"{MC}AlternateContent":
                chosen = _choice(el)
                if chosen is not None:
                    self._inline(chosen, buf)
            elif tag in (f"{M}oMathPara", f"{M}oMath"):
                buf.add("".join(t.text or "" for t in el.iter(f"{M}t")))
            # w:del, w:moveFrom, properties, bookmarks, comment ranges, proofing marks: not text.

    def _run(self, r: etree._Element, buf: _Buf) -> None:
        rpr = first_child(r, _RPR)
        hidden = rpr is not None and _on(first_child(rpr, f"{W}vanish"))
        self._run_content(r, buf, hidden)

    def _run_content(self, r: etree._Element, buf: _Buf, hidden: bool) -> None:
        for el in r.iterchildren():
            tag = el.tag
            if tag == _RPR:
                continue  # (read by _run; it precedes nearly every run's text)
            if tag == _T:
                if buf.skip_custom_mark:  # the printed mark of a custom-marked note, not text
                    buf.skip_custom_mark = False
                elif not hidden and not self._suppressed:
                    buf.add(el.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                if not hidden and not self._suppressed:
                    buf.add("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if not hidden and not self._suppressed:
                    buf.add("\n")
            elif tag == f"{W}noBreakHyphen":
                if not hidden and not self._suppressed:
                    buf.add("-")
            elif tag == f"{W}sym":
                if not hidden and not self._suppressed:
                    buf.add(_sym_char(el))
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                buf.ref((kind, el.get(f"{W}id") or ""))
                if _on(first_child(el, f"{W}customMarkFollows")) or el.get(f"{W}customMarkFollows") in (
                    "1",
                    "true",
                    "on",
                ):
                    buf.skip_custom_mark = True
            elif tag == f"{W}fldChar":
                self._field_char(el.get(f"{W}fldCharType"))
            elif tag == f"{W}instrText":
                if self._fields and not self._fields[-1].in_result:
                    self._fields[-1].instr.append(el.text or "")
            elif tag in (f"{W}drawing", f"{W}pict"):
                _collect_textboxes(el, buf)
            elif tag == f"{MC}AlternateContent":
                chosen = _choice(el)
                if chosen is not None:
                    self._run_content(chosen, buf, hidden)
            elif tag == f"{W}ruby":
                base = first_child(el, f"{W}rubyBase")
                if base is not None:
                    self._inline(base, buf)

    def _drops(self, instr: str) -> bool:
        words = instr.split()
        return self.drop_page_fields and bool(words) and words[0].upper() in _PAGE_FIELDS

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(_Field())
        elif kind == "separate" and self._fields:
            top = self._fields[-1]
            top.in_result = True
            top.dropped = self._drops("".join(top.instr))
        elif kind == "end" and self._fields:
            self._fields.pop()
        # Text is suppressed inside any instruction (nested field results there belong to it) and
        # inside the result of a dropped field.
        self._suppressed = any(not f.in_result or f.dropped for f in self._fields)

    # -- tables ----------------------------------------------------------------------------------

    def _table(self, tbl: etree._Element) -> list[Item]:
        rows: list[tuple[int, list[_Cell], int]] = []
        for tr in _children(tbl, f"{W}tr"):
            trpr = first_child(tr, f"{W}trPr")
            if trpr is not None and first_child(trpr, f"{W}del") is not None:
                continue  # a deleted row
            before = int_val(first_child(trpr, f"{W}gridBefore")) if trpr is not None else None
            after = int_val(first_child(trpr, f"{W}gridAfter")) if trpr is not None else None
            cells: list[_Cell] = []
            for tc in _children(tr, f"{W}tc"):
                tcpr = first_child(tc, f"{W}tcPr")
                span = int_val(first_child(tcpr, f"{W}gridSpan")) if tcpr is not None else None
                vmerge = first_child(tcpr, f"{W}vMerge") if tcpr is not None else None
                cells.append(
                    _Cell(
                        items=self.walk(tc),
                        span=min(max(span or 1, 1), MAX_GRID_SPAN),
                        merged_continue=vmerge is not None and wval(vmerge, "continue") != "restart",
                    )
                )
            rows.append(
                (min(max(before or 0, 0), MAX_GRID_SPAN), cells, min(max(after or 0, 0), MAX_GRID_SPAN))
            )
        if _is_layout_table(rows):
            return _unwrap(rows)
        return _data_table(rows)


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Rows of a table or cells of a row, looking through content controls and custom XML wrappers."""
    found: list[etree._Element] = []
    for el in parent.iterchildren():
        if el.tag == tag:
            found.append(el)
        elif el.tag == f"{W}sdt":
            content = first_child(el, f"{W}sdtContent")
            if content is not None:
                found.extend(_children(content, tag))
        elif el.tag == f"{W}customXml":
            found.extend(_children(el, tag))
    return found


def _sym_char(el: etree._Element) -> str:
    """A w:sym character; symbol-font glyphs in the private-use area have no text meaning."""
    try:
        code = int(el.get(f"{W}char") or "", 16)
    except ValueError:
        return ""
    return "" if code in _PUA or code < 0x20 else chr(code)


def _collect_textboxes(el: etree._Element, buf: _Buf) -> None:
    """Outermost text boxes of a drawing; nested ones are read when their parent box is walked."""
    for box in el.iter(f"{W}txbxContent"):
        parent = box.getparent()
        nested = False
        while parent is not None and parent is not el:
            if parent.tag == f"{W}txbxContent":
                nested = True
                break
            parent = parent.getparent()
        if not nested:
            buf.textboxes.append(box)


def _flat(item: Item) -> tuple[str, list[Ref]]:
    """An item as a single line of cell text: list markers kept in front, nested tables run together."""
    if item.kind == BlockKind.table and item.cells is not None and item.cell_refs is not None:
        rows = [
            join_texts([(c, r) for c, r in zip(row, row_refs, strict=True) if c], " ")
            for row, row_refs in zip(item.cells, item.cell_refs, strict=True)
        ]
        return join_texts([r for r in rows if r[0]], "; ")
    text = item.text.replace("\n", " ")  # same length: offsets stay valid
    if item.marker:
        return join_texts([(item.marker, []), (text, item.refs)], " ")
    return text, item.refs


def _is_layout_table(rows: list[tuple[int, list[_Cell], int]]) -> bool:
    cells = [c for _, row, _ in rows for c in row]
    if len(rows) == 1 and len(cells) == 1:
        return True  # a single-cell frame around text
    first = next((c for c in cells if c.items), None)
    return first is not None and first.items[0].text.upper().startswith(_KAMER_SIGNATURES)


def _unwrap(rows: list[tuple[int, list[_Cell], int]]) -> list[Item]:
    """Layout table -> items: a row of one-line cells becomes one paragraph ("36 278 Wijziging van..."),
    any other row gives its cells' items in order."""
    items: list[Item] = []
    for _, row, _ in rows:
        filled = [c for c in row if c.items]
        one_liners = all(
            len(c.items) == 1 and c.items[0].kind == BlockKind.paragraph and c.items[0].marker is None
            for c in filled
        )
        if len(filled) > 1 and one_liners:
            text, refs = join_texts([(c.items[0].text, c.items[0].refs) for c in filled], " ")
            items.append(Item(BlockKind.paragraph, text, refs, style=filled[0].items[0].style))
        else:
            for c in filled:
                items.extend(c.items)
    return items


def _data_table(rows: list[tuple[int, list[_Cell], int]]) -> list[Item]:
    """Rectangular cells: a merged cell's text stands once, in its first grid column and first row."""
    matrix: list[list[tuple[str, list[Ref]]]] = []
    for before, row, after in rows:
        line: list[tuple[str, list[Ref]]] = [("", [])] * before
        for cell in row:
            if cell.items:
                line.append(join_texts([_flat(it) for it in cell.items], " "))
            else:
                line.append(("", []))
            line.extend([("", [])] * (cell.span - 1))
        line.extend([("", [])] * after)
        matrix.append(line)
    width = max((len(line) for line in matrix), default=0)
    if width == 0 or not any(text for line in matrix for text, _ in line):
        return []
    for line in matrix:
        line.extend([("", [])] * (width - len(line)))
    text, refs = join_texts([join_texts(line, " | ") for line in matrix], "\n")
    return [
        Item(
            BlockKind.table,
            text,
            refs,
            cells=[[t for t, _ in line] for line in matrix],
            cell_refs=[[r for _, r in line] for line in matrix],
        )
    ]
