"""Lines in reading order to document blocks: headings, paragraphs, list items, tables, footnotes.

Blocks are drafted page by page as lists of line texts and only joined into text at the end, when the
vocabulary of the whole document is known (de-hyphenation lets the document's own spellings decide).
A paragraph or list item that runs on into the next column or page (it does not end a sentence and
the next text starts in lower case) keeps growing across the break; running headers, footers and
footnotes of the page break are emitted as their own blocks and never enter it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Container
from dataclasses import dataclass, field

from extractors.fast_copy import trusted
from extractors.readers.dehyphenate import join_lines
from extractors.readers.pdf_furniture import footnote_number
from extractors.readers.pdf_layout import Line, Region, Table, Unit
from extractors.readers.pdf_page import Seg
from schemas.document import Block, BlockKind, FootnoteRef

# A line at least this much larger than the body text is a heading (section titles in the reference
# documents are 1.3-5x the body size; emphasised body text is never enlarged).
HEADING_SIZE_RATIO = 1.15
# Body-size headings are bold from end to end and short ("Wat is de afspraak:", "Doorbraakprojecten:").
BOLD_HEADING_MAX_CHARS = 120
# Larger "headings" beyond these limits are lead paragraphs set in a bigger font.
HEADING_MAX_LINES = 4
HEADING_MAX_CHARS = 300
# Italic body-size lines are headings in Rijksoverheid letters ("Belang van het AZWA") when short.
ITALIC_HEADING_MAX_CHARS = 80
# Two heading lines of one style belong to one heading when their baselines are at most this many
# font sizes apart (wrapped titles sit 1.0-1.3 apart; separate headings are further apart).
HEADING_JOIN_PITCH = 1.6
# A wrapped heading line reaches at least this fraction of the column width.
WRAPPED_LINE_SHARE = 0.7
# A paragraph ends where the distance between baselines exceeds the document's usual line pitch by
# this factor (paragraph spacing in the reference documents adds 0.6-1.2 lines; line pitch varies by
# less than 5% within a paragraph).
PARAGRAPH_GAP_FACTOR = 1.3
# A line that stops although the next line's first word would have fitted after it ends its paragraph
# when a sentence ends there or the next line starts with a capital. Word widths are estimated from
# the line's average character width, which is off by up to ~15% for a single word, hence the margin.
WORD_FIT_MARGIN = 1.2
# Font sizes that differ by more than this fraction do not share a paragraph.
SIZE_CHANGE = 0.15
# A table-of-contents entry wraps over at most this many lines before its page number.
TOC_ENTRY_MAX_LINES = 6
# List-marker indents that differ by less than this many points are the same list level.
INDENT_TOLERANCE = 4.0

_MARKER = re.compile(
    r"^(?P<m>[•●▪■◦○·∙\uf0b7\uf0a7\uf0d8\uf076\uf0fc➢►✓*]|[-–—]|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|[ivx]{1,4}[.)])\s+(?=\S)"
)
_DASHES = frozenset("-–—")
_SENTENCE_END = re.compile(r"[.!?:;]['’”)]*$")
_HAS_WORD = re.compile(r"[^\W\d_]{2,}")
# A line opening with a section number or an agreement code starts a heading of its own:
# "[B2] We bevorderen ...", "C3a Transparantie ...", "3.1 Afwenden ...".
_NUMBERED_TITLE = re.compile(r"^(?:\[[A-Z]?\d+[a-z]?\]|[A-Z]\d{1,2}[a-z]?|\d+(?:\.\d+)*\.?)\s+[A-Z\[(]")

# The block kinds as module constants: an enum member lookup (BlockKind.heading) costs about five
# times a global, and these are compared for every line and draft.
_HEADING = BlockKind.heading
_PARAGRAPH = BlockKind.paragraph
_LIST_ITEM = BlockKind.list_item
_TABLE = BlockKind.table
_CONTINUABLE = (_PARAGRAPH, _LIST_ITEM)


@dataclass(slots=True)
class Draft:
    kind: BlockKind
    parts: list[tuple[str, list[tuple[int, int]]]]
    page: int | None
    source_page: int
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    marker: str | None = None
    marker_x: float = 0.0  # indent of a list marker from its column's left edge
    hanging: bool = False  # the list item's later lines are indented past its marker
    level: int | None = None
    number: int | None = None
    cells: list[list[str]] | None = None
    lines: list[Line] = field(default_factory=list)  # the last line is what continuation rules look at


class BlockBuilder:
    """Drafts blocks unit by unit; `finish` turns them into Blocks."""

    def __init__(self, body: float, pitch: float, furniture_lines: Collection[int] = ()) -> None:
        self.body = body
        self.pitch = pitch
        self.furniture_lines = set(furniture_lines)
        self.drafts: list[Draft] = []
        self.open: Draft | None = None  # the paragraph/list item the next column or page may continue
        self.markers: list[float] = []  # indents of the list levels in force

    # -- units ------------------------------------------------------------------------------------------

    def add_unit(self, unit: Unit) -> None:
        page = unit.number if unit.number is not None else unit.source_page
        for s in sorted(unit.top_furniture, key=lambda s: (s.base, s.x0)):
            self._furniture(s.text, page, unit.source_page)
        for region in unit.regions:
            if region.sidebar:
                self._sidebar(region, page, unit.source_page)
                continue
            self._region(region, unit, page)
        self._footnotes(unit.footnotes, page, unit.source_page)
        for s in sorted(unit.bottom_furniture, key=lambda s: (s.base, s.x0)):
            self._furniture(s.text, page, unit.source_page)

    def _sidebar(self, region: Region, page: int, source_page: int) -> None:
        """A letter sidebar as furniture, one block per label with its value ("Kenmerk 4204015-...")."""
        group: list[str] = []
        for item in region.items:
            if not isinstance(item, Line):
                continue
            if item.bold and group:
                self._furniture(" ".join(group), page, source_page)
                group = []
            group.append(item.text)
        if group:
            self._furniture(" ".join(group), page, source_page)

    def _furniture(self, text: str, page: int, source_page: int) -> None:
        self.drafts.append(Draft(BlockKind.furniture, [(text, [])], page, source_page))

    def _footnotes(self, lines: list[Line], page: int, source_page: int) -> None:
        current: Draft | None = None
        for line in lines:
            number, text, _ = footnote_number(line)
            # A plain (not superscript) number opens a footnote only in sequence; otherwise it is a
            # continuation line that happens to start with a number ("1 op 6,4), zal ...").
            plain = line.lead_mark is None
            if current is not None and (
                number is None or (plain and current.number is not None and number != current.number + 1)
            ):
                current.parts.append((line.text, []))
                continue
            current = Draft(BlockKind.footnote, [(text, [])], page, source_page, number=number)
            self.drafts.append(current)

    # -- regions ------------------------------------------------------------------------------------------

    def _region(self, region: Region, unit: Unit, page: int) -> None:
        lines = [i for i in region.items if isinstance(i, Line)]
        body_lines = [ln.x1 for ln in lines if abs(ln.size - self.body) <= SIZE_CHANGE * self.body]
        right = max(body_lines) if body_lines else region.x1
        kinds = self._classify(lines)
        cur: Draft | None = None
        prev: Line | None = None
        first = True
        for item in region.items:
            if isinstance(item, Table):
                cur = prev = None
                self.open = None
                self.markers = []
                self.drafts.append(
                    Draft(_TABLE, [], page, unit.source_page, cells=item.rows),
                )
                first = False
                continue
            line = item
            if id(line) in self.furniture_lines:
                self._furniture(line.text, page, unit.source_page)
                continue
            kind = kinds[id(line)]
            if first and cur is None:
                first = False
                if kind == "text" and self._continues(self.open, line):
                    cur = self.open
                    assert cur is not None
                    cur.parts.append((line.text, line.refs))
                    cur.lines.append(line)
                    prev = line
                    continue
            if (
                cur is not None
                and prev is not None
                and self._same_block(cur, prev, line, kind, region, right)
            ):
                cur.parts.append((line.text, line.refs))
                cur.lines.append(line)
                if cur.kind == _LIST_ITEM and line.x0 - region.x0 > cur.marker_x + INDENT_TOLERANCE:
                    cur.hanging = True
                prev = line
                continue
            cur = self._start(line, kind, page, unit.source_page, region)
            prev = line
        if cur is not None and cur.kind in _CONTINUABLE:
            self.open = cur
        elif cur is not None:
            self.open = None

    def _classify(self, lines: list[Line]) -> dict[int, str]:
        kinds: dict[int, str] = {}
        for i, line in enumerate(lines):
            kinds[id(line)] = self._kind(
                line, lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None
            )
        return kinds

    def _kind(self, line: Line, before: Line | None, after: Line | None) -> str:
        if line.toc:
            return "toc"
        if line.in_toc:
            return "text"  # the first lines of a wrapped table-of-contents entry
        text = line.text
        marker = _MARKER.match(text)
        if marker is not None and self._is_marker(marker.group("m"), line, before):
            if line.bold and marker.group("m")[0].isdigit() and self._short_title(text):
                return "heading"  # "1. Aanleiding": a numbered heading, not a list item
            return "item"
        if not _HAS_WORD.search(text):
            return "text"
        if line.size >= HEADING_SIZE_RATIO * self.body and len(text) <= HEADING_MAX_CHARS:
            return "heading"
        if line.bold and line.size >= (1 - SIZE_CHANGE) * self.body and self._short_title(text, wrapped=True):
            return "heading"
        if (
            line.italic
            and not line.bold
            and abs(line.size - self.body) <= SIZE_CHANGE * self.body
            and len(text) <= ITALIC_HEADING_MAX_CHARS
            and not _SENTENCE_END.search(text)
            and not text.endswith(",")
            and after is not None
            and not after.italic
            and (before is None or (before.italic is False and self._gap(before, line)))
        ):
            return "heading"
        return "text"

    @staticmethod
    def _short_title(text: str, wrapped: bool = False) -> bool:
        """Short and not ending a sentence; a comma may end a title line that wraps on (checked again
        for the whole heading in `finish`)."""
        return len(text) <= BOLD_HEADING_MAX_CHARS and not text.endswith(
            (".", ";") if wrapped else (".", ",", ";")
        )

    def _is_marker(self, marker: str, line: Line, before: Line | None) -> bool:
        """Dashes start list items only where a new line of thought can start (not a wrapped aside)."""
        if marker not in _DASHES or before is None:
            return True
        return bool(
            _SENTENCE_END.search(before.text)
            or _MARKER.match(before.text)
            or abs(before.x0 - line.x0) > INDENT_TOLERANCE
            or self._gap(before, line)
        )

    def _gap(self, prev: Line, line: Line) -> bool:
        """A paragraph gap (or a jump back up: a new column) between two consecutive lines."""
        pitch = line.base - prev.base
        return pitch <= 0 or pitch > PARAGRAPH_GAP_FACTOR * self.pitch * max(line.size, prev.size) / self.body

    def _same_block(
        self, cur: Draft, prev: Line, line: Line, kind: str, region: Region, right: float
    ) -> bool:
        if cur.kind == _HEADING:
            return (
                kind == "heading"
                and len(cur.parts) < HEADING_MAX_LINES
                and round(line.size * 2) == round(cur.size * 2)
                and line.bold == cur.bold
                and line.italic == cur.italic
                and 0 < line.base - prev.base <= HEADING_JOIN_PITCH * line.size
                and (
                    _starts_lower(line.text)
                    or prev.x1 - region.x0 >= WRAPPED_LINE_SHARE * (right - region.x0)
                )
                and not _NUMBERED_TITLE.match(line.text)
            )
        if kind in ("heading", "item"):
            return False
        if prev.toc:
            return False  # a page number ends a table-of-contents entry
        if self._gap(prev, line) or abs(line.size - prev.size) > SIZE_CHANGE * prev.size:
            return False
        if kind == "toc":
            return cur.kind == _PARAGRAPH and len(cur.parts) < TOC_ENTRY_MAX_LINES
        if cur.kind == _LIST_ITEM:
            indent = line.x0 - region.x0
            if indent > cur.marker_x + INDENT_TOLERANCE:
                return True  # under the item's text (hanging indent): still this item
            if cur.hanging:
                return False  # back at the marker's indent after a hanging indent: the item is over
        return not (
            self._ends_early(prev, line, right)
            and (
                _SENTENCE_END.search(prev.text) or not (_starts_lower(line.text) or _mid_sentence(prev.text))
            )
        )

    @staticmethod
    def _ends_early(prev: Line, line: Line, right: float) -> bool:
        """Did the previous line stop although the next line's first word would have fitted after it?"""
        room = right - prev.x1
        if room < prev.size:
            return False
        char_width = (prev.x1 - prev.x0) / max(len(prev.text), 1)
        word = line.text.split(" ", 1)[0]
        return (len(word) + 1) * char_width * WORD_FIT_MARGIN <= room

    def _continues(self, draft: Draft | None, line: Line) -> bool:
        """Does this first line of a column or page carry on the open paragraph of the previous one?"""
        if draft is None or not draft.lines:
            return False
        last = draft.lines[-1]
        if _SENTENCE_END.search(last.text) or last.toc:
            return False
        if abs(line.size - last.size) > SIZE_CHANGE * last.size:
            return False
        return _starts_lower(line.text) or _mid_sentence(last.text)

    def _start(self, line: Line, kind: str, page: int, source_page: int, region: Region) -> Draft:
        if kind == "heading":
            self.markers = []
            draft = Draft(
                _HEADING,
                [(line.text, line.refs)],
                page,
                source_page,
                size=line.size,
                bold=line.bold,
                italic=line.italic,
                lines=[line],
            )
            self.drafts.append(draft)
            self.open = None
            return draft
        if kind == "item":
            m = _MARKER.match(line.text)
            assert m is not None
            marker = m.group("m")
            cut = m.end()
            indent = line.x0 - region.x0
            while self.markers and self.markers[-1] > indent + INDENT_TOLERANCE:
                self.markers.pop()
            if not self.markers or abs(self.markers[-1] - indent) > INDENT_TOLERANCE:
                self.markers.append(indent)
            refs = [(o - cut, n) for o, n in line.refs if o >= cut]
            draft = Draft(
                _LIST_ITEM,
                [(line.text[cut:], refs)],
                page,
                source_page,
                size=line.size,
                marker=marker,
                marker_x=indent,
                level=len(self.markers) - 1,
                lines=[line],
            )
            self.drafts.append(draft)
            return draft
        if line.x0 - region.x0 <= (self.markers[0] if self.markers else 0) + INDENT_TOLERANCE:
            self.markers = []
        draft = Draft(_PARAGRAPH, [(line.text, line.refs)], page, source_page, size=line.size, lines=[line])
        self.drafts.append(draft)
        return draft

    # -- blocks ----------------------------------------------------------------------------------------------

    def finish(self, vocab: Container[str], valid_footnotes: Collection[int]) -> list[Block]:
        styles = sorted(
            {(round(d.size * 2) / 2, d.bold, d.italic) for d in self.drafts if d.kind == _HEADING},
            key=lambda s: (-s[0], not s[1], s[2]),
        )
        level_of = {s: i + 1 for i, s in enumerate(styles)}
        blocks: list[Block] = []
        drafts, self.drafts = self.drafts, []
        for d in drafts:
            if d.kind == _TABLE:
                rows = d.cells or []
                blocks.append(_block(d.kind, "\n".join("\t".join(r) for r in rows), d, cells=rows))
                continue
            text, refs = join_parts(d.parts, vocab)
            d.parts, d.lines = [], []  # keep the peak down: a draft's lines are not needed any more
            if not text:
                continue
            kind = d.kind
            if kind == _HEADING and (
                len(d.parts) > HEADING_MAX_LINES or len(text) > HEADING_MAX_CHARS or text.endswith(",")
            ):
                kind = _PARAGRAPH
            level = level_of.get((round(d.size * 2) / 2, d.bold, d.italic)) if kind == _HEADING else d.level
            footnote_refs = [
                trusted(FootnoteRef, {"number": n, "offset": o}, _REF_FIELDS)
                for o, n in refs
                if n in valid_footnotes
            ]
            blocks.append(_block(kind, text, d, level=level, footnote_refs=footnote_refs))
        return blocks


