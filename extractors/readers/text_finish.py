"""Finishing touches shared by readers: outline levels of section series, metadata fallbacks."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from extractors.readers.dates import parse_dutch_date
from schemas import Block, BlockKind, Document, DocumentMeta

_SERIES = re.compile(r"^([A-Za-zÀ-ÿ]+)\s+\d{1,2}[a-z]?\b")
# A word that heads at least this many headings followed by a number ("Cluster 1", "Actielijn 2")
# marks a series of sections; three keeps "Bijlage 1" + "Bijlage 2" mentions from qualifying.
MIN_SERIES = 3
# Only the first blocks are searched for a document date; later dates are about other things.
DATE_SEARCH_BLOCKS = 25
# Blocks at the top of a document in which its title may stand.
TITLE_SEARCH_BLOCKS = 3
_CLOSING = ("hoogachtend", "met vriendelijke groet", "met de meeste hoogachting")
_CLOSING_INITIALS = frozenset(
    {initial for formula in _CLOSING for initial in (formula[0], formula[0].upper())}
)


def closing_formula(line: str) -> bool:
    """The letter's closing formula: what follows is the signature, not headings."""
    return line.strip().lower().startswith(_CLOSING)


# A signature (name, function, ministry) takes at most this many lines after the closing formula;
# a bundle of documents goes on with the next document after it.
SIGNATURE_LINES = 6


class Signature:
    """Tracks whether the current line belongs to a letter's signature."""

    def __init__(self) -> None:
        self.left = 0

    @property
    def active(self) -> bool:
        return self.left > 0

    def step(self, line: str) -> None:
        # Every closing formula starts with an h or an m: most lines are settled without lower-casing.
        if line.lstrip()[:1] in _CLOSING_INITIALS and closing_formula(line):
            self.left = SIGNATURE_LINES
        elif self.left:
            self.left -= 1


def _series_levels(blocks: list[Block]) -> None:
    """Headings of a series ("Cluster 1".."Cluster 16") are sections; headings between them are
    subsections, except a heading directly followed by another heading, which opens a sibling
    section of its own ("Medisch generalistische zorg" / "Programma MGZ in de regio")."""
    content = [b for b in blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]
    headings = [b for b in content if b.kind == BlockKind.heading]
    words = Counter(m.group(1).lower() for b in headings if (m := _SERIES.match(b.text)))
    series = {w for w, n in words.items() if n >= MIN_SERIES}
    if not series:
        return
    inside = False
    for i, b in enumerate(content):
        if b.kind != BlockKind.heading:
            continue
        m = _SERIES.match(b.text)
        if m and m.group(1).lower() in series:
            b.level = 2
            inside = True
        elif inside and (b.level or 2) >= 2:
            followed_by_heading = i + 1 < len(content) and content[i + 1].kind == BlockKind.heading
            b.level = 2 if followed_by_heading else 3


def finish(meta: DocumentMeta, blocks: list[Block]) -> Document:
    _series_levels(blocks)
    content = [b for b in blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]
    if not meta.title:
        # A title opens the document; a heading after the opening paragraphs is a section's.
        meta.title = next(
            (b.text for b in content[:TITLE_SEARCH_BLOCKS] if b.kind == BlockKind.heading), None
        )
    if not meta.kind:
        meta.kind = guess_kind(meta.title or "", content)
    if meta.date is None:
        meta.date = document_date(blocks)
    return Document(meta=meta, blocks=blocks)


# A date stands on its own (a "Datum" line, a dateline, a running header), not inside a sentence.
MAX_DATELINE_CHARS = 70


def document_date(blocks: list[Block]) -> date | None:
    for b in blocks[:DATE_SEARCH_BLOCKS] + [b for b in blocks if b.kind == BlockKind.furniture]:
        if b.kind == BlockKind.furniture or len(b.text) <= MAX_DATELINE_CHARS or b.text.startswith("Datum"):
            found = parse_dutch_date(b.text)
            if found:
                return found
    return None


def guess_kind(title: str, content: list[Block]) -> str | None:
    lowered = title.lower()
    if any(b.text.startswith("Geachte voorzitter") for b in content[:DATE_SEARCH_BLOCKS]):
        return "brief"
    for word, kind in (
        ("motie", "motie"),
        ("bijlage", "bijlage"),
        ("akkoord", "akkoord"),
        ("brief", "brief"),
    ):
        if word in lowered:
            return kind
    return None
