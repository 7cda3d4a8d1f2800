"""Running headers and footers, page numbers and footnote areas of a PDF, found across its pages.

Furniture is text in the top or bottom band of a page that repeats (digits ignored) at the same
height on several pages, or a bare page number there. The number in a running footer, or a bare
folio, becomes the printed page number. Footnotes are the small text at the bottom of a page that
opens with a footnote number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from extractors.readers.pdf_layout import Line, Unit, group_lines
from extractors.readers.pdf_page import ASCENT_EM, DESCENT_EM, Seg

# Running headers/footers live in these bands of the page height (the AZWA "AZWA" chapter mark sits
# at 12% from the top, page numbers and footers in the bottom 6%; body text starts below 8-14%).
TOP_ZONE = 0.15
BOTTOM_ZONE = 0.10
# A text in a band is a running header/footer when it repeats (digits ignored) at the same height on
# at least this many pages (fewer pages in short documents) ...
FURNITURE_MIN_PAGES = 3
FURNITURE_Y_TOLERANCE = 4.0  # points; the same running footer sits within 1 pt from page to page
# ... and nearly all its occurrences are in that band ("Wat is de afspraak:" repeats 26 times, mostly
# mid-page, and must stay content).
FURNITURE_ZONE_SHARE = 0.8
# Occurrences outside the bands are only counted for texts this much longer than the longest band
# text: keys fold each number to "#" ("Pagina 10 van 12" -> "pagina # van #"), dates lose 3-4 chars.
KEY_DIGIT_SLACK = 8
# A running text's changing number must follow the page sequence on this share of its pages.
PAGE_TRACKING_SHARE = 0.8
# Footnotes are set smaller than the body: 7-8 pt under 9-10 pt text in the reference documents.
FOOTNOTE_SIZE_RATIO = 0.9
FOOTNOTE_MIN_TOP = 0.45  # footnote areas start in the lower half of a page

_DIGITS = re.compile(r"\d+")
_ASCII_DIGITS = b"0123456789"
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—]?\s*(\d{1,4})\s*[-–—]?(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+\S")


def _key(text: str) -> str:
    """The text in lower case with every number folded to "#" ("Pagina 10 van 12" -> "pagina # van #")."""
    lowered = text.lower()
    if lowered.isascii():
        # Most band texts are ASCII without digits; a bytes scan says so at a fraction of a regex call.
        raw = lowered.encode()
        if len(raw.translate(None, _ASCII_DIGITS)) == len(raw):
            return lowered.strip()
    return _DIGITS.sub("#", lowered).strip()


def mark_furniture(units: list[Unit]) -> None:
    """Move running headers/footers and page numbers out of `segs`, and set printed page numbers."""
    if not units:
        return
    min_pages = max(2, min(FURNITURE_MIN_PAGES, len(units)))
    banded: list[tuple[int, Seg, str, str]] = []  # (unit, segment, key, zone) for text in a band
    zoned: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)  # -> [(unit, base)]
    outside: list[Seg] = []
    for ui, unit in enumerate(units):
        top_limit = TOP_ZONE * unit.height
        bottom_limit = (1 - BOTTOM_ZONE) * unit.height
        for s in unit.segs:
            # (s.top and s.bottom written out: this loop visits every segment of the document)
            if s.base - ASCENT_EM * s.size < top_limit:
                zone = "top"
            elif s.base + DESCENT_EM * s.size > bottom_limit:
                zone = "bottom"
            else:
                outside.append(s)
                continue
            key = _key(s.text)
            banded.append((ui, s, key, zone))
            zoned[(key, zone)].append((ui, s.base))
    if not banded:
        _infer_page_numbers(units)
        return
    # Occurrences outside the bands, counted only for texts short enough to be a band text (a key
    # is shorter than its text by the digits it folds: a few per running header or page number).
    longest = max(len(k) for k, _ in zoned) + KEY_DIGIT_SLACK
    totals: Counter[str] = Counter()
    for (key, _), hits in zoned.items():
        totals[key] += len(hits)
    # Only keys that repeat on enough pages ever have their total read, so only texts that may fold
    # to one of those are counted (segment texts are stripped: a key opens with its text's head).
    heads = {k[:3] for (k, _), hits in zoned.items() if len(hits) >= min_pages}
    for s in outside:
        if len(s.text) <= longest:
            head = s.text[:3].lower()
            if head in heads or any(map(str.isdigit, head)):
                totals[_key(s.text)] += 1
    running: dict[tuple[str, str], float] = {}  # (key, zone) -> typical baseline
    for (key, zone), hits in zoned.items():
        if len(hits) < min_pages or len(hits) < FURNITURE_ZONE_SHARE * totals[key]:
            continue
        bases = sorted(b for _, b in hits)
        median = bases[len(bases) // 2]
        pages = {u for u, b in hits if abs(b - median) <= FURNITURE_Y_TOLERANCE}
        if len(pages) >= min_pages:
            running[(key, zone)] = median
    _drop_numbered_titles(running, banded, units)

    candidates: list[tuple[int, Seg, str, str]] = []
    for ui, s, key, zone in banded:
        median = running.get((key, zone))
        is_page_number = _PAGE_NUMBER.match(s.text) is not None
        if is_page_number or (median is not None and abs(s.base - median) <= FURNITURE_Y_TOLERANCE):
            candidates.append((ui, s, key, zone))
    # A number that shares its printed line with other text is a table or contents cell, not a folio.
    band_ids = {id(s) for _, s, _, _ in candidates}
    rows = {(units[ui].source_page, s.row) for ui, s, _, _ in candidates}
    row_mates: Counter[tuple[int, int]] = Counter()
    for ui in {ui for ui, _, _, _ in candidates}:
        page = units[ui].source_page
        for s in units[ui].segs:
            if (page, s.row) in rows and id(s) not in band_ids:
                row_mates[(page, s.row)] += 1
    furniture = [c for c in candidates if not row_mates[(units[c[0]].source_page, c[1].row)]]
    varying = _varying_number_positions(furniture)
    furniture = _plausible_folios(furniture, varying, running)
    moved: set[int] = set()
    for ui, s, key, zone in furniture:
        unit = units[ui]
        (unit.top_furniture if zone == "top" else unit.bottom_furniture).append(s)
        moved.add(id(s))
        if unit.number is None:
            page_number = _PAGE_NUMBER.match(s.text)
            if page_number is not None:
                unit.number = int(page_number.group(1))
            elif (key, zone) in varying:
                unit.number = int(_DIGITS.findall(s.text)[varying[(key, zone)]])
    for unit in units:
        if unit.top_furniture or unit.bottom_furniture:
            unit.segs = [s for s in unit.segs if id(s) not in moved]
    _infer_page_numbers(units)


def _drop_numbered_titles(
    running: dict[tuple[str, str], float], banded: list[tuple[int, Seg, str, str]], units: list[Unit]
) -> None:
    """Keep a repeated text with a changing number only if the number counts the pages along.

    "Akkoord 14" on page 14, "Akkoord 15" on page 15 is a running footer; "Bijlage 1", "Bijlage 2" at
    the top of pages 89 and 91 are headings that happen to sit at the same height.
    """
    numbers: dict[tuple[str, str], list[tuple[int, list[str]]]] = defaultdict(list)
    for ui, s, key, zone in banded:
        if "#" in key and (key, zone) in running:
            numbers[(key, zone)].append((ui, _DIGITS.findall(s.text)))
    for group, rows in numbers.items():
        width = min(len(r) for _, r in rows)
        for j in range(width):
            values = [r[j] for _, r in rows]
            if len(set(values)) == 1:
                continue  # a fixed number (a date in the header)
            offsets = Counter(int(r[j]) - units[ui].source_page for ui, r in rows)
            by_unit = Counter(int(r[j]) - ui for ui, r in rows)
            tracked = max(offsets.most_common(1)[0][1], by_unit.most_common(1)[0][1])
            if tracked < PAGE_TRACKING_SHARE * len(rows):
                del running[group]
                break


def _plausible_folios(
    furniture: list[tuple[int, Seg, str, str]],
    varying: dict[tuple[str, str], int],
    running: dict[tuple[str, str], float],
) -> list[tuple[int, Seg, str, str]]:
    """Keep a bare number in a band only if it numbers the pages: its distance to the page's position
    in the document (number minus page index) is shared with another page. Cells of a table that
    reaches into the bottom band ("0", "13", "29") do not line up with the page sequence."""
    offsets: dict[int, set[int]] = defaultdict(set)  # number - page index -> pages showing it
    folios: list[tuple[int, int]] = []  # (index into furniture, number) of bare numbers
    for k, (ui, s, key, zone) in enumerate(furniture):
        if (key, zone) in running:
            if (key, zone) in varying:
                offsets[int(_DIGITS.findall(s.text)[varying[(key, zone)]]) - ui].add(ui)
            continue
        m = _PAGE_NUMBER.match(s.text)
        if m is not None:
            folios.append((k, int(m.group(1))))
            offsets[int(m.group(1)) - furniture[k][0]].add(furniture[k][0])
    pages = {ui for ui, _, _, _ in furniture}
    needed = min(2, len(pages))
    rejected = {k for k, number in folios if number < 1 or len(offsets[number - furniture[k][0]]) < needed}
    return [f for k, f in enumerate(furniture) if k not in rejected]


def _varying_number_positions(furniture: list[tuple[int, Seg, str, str]]) -> dict[tuple[str, str], int]:
    """For running texts with digits ("Akkoord 14"), the position of the number that changes per page."""
    values: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for _, s, key, zone in furniture:
        if "#" in key and _PAGE_NUMBER.match(s.text) is None:
            values[(key, zone)].append(_DIGITS.findall(s.text))
    out: dict[tuple[str, str], int] = {}
    for group, rows in values.items():
        width = min(len(r) for r in rows)
        for j in range(width - 1, -1, -1):
            column = [r[j] for r in rows]
            if len(set(column)) > len(column) // 2 and all(len(v) <= 4 for v in column):
                out[group] = j
                break
    return out


def _infer_page_numbers(units: list[Unit]) -> None:
    """Fill unnumbered pages from the nearest numbered page (covers, chapter openers)."""
    known = [(i, u.number) for i, u in enumerate(units) if u.number is not None]
    if not known:
        return
    for i, unit in enumerate(units):
        if unit.number is not None:
            continue
        j, number = min(known, key=lambda k: abs(k[0] - i))
        guess = number + (i - j)
        if guess >= 1:
            unit.number = guess


# -- footnotes ------------------------------------------------------------------------------------------------


def take_footnotes(unit: Unit, body: float, referenced: set[int]) -> None:
    """Move the footnote area (small text at the bottom, opened by a footnote number) out of `segs`.

    A footnote line opens with its number set as a superscript, or as a plain number that the body
    text references somewhere; lines without a number continue the footnote above.
    """
    if not unit.segs:
        return
    limit = FOOTNOTE_SIZE_RATIO * body
    area: list[Seg] = []
    for s in sorted(unit.segs, key=lambda s: -s.base):
        if s.size > limit:
            break
        area.append(s)
    if not area:
        return
    area.sort(key=lambda s: (s.base, s.x0))
    start = None
    for i, s in enumerate(area):
        if s.top < FOOTNOTE_MIN_TOP * unit.height:
            continue
        m = _FOOTNOTE_START.match(s.text)
        if s.lead_mark is not None or (m is not None and int(m.group(1)) in referenced):
            start = i
            break
    if start is None:
        return
    chosen = area[start:]
    ids = {id(s) for s in chosen}
    unit.segs = [s for s in unit.segs if id(s) not in ids]
    unit.footnotes = group_lines(chosen)


def adopt_unraised_marks(unit: Unit, unreferenced: set[int]) -> set[int]:
    """Link footnotes of this page that nothing references to a mark typeset at full size.

    Some documents forget to superscript a mark ("realisatieagenda25."). When a footnote on this
    page has no reference anywhere and exactly one word on the page ends in its number, that number
    is the mark: it is taken out of the text and kept as a reference. Returns the numbers linked.
    """
    linked: set[int] = set()
    for n in sorted(unreferenced):
        pattern = re.compile(rf"(?:[^\W\d_]{{3}}|[^\W\d_][.,;:)’”])({n})(?!\d)")
        hits = [(s, m) for s in unit.segs for m in pattern.finditer(s.text)]
        if len(hits) != 1:
            continue
        seg, m = hits[0]
        a, z = m.span(1)
        seg.text = seg.text[:a] + seg.text[z:]
        seg.refs = sorted([(o - (z - a) if o > a else o, k) for o, k in seg.refs] + [(a, n)])
        linked.add(n)
    return linked


def footnote_number(line: Line) -> tuple[int | None, str, list[tuple[int, int]]]:
    """(number, text without it, refs) of a footnote line; number None for a continuation line."""
    if line.lead_mark is not None:
        return line.lead_mark, line.text, line.refs
    m = _FOOTNOTE_START.match(line.text)
    if m is None:
        return None, line.text, line.refs
    cut = len(m.group(1))
    rest = line.text[cut:].lstrip()
    shift = len(line.text) - len(rest)
    return int(m.group(1)), rest, [(max(0, o - shift), n) for o, n in line.refs]
