"""Metadata of a .docx: the Kamerstuk header in the text first, document properties as fallback.

A Kamerstuk as the Kamer publishes it opens with lines like

    TWEEDE KAMER DER STATEN-GENERAAL 2
    Vergaderjaar 2024-2025
    36 278 Wijziging van de Wet kwaliteit, klachten en geschillen zorg ...
    Nr. 32 MOTIE VAN HET LID RIKKERS-OOSTERKAMP
    Voorgesteld 24 april 2025

which give the dossier (36278), the volgnummer (32), the kind (motie), a title and a date. Core
properties (title, subject, keywords, created) are often left over from a template ("Titel max 4
regels"), so they only fill what the text does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree

from extractors.readers.dates import MONTH_ALTERNATION, date_from_parts
from schemas import BlockKind

# The Kamerstuk header sits in the first lines; looking further only finds citations of other stukken.
HEADER_SEARCH_BLOCKS = 12
# The "Nr." line follows the dossier line within this many blocks.
NR_LINE_WINDOW = 3
# A document date is only taken when a cue word stands before it; bare dates in the first lines of
# agreements are deadlines ("uiterlijk op 15 november 2026"), not the document's date.
DATE_SEARCH_BLOCKS = 25
_DATE_CUE = re.compile(
    r"\b(?:voorgesteld|ontvangen|vastgesteld|datum|den haag,|'s-gravenhage,)\s*:?\s*(\d{1,2})\s+("
    + MONTH_ALTERNATION
    + r")\s+(\d{4})\b",
    re.IGNORECASE,
)
# "36 278 Wijziging van ...", "36 600 XVI Vaststelling ...", "21 501-31 Raad ...".
_DOSSIER_LINE = re.compile(
    r"^(\d{2})[\s\u00a0]?(\d{3})(?:-(\d{1,3})|[\s\u00a0-]+([IVXLC]{1,7}|[A-Z]))?[\s\u00a0]+(\S.*)$", re.DOTALL
)
_NR_LINE = re.compile(r"^Nr\.[\s\u00a0]*(\d{1,4})(?:[\s\u00a0]+(\S.*))?$", re.DOTALL)
_VERGADERJAAR = re.compile(r"^Vergaderjaar\s+(\d{4}\s*[-–]\s*\d{4})$")
# The kind line of a Kamerstuk, by its opening words (longest first), mapped to our document kinds.
KINDS: tuple[tuple[str, str], ...] = (
    ("NADER GEWIJZIGD AMENDEMENT", "amendement"),
    ("GEWIJZIGD AMENDEMENT", "amendement"),
    ("GEWIJZIGDE MOTIE", "motie"),
    ("AMENDEMENT", "amendement"),
    ("MOTIE", "motie"),
    ("BRIEF", "brief"),
    ("NOTA VAN WIJZIGING", "nota-van-wijziging"),
    ("NOTA NAAR AANLEIDING VAN HET", "nota-naar-aanleiding-van-het-verslag"),
    ("MEMORIE VAN TOELICHTING", "memorie-van-toelichting"),
    ("VOORSTEL VAN WET", "wetsvoorstel"),
    ("VERSLAG", "verslag"),
    ("LIJST VAN VRAGEN", "lijst-van-vragen-en-antwoorden"),
    ("ADVIES RAAD VAN STATE", "advies-raad-van-state"),
    ("KONINKLIJKE BOODSCHAP", "koninklijke-boodschap"),
    ("BIJLAGE", "bijlage"),
    ("NOTA", "nota"),
)
_MEMBERS = re.compile(r"^(.*?\bVAN (?:HET LID|DE LEDEN))\s+(.+)$")
# Dutch name particles are written lower case inside a name, capitalised when the name starts with them.
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "du"}
)
_JOINERS = frozenset({"en", "c.s.", "c.s"})


@dataclass
class TextMeta:
    dossier: str | None = None
    volgnummer: str | None = None
    kind: str | None = None
    title: str | None = None
    dossier_title: str | None = None
    vergaderjaar: str | None = None
    date: date | None = None


def _name_case(names: str) -> str:
    """'VAN DER PLAS EN RIKKERS-OOSTERKAMP C.S.' -> 'Van der Plas en Rikkers-Oosterkamp c.s.'"""
    out: list[str] = []
    at_start = True
    for token in names.replace(",", " , ").split():
        low = token.lower()
        if low in _JOINERS or token == ",":
            out.append(low)
            at_start = True
            continue
        if low in _PARTICLES and not at_start:
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in token.split("-")))
        at_start = False
    return " ".join(out).replace(" , ", ", ")


def kind_title(line: str) -> str:
    """The kind line as a title: all-caps lines get sentence case with members' names capitalised."""
    line = " ".join(line.split())
    if not line.isupper():
        return line
    m = _MEMBERS.match(line)
    if m:
        head = m.group(1)
        return head[:1] + head[1:].lower() + " " + _name_case(m.group(2))
    return line[:1] + line[1:].lower()