_REF_FIELDS = frozenset({"number", "offset"})
_TABLE_FIELDS = frozenset({"kind", "text", "cells", "page", "source_page"})
_TEXT_FIELDS = frozenset(
    {"kind", "text", "level", "marker", "number", "page", "source_page", "footnote_refs"}
)


def _block(
    kind: BlockKind,
    text: str,
    d: Draft,
    *,
    cells: list[list[str]] | None = None,
    level: int | None = None,
    footnote_refs: list[FootnoteRef] | None = None,
) -> Block:
    """The Block that `Block(kind=..., text=..., ...)` would validate into (fields set included), built
    directly: every value here already has its field's type, and validating thousands of blocks showed
    in the profile. A table sets cells; a text block sets level, marker, number and footnote refs."""
    values = {
        "index": 0,
        "kind": kind,
        "text": text,
        "level": level,
        "marker": None if cells is not None else d.marker,
        "number": None if cells is not None else d.number,
        "cells": cells,
        "style": None,
        "page": d.page,
        "source_page": d.source_page,
        "footnote_refs": footnote_refs if footnote_refs is not None else [],
        "char_start": 0,
        "char_end": 0,
    }
    return trusted(Block, values, _TABLE_FIELDS if cells is not None else _TEXT_FIELDS)


def _mid_sentence(text: str) -> bool:
    """A line that stops on a comma or an opening bracket stops inside a sentence ("(Patiëntenfederatie,
    NHG, KNMP," / "ASKA, NApCo, ..."), whatever the next line starts with."""
    return text.rstrip().endswith((",", "(", "–"))


