"""Plain text: paragraphs separated by blank lines, bullets and numbered items on their own lines."""

from __future__ import annotations

from extractors.readers.dehyphenate import Vocabulary, join_lines
from extractors.readers.text_blocks import (
    bullet_marker,
    heading_level,
    looks_like_heading,
    make_block,
    number_marker,
)
from extractors.readers.text_finish import Signature, finish
from schemas import Block, BlockKind, Document, DocumentMeta, SourceFormat


def parse(text: str) -> Document:
    vocab = Vocabulary(text)
    blocks: list[Block] = []
    signature = Signature()
    for chunk in text.split("\n\n"):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if not lines:
            continue
        paragraph: list[str] = []
        for line in lines:
            marker = bullet_marker(line) or number_marker(line)
            if marker:
                if paragraph:
                    blocks.append(make_block(BlockKind.paragraph, join_lines(paragraph, vocab)))
                    paragraph = []
                blocks.append(make_block(BlockKind.list_item, marker[1], marker=marker[0], level=0))
            elif blocks and blocks[-1].kind == BlockKind.list_item and not paragraph and line[:1].islower():
                blocks[-1].text = join_lines([blocks[-1].text, line], vocab)
            else:
                paragraph.append(line)
        if paragraph:
            joined = join_lines(paragraph, vocab)
            if len(paragraph) == 1 and not signature.active and looks_like_heading(joined):
                blocks.append(make_block(BlockKind.heading, joined, level=heading_level(joined)))
            else:
                blocks.append(make_block(BlockKind.paragraph, joined))
            signature.step(joined)
    return finish(DocumentMeta(format=SourceFormat.txt), blocks)
