"""The document model: what every reader produces and every later stage consumes.

A Document is metadata plus an ordered list of Blocks. `Document.text` is the document's
normalised text: the block texts joined by BLOCK_SEPARATOR, in block order. Every block knows its
span in that text, so any fact found inside a block can be given a document-level character span
(`block.char_start + offset_in_block`) that a user can jump to.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

from pydantic import BaseModel, Field, model_validator

BLOCK_SEPARATOR = "\n\n"
_SPAN_FIELDS = ("index", "char_start", "char_end")


class BlockKind(StrEnum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table = "table"
    footnote = "footnote"
    furniture = "furniture"  # running headers/footers, page numbers, site navigation


class SourceFormat(StrEnum):
    txt = "txt"
    docx = "docx"
    pdf = "pdf"


class FootnoteRef(BaseModel):
    """A footnote reference mark, removed from the running text and kept as a link.

    `offset` is the position in the block text where the mark stood (the mark itself is not part of
    the text, so "toekomen.1" becomes "toekomen." with a ref at offset 9).
    """

    number: int
    offset: int


class Block(BaseModel):
    index: int = 0
    kind: BlockKind
    text: str
    level: int | None = None  # heading level (1 = top) or list nesting level (0 = top)
    marker: str | None = None  # printed list marker: "1.", "a)", "•", "-"
    number: int | None = None  # footnote number (kind == footnote)
    cells: list[list[str]] | None = None  # table rows (kind == table)
    style: str | None = None  # source style name where the format has one (docx)
    page: int | None = None  # 1-based printed page where known (a spread holds two printed pages)
    source_page: int | None = None  # 1-based physical page of the file (PDF) where known
    footnote_refs: list[FootnoteRef] = Field(default_factory=list)
    char_start: int = 0
    char_end: int = 0


class DocumentMeta(BaseModel):
    """Metadata of one document version.

    `nummer` is the Tweede Kamer document number (2026D02742) where known; `dossier` and
    `volgnummer` make up the kamerstuk id (kst-29389-162); `parent_nummer` links a bijlage to the
    letter it belongs to.
    """

    document_id: str = ""
    nummer: str | None = None
    version: int = 1
    title: str | None = None
    kind: str | None = None  # brief, bijlage, akkoord, motie, ...
    date: datetime.date | None = None
    updated: str | None = None
    dossier: str | None = None
    volgnummer: str | None = None
    zaak: str | None = None
    parent_nummer: str | None = None
    source_file: str = ""  # base name of the input file
    source_path: str = ""  # path as given to the reader
    format: SourceFormat
    text_kind: str | None = None  # txt only: tkconv, docx-export, pdf-export, plain
    sha256: str = ""
    pages: int | None = None
    extra: dict[str, str] = Field(default_factory=dict)  # e.g. kenmerk, betreft from a sidebar


class Document(BaseModel):
    meta: DocumentMeta
    blocks: list[Block]
    text: str = ""

    @model_validator(mode="after")
    def _assign_spans(self) -> Document:
        """Number the blocks and compute their spans, so readers never do this by hand."""
        parts: list[str] = []
        pos = 0
        for i, block in enumerate(self.blocks):
            if i:
                pos += len(BLOCK_SEPARATOR)
            end = pos + len(block.text)
            # Written to the field values directly: pydantic's __setattr__ costs a few microseconds
            # per assignment, and a large document has thousands of blocks.
            values = block.__dict__
            values["index"], values["char_start"], values["char_end"] = i, pos, end
            block.__pydantic_fields_set__.update(_SPAN_FIELDS)
            pos = end
            parts.append(block.text)
        self.text = BLOCK_SEPARATOR.join(parts)
        return self

    def footnotes(self) -> dict[int, Block]:
        return {b.number: b for b in self.blocks if b.kind == BlockKind.footnote and b.number is not None}

    def content_blocks(self) -> list[Block]:
        """Blocks that carry the document's own text (no furniture, no footnotes)."""
        return [b for b in self.blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]

    def block_at(self, char_pos: int) -> Block | None:
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if char_pos < b.char_start:
                hi = mid - 1
            elif char_pos > b.char_end:
                lo = mid + 1
            else:
                return b
        return None
