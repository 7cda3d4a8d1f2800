"""Text exported from .docx: '[footnoteRef:N]' marks, footnote text inline as '[N: ...]', bookmarks."""

from __future__ import annotations

import re

from extractors.readers.text_blocks import (
    bullet_marker,
    clean_spaces,
    heading_level,
    looks_like_heading,
    make_block,
    number_marker,
)
from extractors.readers.text_finish import Signature, finish
from schemas import Block, BlockKind, Document, DocumentMeta, FootnoteRef, SourceFormat

_BOOKMARK = re.compile(r"\[bookmark: ([^\]]*)\]")
# Word exports an embedded picture as "[image: alt text]"; it is no text of the document.
_IMAGE = re.compile(r"\[image: [^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\d+)\]")
_FOOTNOTE_START = re.compile(r"\[(\d+):\s")
_BRACKET = re.compile(r"[\[\]]")
# Box titles of agreements are exported as tab-led lines: "\t1: Toekomst ..." / "\t4:  Mantelzorg...".
_BOX_TITLE = re.compile(r"^\t\s*\d{1,2}[a-z]?:\s+\S")
# Private-use characters stand in for footnote marks while lines are cleaned, so offsets stay right.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_SENTINEL = re.compile(_MARK_OPEN + r"(\d+)" + _MARK_CLOSE)
_TERMINAL = (".", ":", ";", "!", "?")


def _cut_footnote_bodies(text: str) -> tuple[str, dict[int, str]]:
    """Remove the inline '[N:  text]' footnote bodies (they may span lines and hold brackets)."""
    bodies: dict[int, str] = {}
    out: list[str] = []
    pos = 0
    for m in _FOOTNOTE_START.finditer(text):
        if m.start() < pos:
            continue
        depth, i = 1, m.end()
        for bracket in _BRACKET.finditer(text, m.end()):  # (from bracket to bracket, not char by char)
            depth += 1 if bracket.group() == "[" else -1
            if not depth:
                i = bracket.end()
                break
        if depth:
            continue  # unbalanced: not a footnote body
        out.append(text[pos : m.start()].rstrip(" "))
        bodies[int(m.group(1))] = clean_spaces(text[m.end() : i - 1].replace("\n", " "))
        pos = i
    out.append(text[pos:])
    return "".join(out), bodies


def _take_marks(text: str) -> tuple[str, list[FootnoteRef]]:
    if _MARK_OPEN not in text:
        return text, []  # (most lines hold no mark)
    refs: list[FootnoteRef] = []
    parts: list[str] = []
    pos = length = 0
    for m in _SENTINEL.finditer(text):
        chunk = text[pos : m.start()]
        parts.append(chunk)
        length += len(chunk)
        refs.append(FootnoteRef(number=int(m.group(1)), offset=length))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), refs


def parse(text: str) -> Document:
    text, bodies = _cut_footnote_bodies(text)
    toc_lines: set[int] = set()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "[" not in line:
            continue  # no bookmark, image or mark: each of them opens with a bracket
        if "[bookmark: _Toc" in line:
            toc_lines.add(i)
        line = _IMAGE.sub("", _BOOKMARK.sub("", line))
        lines[i] = _FOOTNOTE_REF.sub(lambda m: f"{_MARK_OPEN}{m.group(1)}{_MARK_CLOSE}", line)

    blocks: list[Block] = []
    signature = Signature()
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        line = clean_spaces(raw)
        prev = blocks[-1] if blocks else None
        if _BOX_TITLE.match(raw):
            content, refs = _take_marks(line)
            blocks.append(make_block(BlockKind.heading, content, level=3, footnote_refs=refs))
        elif bullet := bullet_marker(raw):
            content, refs = _take_marks(clean_spaces(bullet[1]))
            blocks.append(
                make_block(BlockKind.list_item, content, level=0, marker=bullet[0], footnote_refs=refs)
            )
        elif i in toc_lines:
            content, refs = _take_marks(line)
            blocks.append(
                make_block(BlockKind.heading, content, level=heading_level(content), footnote_refs=refs)
            )
        elif (numbered := number_marker(raw)) and not looks_like_heading(line):
            content, refs = _take_marks(clean_spaces(numbered[1]))
            blocks.append(
                make_block(BlockKind.list_item, content, level=0, marker=numbered[0], footnote_refs=refs)
            )
        elif (
            prev is not None
            and prev.kind in (BlockKind.paragraph, BlockKind.list_item)
            and not prev.text.endswith(_TERMINAL)
            and _continues(line)
        ):
            # A soft line break inside a paragraph: the line continues the previous block.
            content, refs = _take_marks(line)
            base = len(prev.text) + 1
            prev.footnote_refs.extend(r.model_copy(update={"offset": r.offset + base}) for r in refs)
            prev.text = f"{prev.text} {content}"
        else:
            content, refs = _take_marks(line)
            is_heading = not signature.active and looks_like_heading(content) and _next_is_content(lines, i)
            kind = BlockKind.heading if is_heading else BlockKind.paragraph
            level = heading_level(content) if is_heading else None
            blocks.append(make_block(kind, content, level=level, footnote_refs=refs))
        signature.step(line)

    for number in sorted(bodies):
        blocks.append(make_block(BlockKind.footnote, bodies[number], number=number))
    return finish(DocumentMeta(format=SourceFormat.txt), blocks)


def _next_is_content(lines: list[str], i: int) -> bool:
    """A heading is followed by a new start; a line continued in lower case is a broken sentence."""
    following = next((line.strip() for line in lines[i + 1 : i + 6] if line.strip()), "")
    return bool(following) and not _continues(following)


def _continues(line: str) -> bool:
    """A line that goes on with a plain lower-case word continues a sentence ("iWlz is ..." does not)."""
    first = line.split(" ", 1)[0]
    return first[:1].islower() and first.islower()