def kind_of(line: str) -> str | None:
    upper = line.upper().strip()
    for prefix, kind in KINDS:
        if upper.startswith(prefix):
            return kind
    first = upper.split()[0] if upper.split() else ""
    return first.lower() or None


def from_text(blocks: list[tuple[BlockKind, str]]) -> TextMeta:
    """Kamerstuk header and document date from the first content blocks (kind, text)."""
    meta = TextMeta()
    texts = [text for kind, text in blocks if kind in (BlockKind.paragraph, BlockKind.heading)]
    head = texts[:HEADER_SEARCH_BLOCKS]
    for i, text in enumerate(head):
        if meta.vergaderjaar is None and (m := _VERGADERJAAR.match(text)):
            meta.vergaderjaar = re.sub(r"\s*[-–]\s*", "-", m.group(1))
            continue
        m = _DOSSIER_LINE.match(text)
        if m is None or meta.dossier is not None:
            continue
        for j in range(i + 1, min(i + 1 + NR_LINE_WINDOW, len(head))):
            nr = _NR_LINE.match(head[j])
            if nr is None:
                continue
            suffix = m.group(3) or m.group(4)
            meta.dossier = m.group(1) + m.group(2) + (f"-{suffix}" if suffix else "")
            meta.dossier_title = " ".join(m.group(5).split())
            meta.volgnummer = nr.group(1)
            kind_line = nr.group(2) or (head[j + 1] if j + 1 < len(head) else "")
            if kind_line:
                meta.kind = kind_of(kind_line)
                meta.title = kind_title(kind_line)
            break
    for text in texts[:DATE_SEARCH_BLOCKS]:
        if dm := _DATE_CUE.search(text):
            meta.date = date_from_parts(dm.group(1), dm.group(2), dm.group(3))
            if meta.date is not None:
                break
    return meta


@dataclass
class PackageProps:
    title: str | None = None
    subject: str | None = None
    keywords: str | None = None
    created: datetime | None = None
    pages: int | None = None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _clean(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def _parse_datetime(text: str | None) -> datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    # W3CDTF with a 'Z' and sometimes seven fractional digits (2025-04-25T06:10:00.0000000Z).
    text = re.sub(r"(\.\d{6})\d+", r"\1", text.replace("Z", "+00:00"))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def package_props(core: etree._Element | None, app: etree._Element | None) -> PackageProps:
    """Core properties (any namespace prefix; some writers use a default namespace) and app.xml Pages."""
    props = PackageProps()
    if core is not None:
        for el in core.iterchildren():
            name = _local(el)
            if name == "title":
                props.title = _clean(el.text)
            elif name == "subject":
                props.subject = _clean(el.text)
            elif name == "keywords":
                props.keywords = _clean("".join(el.itertext()))
            elif name == "created":
                props.created = _parse_datetime(el.text)
    if app is not None:
        for el in app.iterchildren():
            if _local(el) == "Pages":
                try:
                    pages = int((el.text or "").strip())
                except ValueError:
                    pages = 0
                props.pages = pages if pages > 0 else None
    return props
