"""tkconv/OpenTK pages: metadata header, one paragraph per line, footnotes listed as '  N. ...↩︎'."""

from __future__ import annotations

import re
from datetime import date

from extractors.readers.text_blocks import (
    bullet_marker,
    clean_spaces,
    looks_like_heading,
    make_block,
    number_marker,
    unglue_marks,
)
from extractors.readers.text_finish import Signature, finish
from schemas import Block, BlockKind, Document, DocumentMeta, SourceFormat

_NUMMER = re.compile(
    r"^Nummer: (?P<nummer>\d{4}D\d{5}), datum: (?P<date>\d{4}-\d\d-\d\d)"
    r"(?:, bijgewerkt: (?P<updated>[\d\- :]+))?(?:, versie: (?P<version>\d+))?"
)
_DOSSIER = re.compile(
    r"^Onderdeel van kamerstukdossier (?P<dossier>\d+(?:[ -]?[A-Z]{1,6})?)\s*-\s*(?P<nr>\d+)"
)
_ZAAK = re.compile(r"^Onderdeel van zaak (?P<zaak>\d{4}Z\d{5})")
_PARENT = re.compile(r"^Bijlage bij: .*\((?P<parent>\d{4}D\d{5})\)\s*$")
_FOOTNOTE = re.compile(r"^\s+(?P<n>\d{1,3})\.\s+(?P<text>.*?)\s*↩︎?\s*$")
_BODY_START = re.compile(r"^Preview document")
_NAV = re.compile(r"^\[(?:overzicht|toezeggingen)\]")

# The document category line on tkconv pages, mapped to our document kinds.
KINDS = {
    "brief regering": "brief",
    "bijlage": "bijlage",
    "motie": "motie",
    "amendement": "amendement",
    "verslag": "verslag",
    "schriftelijke vragen": "kamervragen",
    "antwoord schriftelijke vragen": "kamervragen",
    "memorie van toelichting": "memorie-van-toelichting",
    "wetsvoorstel": "wetsvoorstel",
}


def _header(lines: list[str]) -> tuple[DocumentMeta, int, list[Block]]:
    meta = DocumentMeta(format=SourceFormat.txt)
    furniture: list[Block] = []
    plain: list[str] = []
    body_start = len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        furniture.append(make_block(BlockKind.furniture, s))
        if _BODY_START.match(s):
            body_start = i + 1
            break
        if m := _NUMMER.match(s):
            meta.nummer = m["nummer"]
            meta.date = date.fromisoformat(m["date"])
            meta.updated = (m["updated"] or "").strip() or None
            meta.version = int(m["version"] or 1)
        elif m := _DOSSIER.match(s):
            meta.dossier = re.sub(r"[ ]+", "-", m["dossier"].strip())
            meta.volgnummer = m["nr"]
        elif m := _ZAAK.match(s):
            meta.zaak = m["zaak"]
        elif m := _PARENT.match(s):
            meta.parent_nummer = m["parent"]
        elif not _NAV.match(s) and meta.nummer is None:
            plain.append(s)
    # Before the "Nummer:" line come the title, (the dossier title,) and the category line.
    if plain:
        meta.title = plain[0]
        category = plain[-1].lower()
        meta.kind = KINDS.get(category, category.replace(" ", "-") if len(plain) > 1 else None)
    return meta, body_start, furniture


def parse(text: str) -> Document:
    lines = text.split("\n")
    meta, body_start, blocks = _header(lines)
    body: list[str] = []
    footnotes: list[Block] = []
    for line in lines[body_start:]:
        if (m := _FOOTNOTE.match(line)) and line.rstrip().endswith("↩︎"):
            footnotes.append(make_block(BlockKind.footnote, m["text"], number=int(m["n"])))
        else:
            body.append(line)

    items: list[tuple[BlockKind, str | None, str, int | None, str]] = []
    for line in body:
        s = line.strip()
        if not s:
            continue
        kind, marker, content, level = BlockKind.paragraph, None, s, None
        if bullet := bullet_marker(line):
            kind, (marker, content), level = BlockKind.list_item, bullet, _indent_level(line)
        elif line.startswith(" ") and (numbered := number_marker(line)):
            kind, (marker, content), level = BlockKind.list_item, numbered, _indent_level(line)
        items.append((kind, marker, clean_spaces(content), level, s))
    numbers = [f.number for f in footnotes if f.number is not None]
    unglued = unglue_marks([item[2] for item in items], numbers)
    signature = Signature()
    for (kind, marker, _, level, raw), (text, refs) in zip(items, unglued, strict=True):
        if kind == BlockKind.paragraph and not signature.active and looks_like_heading(text):
            kind, level = BlockKind.heading, 2
        blocks.append(make_block(kind, text, level=level, marker=marker, footnote_refs=refs))
        signature.step(raw)
    blocks.extend(footnotes)
    return finish(meta, blocks)


def _indent_level(line: str) -> int:
    indent = len(line) - len(line.lstrip(" "))
    return max(0, (indent - 2) // 4)