def _starts_lower(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0] in "(,;")


def join_parts(
    parts: list[tuple[str, list[tuple[int, int]]]], vocab: Container[str]
) -> tuple[str, list[tuple[int, int]]]:
    """Join line texts into one text (Dutch-aware at hyphens) and carry the mark offsets along."""
    chunks: list[str] = []
    length = 0
    refs: list[tuple[int, int]] = []
    for line_text, line_refs in parts:
        if not line_text:
            continue
        if chunks:
            last = chunks[-1]
            if len(last) > 1 and last[-1] == "-" and last[-2].isalnum():
                # Only the hyphenated word matters to the join (dehyphenate.join_lines decides on it);
                # the text before it is kept as it is.
                text = "".join(chunks)
                cut = text.rfind(" ") + 1
                joined = join_lines([text[cut:], line_text], vocab)
                text = text[:cut] + joined
                start = len(text) - len(line_text)
                chunks = [text]
                length = len(text)
                if refs:
                    refs = [(min(o, start), n) for o, n in refs]
            else:
                chunks.append(" ")
                chunks.append(line_text)
                length += 1 + len(line_text)
                start = length - len(line_text)
        else:
            chunks.append(line_text)
            length = len(line_text)
            start = 0
        if line_refs:
            refs.extend((o + start, n) for o, n in line_refs)
    return "".join(chunks), refs


def restore_marks(seg: Seg, valid: Collection[int]) -> None:
    """Put superscript digits back into the text where no footnote has that number (an exponent, m²)."""
    if not seg.refs or all(n in valid for _, n in seg.refs):
        return
    text = seg.text
    kept: list[tuple[int, int]] = []
    shift = 0
    for off, n in seg.refs:
        if n in valid:
            kept.append((off + shift, n))
            continue
        digits = str(n)
        pos = off + shift
        text = text[:pos] + digits + text[pos:]
        shift += len(digits)
    seg.text = text
    seg.refs = kept


def typical_pitch(units: list[Unit], body: float) -> float:
    """The usual baseline distance between consecutive body lines, in points at body size."""
    hist: Counter[float] = Counter()
    low, high = 0.9 * body, 2.5 * body
    for unit in units:
        for region in unit.regions:
            prev_base = -1.0
            for item in region.items:
                if type(item) is Line and abs(item.size - body) < 0.5:
                    pitch = item.base - prev_base
                    if low <= pitch <= high:
                        hist[round(pitch * 2) / 2] += 1
                    prev_base = item.base
                else:
                    prev_base = -1.0
    return hist.most_common(1)[0][0] if hist else 1.2 * body
