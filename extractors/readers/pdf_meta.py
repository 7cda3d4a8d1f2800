"""Document metadata from a PDF: the Rijksoverheid letter head, the PDF info dictionary, the cover.

Rijksoverheid letters carry their metadata in a right-hand sidebar (Bezoekadres, Kenmerk, Bijlage(n),
sometimes Datum and Betreft) and in label/value lines above the salutation (Datum, Betreft). Those
become metadata and furniture, never body text. Other documents fall back on the PDF info dictionary
and on the largest text of the first page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from extractors.readers.dehyphenate import join_lines
from extractors.readers.pdf_layout import Line, Unit

# A sidebar is a narrow region right of this share of the page width, at most this share wide.
SIDEBAR_MIN_X = 0.6
SIDEBAR_MAX_WIDTH = 0.35
# Label/value lines of a letter head sit in the upper part of the first page.
LETTER_HEAD_MAX_Y = 0.5
# A wrapped value's next line starts at least this many points right of the label's left edge.
VALUE_ALIGN_TOLERANCE = 3.0

# Labels of the letter head and sidebar, lower case without a trailing colon.
SIDEBAR_LABELS = frozenset(
    {
        "bezoekadres",
        "postadres",
        "retouradres",
        "kenmerk",
        "ons kenmerk",
        "uw kenmerk",
        "uw brief",
        "uw brief van",
        "uw referentie",
        "onze referentie",
        "bijlage",
        "bijlagen",
        "bijlage(n)",
        "aantal bijlagen",
        "datum",
        "betreft",
        "onderwerp",
        "contactpersoon",
        "inlichtingen",
        "telefoon",
        "e-mail",
        "doorkiesnummer",
    }
)
HEAD_LABELS = frozenset(
    {"datum", "betreft", "onderwerp", "kenmerk", "ons kenmerk", "uw kenmerk", "bijlage(n)"}
)
_FIELD_OF_LABEL = {
    "kenmerk": "kenmerk",
    "ons kenmerk": "kenmerk",
    "uw kenmerk": "uw_kenmerk",
    "bijlage": "bijlagen",
    "bijlagen": "bijlagen",
    "bijlage(n)": "bijlagen",
    "aantal bijlagen": "bijlagen",
    "datum": "datum",
    "betreft": "betreft",
    "onderwerp": "betreft",
}
_RETOURADRES = re.compile(r"^>?\s*retouradres\b", re.IGNORECASE)
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")
_BAD_INFO_TITLE = re.compile(
    r"^(microsoft (word|powerpoint)|untitled|naamloos|document\d*$)|\.(docx?|pdf|indd)$", re.I
)


@dataclass(slots=True)
class Letter:
    fields: dict[str, str] = field(default_factory=dict)
    furniture: set[int] = field(default_factory=set)  # id() of body lines that are letter head
    sidebar: bool = False

    @property
    def is_letter(self) -> bool:
        return self.sidebar or ("datum" in self.fields and "betreft" in self.fields)


def _label(text: str) -> str:
    return text.strip().rstrip(":").strip().lower()


def read_letter(units: list[Unit]) -> Letter:
    """Mark sidebars and letter-head lines, and collect their label/value pairs."""
    letter = Letter()
    for ui, unit in enumerate(units):
        for region in unit.regions:
            lines = [i for i in region.items if isinstance(i, Line)]
            if (
                lines
                and region.x0 >= unit.x0 + SIDEBAR_MIN_X * unit.width
                and region.x1 - region.x0 <= SIDEBAR_MAX_WIDTH * unit.width
                and any(_label(ln.text) in SIDEBAR_LABELS for ln in lines)
            ):
                region.sidebar = True
                letter.sidebar = True
                _sidebar_fields(lines, letter.fields)
                continue
            if ui == 0:
                _head_fields(lines, unit, letter)
    return letter


def _sidebar_fields(lines: list[Line], fields: dict[str, str]) -> None:
    label: str | None = None
    values: dict[str, list[str]] = {}
    for line in lines:
        name = _label(line.text)
        if name in SIDEBAR_LABELS:
            label = name
            values.setdefault(label, [])
        elif line.cells >= 2 and _label(line.first_cell) in SIDEBAR_LABELS:
            label = _label(line.first_cell)
            values.setdefault(label, []).append(line.text[len(line.first_cell) :].strip())
        elif label is not None:
            values[label].append(line.text)
    for name, parts in values.items():
        key = _FIELD_OF_LABEL.get(name)
        if key and parts and key not in fields:
            fields[key] = join_lines(parts)


def _head_fields(lines: list[Line], unit: Unit, letter: Letter) -> None:
    """Label/value lines ("Datum  8 september 2025") and the return address above the letter body."""
    current: tuple[str, Line] | None = None  # (field, its last line) while a value may wrap
    for line in lines:
        if line.base > LETTER_HEAD_MAX_Y * unit.height:
            break
        if _RETOURADRES.match(line.text):
            letter.furniture.add(id(line))
            continue
        label = _label(line.first_cell)
        if line.cells >= 2 and label in HEAD_LABELS:
            key = _FIELD_OF_LABEL.get(label, label)
            value = line.text[len(line.first_cell) :].strip()
            letter.fields.setdefault(key, value)
            letter.furniture.add(id(line))
            current = (key, line)
            continue
        if current is not None:
            key, last = current
            # A wrapped value continues under the value, right of the label.
            if 0 < line.base - last.base <= 1.6 * line.size and line.x0 > last.x0 + VALUE_ALIGN_TOLERANCE:
                letter.fields[key] = join_lines([letter.fields[key], line.text])
                letter.furniture.add(id(line))
                current = (key, line)
                continue
        current = None


def parse_pdf_date(value: str | None) -> date | None:
    """The date of a PDF date string ("D:20250703115411+02'00'")."""
    m = _PDF_DATE.match((value or "").strip())
    if not m or not m.group(2) or not m.group(3):
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def usable_info_title(value: str | None) -> str | None:
    """The info-dictionary title unless it is empty or a file/program name ("Microsoft Word - x.docx")."""
    title = (value or "").strip()
    if len(title) < 3 or _BAD_INFO_TITLE.search(title):
        return None
    return title
