"""Agreement blocks from document structure and cue phrases, in the shapes real documents use.

- numbered boxes: a title "N: Title" with the parts "Wat is de afspraak", "Wie gaat wat doen",
  "Wat is het tijdpad" (HLO); unnumbered boxes: the same parts under an ordinary heading;
- coded blocks: "[A1] Title" or a margin code "A1 Title" with the same parts (AZWA), sub-blocks
  "[C3a]"/"[C3b]" under an umbrella "[C3]";
- an unboxed agreement paragraph ("Afgesproken is ...") under its own heading.
A coded or numbered title without parts (tables of contents, lists of measures in an analysis,
finance tables, a list of codes in running text) is a look-alike and is not an agreement. Progress
sections and dated commitments in letters are found in extractors.progress.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from extractors.cues import AgreementCues, agreement_cues
from schemas import Block, BlockKind, Document

_CODED = re.compile(r"^\[(?P<code>[A-Z]\d{1,2}[a-z]?)\]\s*(?P<title>\S.*)$")
_MARGIN_CODED = re.compile(r"^(?P<code>[A-Z]\d{1,2}[a-z]?)\s+(?P<title>[A-Z(‘“\"].*)$")
_CODE_ONLY = re.compile(r"^\[?(?P<code>[A-Z]\d{1,2}[a-z]?)\]?$")
_NUMBERED = re.compile(r"^(?P<code>\d{1,2}[a-z]?)\s*:\s+(?P<title>\S.*)$")
_ANOTHER_CODE = re.compile(r"\b[A-Z]\d{1,2}[a-z]?\b")
# A title is short; a longer paragraph that starts like "[A1] ..." is running text citing an agreement.
MAX_TITLE_CHARS = 250
# The heading that names an unnumbered block stands at most this many blocks before its first part.
MAX_INTRO_BLOCKS = 8


@dataclass
class Anchor:
    block: int
    code: str | None
    title: str
    level: int


@dataclass
class Segment:
    """A stretch of one block: text before any label, or a part's text after its label."""

    block: Block
    start: int
    end: int
    part: str | None  # set when the segment opens with a part label
    label: str = ""


@dataclass
class Draft:
    anchor: Anchor | None
    shape: str
    section: str | None
    parts: dict[str, list[tuple[int, int, int]]] = field(
        default_factory=dict
    )  # part -> [(block, start, end)]
    blocks: list[int] = field(default_factory=list)
    parent: str | None = None
    current: str | None = None
    wie_has_when: bool = False
    filled: set[str] = field(default_factory=set)  # parts that already hold text

    @property
    def code(self) -> str | None:
        return self.anchor.code if self.anchor else None

    def add(self, seg: Segment) -> None:
        if not self.blocks or self.blocks[-1] != seg.block.index:
            self.blocks.append(seg.block.index)
        if self.current:
            self.parts.setdefault(self.current, []).append((seg.block.index, seg.start, seg.end))
            if seg.block.text[seg.start : seg.end].strip():
                self.filled.add(self.current)


def _anchor(block: Block, following: Block | None) -> Anchor | None:
    text = block.text.strip()
    if len(text) > MAX_TITLE_CHARS or block.kind in (BlockKind.table, BlockKind.list_item):
        return None
    level = block.level or 3
    m = _CODED.match(text) or _NUMBERED.match(text)
    if m is None and block.kind == BlockKind.heading:
        margin = _MARGIN_CODED.match(text)
        # A table header such as "D5 Basisfunctionaliteit ... D6 Basisinfrastructuur" is no title.
        if margin and not _ANOTHER_CODE.search(margin.group("title")) and re.search(r"\b[a-z]{3,}", text):
            m = margin
    if m:
        return Anchor(block.index, m.group("code"), m.group("title").strip(), level)
    only = _CODE_ONLY.match(text)
    if only and following is not None and following.kind == BlockKind.heading:
        return Anchor(block.index, only.group("code"), following.text.strip(), following.level or level)
    return None


def segments(cues: AgreementCues, block: Block) -> list[Segment]:
    """Split a block at its part labels; a label may open the block, close it, or stand inside it
    after a theme line ("Regeldruk Wat is de afspraak:", "... van zorg. Wie gaat wat doen:")."""
    text = block.text
    if block.kind == BlockKind.table:
        return [Segment(block, 0, len(text), None)]
    found: list[tuple[int, int, str, str]] = []
    m = cues.part_label.match(text)
    if m:
        label = m.group("label") or m.group("short")
        found.append((m.start(), m.end(), cues.part_of(label), label))
    for m in cues.inline_label.finditer(text):
        if found and m.start("label") < found[-1][1]:
            continue
        label = text[m.start("label") : m.end("label")]  # as written (the match may be lower-cased)
        found.append((m.start("label"), m.end(), cues.part_of(label), label))
    if not found:
        return [Segment(block, 0, len(text), None)]
    out: list[Segment] = []
    if text[: found[0][0]].strip():
        out.append(Segment(block, 0, found[0][0], None))
    for i, (_, content_start, part, label) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        out.append(Segment(block, content_start, end, part, label))
    return out


class _Outline:
    """The headings above the current position, for an agreement's section path."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def push(self, level: int, text: str) -> None:
        self.stack = [(lvl, t) for lvl, t in self.stack if lvl < level] + [(level, text)]

    def path(self, below: int) -> str | None:
        parts = [t for lvl, t in self.stack if lvl < below]
        return " > ".join(parts) if parts else None


def find_agreements(doc: Document, has_time: Callable[[int], bool]) -> list[Draft]:
    """Agreement drafts in document order; `has_time(block)` says whether a block holds a date."""
    cues = agreement_cues()
    content = [b for b in doc.blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]
    anchors: dict[int, Anchor] = {}
    for pos, b in enumerate(content):
        following = content[pos + 1] if pos + 1 < len(content) else None
        if anchor := _anchor(b, following):
            anchors[b.index] = anchor
    consumed = {a.block + 1 for a in anchors.values() if _CODE_ONLY.match(doc.blocks[a.block].text.strip())}
    items = [seg for b in content if b.index not in consumed for seg in segments(cues, b)]
    label_parts = [(i, seg.part) for i, seg in enumerate(items) if seg.part]

    drafts: list[Draft] = []
    outline = _Outline()
    cur: Draft | None = None
    pending: list[Anchor] = []
    last_heading: tuple[int, Block] | None = None  # (position in items, heading block)
    prev_end = -1
    anchor_sections: dict[int, str | None] = {}

    def close() -> None:
        nonlocal cur, prev_end
        if cur is not None:
            drafts.append(cur)
            prev_end = max(cur.blocks)
        cur = None

    for pos, seg in enumerate(items):
        b = seg.block
        if b.index in anchors and seg.start == 0:
            close()
            anchor = anchors[b.index]
            anchor_sections[anchor.block] = outline.path(anchor.level)
            pending.append(anchor)
            continue
        if seg.part is not None:
            if cur is None and seg.part == "other":
                continue  # "Wat zijn de regeldrukeffecten" outside a block opens nothing
            anchor = pending[-1] if pending and pending[-1].block > prev_end else None
            starts_new = (
                cur is None
                or (seg.part in cur.parts and seg.part != "other")
                or (anchor is not None and (cur.anchor is None or anchor.block > cur.anchor.block))
            )
            if starts_new:
                close()
                if anchor is None:
                    anchor = _unnumbered_anchor(last_heading, pos, prev_end)
                if anchor is None:
                    continue
                cur = Draft(anchor, _shape(anchor), outline.path(anchor.level))
                cur.blocks.append(anchor.block)
            assert cur is not None
            cur.current = seg.part
            if seg.part == "wie" and re.search(r"\bwanneer\b", seg.label, re.IGNORECASE):
                cur.wie_has_when = True
            cur.add(seg)
            continue
        if b.kind == BlockKind.heading:
            if cur is not None and _heading_ends(cur, pos, label_parts, anchors, items):
                close()
            if cur is None:
                outline.push(b.level or 2, b.text)
                last_heading = (pos, b)
            else:
                cur.add(seg)
            continue
        if cur is not None:
            if cur.current == "tijdpad" and _tijdpad_done(cur, b, has_time):
                close()
            else:
                cur.add(seg)
                continue
        if (
            b.kind == BlockKind.paragraph
            and cues.agreement_phrase.match(b.text)
            and last_heading is not None
            and last_heading[1].index > prev_end
        ):
            heading = last_heading[1]
            anchor = Anchor(heading.index, None, heading.text.strip(), heading.level or 2)
            draft = Draft(anchor, "paragraph", outline.path(anchor.level), current="afspraak")
            draft.blocks.append(anchor.block)
            draft.add(seg)
            drafts.append(draft)
            prev_end = b.index
    close()
    return _with_umbrellas(_first_of_each_code(drafts), list(anchors.values()), anchor_sections)


def _shape(anchor: Anchor) -> str:
    if anchor.code is None:
        return "box"
    return "coded" if anchor.code[0].isalpha() else "numbered"


def _first_of_each_code(drafts: list[Draft]) -> list[Draft]:
    """A code seen again later (a list of codes in an annex, a summary) is not a second agreement."""
    seen: set[str] = set()
    out = []
    for d in drafts:
        if d.code and d.code in seen:
            continue
        if d.code:
            seen.add(d.code)
        out.append(d)
    return out


def _unnumbered_anchor(last_heading: tuple[int, Block] | None, pos: int, prev_end: int) -> Anchor | None:
    if last_heading is None:
        return None
    heading_pos, heading = last_heading
    if heading.index <= prev_end or pos - heading_pos > MAX_INTRO_BLOCKS:
        return None
    return Anchor(heading.index, None, heading.text.strip(), heading.level or 2)


def _with_umbrellas(
    drafts: list[Draft], anchors: list[Anchor], sections: dict[int, str | None]
) -> list[Draft]:
    """Sub-blocks ("C3a", "C3b") belong to the umbrella block whose code they extend ("C3"): the last
    title with that code before the first sub-block, which has no parts of its own."""
    out: list[Draft] = []
    have = {d.code for d in drafts if d.code}
    for d in drafts:
        base = re.sub(r"[a-z]+$", "", d.code or "")
        if d.code and d.code[0].isalpha() and base != d.code and d.anchor is not None:
            if base not in have:
                before = [a for a in anchors if a.code == base and a.block < d.anchor.block]
                if before:
                    umbrella = before[-1]
                    out.append(
                        Draft(umbrella, "coded", sections.get(umbrella.block), blocks=[umbrella.block])
                    )
                    have.add(base)
            if base in have:
                d.parent = base
        out.append(d)
    return out


def _heading_ends(
    cur: Draft, pos: int, label_parts: list[tuple[int, str]], anchors: dict, items: list
) -> bool:
    """Does a heading end the current block, or is it a sub-heading inside it?

    Every block ends after its timeline or closing parts. Before that, coded blocks run until the
    next code (their parts carry sub-headings), and in a box a heading is internal when more parts
    of the same box follow.
    """
    if cur.current in ("tijdpad", "other"):
        # A heading right under the label ("Wat is het tijdpad:" / "Concrete voorstellen") heads the
        # part; one after the part's text starts what follows the block.
        return cur.current in cur.filled
    if cur.shape == "coded":
        return False
    if cur.current == "wie" and cur.wie_has_when:
        return True
    for i, part in label_parts:
        if i <= pos:
            continue
        if any(items[j].block.index in anchors for j in range(pos + 1, i)):
            return True
        return part in cur.parts
    return True


def _tijdpad_done(cur: Draft, block: Block, has_time: Callable[[int], bool]) -> bool:
    """The timeline is bullets or dated sentences; an undated paragraph after it is narrative again."""
    if "tijdpad" not in cur.filled:
        return False
    if block.kind == BlockKind.list_item:
        return False
    return not has_time(block.index)
