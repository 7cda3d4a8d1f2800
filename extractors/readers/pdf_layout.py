"""Page geometry to reading order: spreads, columns, tables, tables of contents, lines.

Everything here works on `Seg`s (see pdf_page) and decides from geometry only, so it applies to any
document: a spread is a landscape page that no text crosses in the middle, a column gutter is a
vertical strip no (or almost no) text crosses, a table is a run of pdfium lines that each fall apart
into several aligned cells. Running headers, page numbers and footnotes are in pdf_furniture.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

from extractors.readers.pdf_page import Seg

# A landscape page at least this much wider than high may be a two-page spread (A4/A5 spreads are
# 1.41; landscape single pages are 1.41 too, so the empty middle decides, see split_spread).
SPREAD_MIN_ASPECT = 1.25
# Column detection (all widths in body-font sizes): a gutter is at least 1 em wide (real gutters are
# 1.3-6 em; the letter sidebar is 1.3 em from the body), each column at least 6 em wide (narrower
# "columns" are list numbers, margin codes, TOC page numbers or table cells), at most a quarter of
# the items may cross it (full-width headings or figures above/below the columns).
MIN_GUTTER_EM = 1.0
MIN_COLUMN_EM = 6.0
MIN_COLUMN_ITEMS = 2
MAX_SPANNING_SHARE = 0.25
# Only the most promising gutter positions are tried (fewest crossings first), bounding the work.
MAX_GUTTER_CANDIDATES = 12
# Segments whose baselines differ by less than this fraction of their size are on one line.
SAME_LINE_TOLERANCE = 0.35
# A table is a run of at least this many consecutive multi-cell rows, at least two of them with three
# or more cells (two-cell rows alone are label/value pairs or TOC entries).
MIN_TABLE_ROWS = 3
# A table of contents: at least this many rows ending in a separate page number on one page.
MIN_TOC_ROWS = 3

_TOC_NUMBER = re.compile(r"^\d{1,3}$")
_LEADER = re.compile(r"(?:\.\s?){4,}\s*(\d{1,3})$|…\s*(\d{1,3})$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_X0 = attrgetter("x0")
_BASE_X0 = attrgetter("base", "x0")


@dataclass(slots=True)
class Table:
    rows: list[list[str]]
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # baseline of the first row, for ordering among lines


@dataclass(slots=True)
class Line:
    """Segments on one baseline inside one region, joined left to right."""

    text: str
    refs: list[tuple[int, int]]
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    italic: bool
    lead_mark: int | None
    first_cell: str  # text of the leftmost segment (a label such as "Datum", or a list number)
    cells: int
    toc: bool = False  # ends in a table-of-contents page number
    in_toc: bool = False  # set in the entry font of a table-of-contents page


@dataclass(slots=True)
class Region:
    """A column (or band, or sidebar) of a printed page: its lines and tables top to bottom."""

    items: list[Line | Table]
    x0: float
    x1: float
    sidebar: bool = False


@dataclass(slots=True)
class Unit:
    """One printed page: a whole PDF page, or one half of a two-page spread."""

    source_page: int  # 1-based physical page
    x0: float
    x1: float
    height: float
    segs: list[Seg]
    number: int | None = None  # printed page number, where found
    top_furniture: list[Seg] = field(default_factory=list)
    bottom_furniture: list[Seg] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.x1 - self.x0


# -- spreads ------------------------------------------------------------------------------------------


def split_spread(segs: list[Seg], width: float, height: float) -> list[tuple[float, float, list[Seg]]]:
    """One or two printed pages of a physical page: (x0, x1, segments), left to right.

    A landscape page whose middle no text crosses is a spread of two printed pages; a landscape page
    with a centred page number, heading or table is a single page and stays whole.
    """
    if width < SPREAD_MIN_ASPECT * height or not segs:
        return [(0.0, width, segs)]
    mid = width / 2
    if any(s.x0 < mid - 1.0 and s.x1 > mid + 1.0 for s in segs):
        return [(0.0, width, segs)]
    left = [s for s in segs if s.x1 <= mid + 1.0]
    right = [s for s in segs if s.x1 > mid + 1.0]
    return [(0.0, mid, left), (mid, width, right)]


# -- document-wide statistics -----------------------------------------------------------------------------


def body_size(units: list[Unit]) -> float:
    """The most common font size, weighted by characters (half-point resolution)."""
    # Characters per exact size first (a handful of sizes), then per half point: the same histogram,
    # with its sizes in the same (first-seen) order for ties, at one dict update per segment.
    chars: dict[float, int] = {}
    get = chars.get
    for unit in units:
        for s in unit.segs:
            chars[s.size] = get(s.size, 0) + len(s.text)
    hist: Counter[float] = Counter()
    for size, n in chars.items():
        hist[round(size * 2) / 2] += n
    return hist.most_common(1)[0][0] if hist else 10.0


# -- tables and tables of contents --------------------------------------------------------------------


def _rows(segs: list[Seg]) -> list[list[Seg]]:
    rows: dict[int, list[Seg]] = {}
    for s in segs:
        rows.setdefault(s.row, []).append(s)
    return [r if len(r) == 1 else sorted(r, key=_X0) for _, r in sorted(rows.items())]


def _leader(text: str) -> re.Match[str] | None:
    """Dot leaders and a page number closing a table-of-contents line ("Inleiding ........ 4")."""
    if not text[-1:].isdigit() or ("...." not in text and ". . ." not in text and "…" not in text):
        return None  # cheap test first: the regex is slow on every line of a long document
    return _LEADER.search(text)


def _toc_number(row: list[Seg]) -> int | None:
    """The page number closing a table-of-contents row: after dot leaders, or alone in the last cell
    right of a cell with words (a table row ends in a number right of other numbers)."""
    if len(row) == 1:
        m = _leader(row[0].text)
        return int(m.group(1) or m.group(2)) if m else None
    if len(row) <= 3 and _TOC_NUMBER.match(row[-1].text) and _WORDS.search(row[-2].text):
        return int(row[-1].text)
    return None


def _is_toc_row(row: list[Seg]) -> bool:
    return _toc_number(row) is not None


def find_tables(unit: Unit) -> tuple[list[Table], float | None]:
    """Tables (taken out of `segs`) and, for a table-of-contents page, the font size of its entries."""
    rows = _rows(unit.segs)
    # A row can close with a page number only if its last (stripped) cell ends in a digit: most rows
    # are told apart by that alone.
    toc_rows = [(r, n) for r in rows if r[-1].text[-1:].isdigit() and (n := _toc_number(r)) is not None]
    numbers = [n for _, n in toc_rows]
    toc_size = None
    # Contents pages list ascending page numbers; numbers closing table rows go up and down.
    if len(toc_rows) >= MIN_TOC_ROWS and all(a <= b for a, b in itertools.pairwise(numbers)):
        toc_size = max(max(s.size for s in r) for r, _ in toc_rows)
    tables: list[Table] = []
    run: list[list[Seg]] = []
    taken: set[int] = set()
    for row in [*rows, []]:
        if len(row) >= 2 and not (toc_size is not None and _is_toc_row(row)):
            if run and (row[0].row != run[-1][0].row + 1 or row[0].base < run[-1][0].base):
                _close_table(run, tables, taken)
                run = []
            run.append(row)
            continue
        _close_table(run, tables, taken)
        run = []
    if taken:
        unit.segs = [s for s in unit.segs if id(s) not in taken]
    return tables, toc_size


def _close_table(run: list[list[Seg]], tables: list[Table], taken: set[int]) -> None:
    if len(run) < MIN_TABLE_ROWS or sum(len(r) >= 3 for r in run) < 2:
        return
    anchor = max(run, key=len)
    columns = [(s.x0, s.x1) for s in anchor]
    cells: list[list[str]] = []
    for row in run:
        out = [""] * len(columns)
        for s in row:
            # The column this cell overlaps most (numbers are right-aligned, labels left-aligned).
            best = max(
                range(len(columns)),
                key=lambda k: (
                    min(s.x1, columns[k][1]) - max(s.x0, columns[k][0]),
                    -abs(s.x1 - columns[k][1]),
                ),
            )
            out[best] = f"{out[best]} {s.text}".strip()
            taken.add(id(s))
        cells.append(out)
    flat = [s for r in run for s in r]
    tables.append(
        Table(
            rows=cells,
            x0=min(s.x0 for s in flat),
            x1=max(s.x1 for s in flat),
            top=min(s.top for s in flat),
            bottom=max(s.bottom for s in flat),
            base=run[0][0].base,
        )
    )


# -- columns and reading order ---------------------------------------------------------------------------


# A segment or a table, as a box for the column analysis (x0, x1, top, bottom). The column analysis
# reads mostly x0 and x1, which both have as fields, so they are used as they are, not wrapped.
_Item = Seg | Table


def reading_order(unit: Unit, body: float, tables: list[Table], toc_size: float | None) -> list[Region]:
    """Regions (columns, bands, sidebars) of a printed page in reading order."""
    items: list[_Item] = [*unit.segs, *tables]
    if not items:
        return []
    regions: list[Region] = []
    for group in _cut(items, body):
        segs = [i for i in group if isinstance(i, Seg)]
        lines: list[Line | Table] = list(group_lines(segs, toc_size))
        group_tables = [i for i in group if isinstance(i, Table)]
        if group_tables:
            lines.extend(group_tables)
            lines.sort(key=lambda x: x.base if isinstance(x, Line) else x.top)
        regions.append(Region(lines, min(i.x0 for i in group), max(i.x1 for i in group)))
    return regions


def _cut(items: list[_Item], body: float) -> list[list[_Item]]:
    """Recursive cut at column gutters; full-width items across a gutter split the page into bands."""
    if len(items) < 2 * MIN_COLUMN_ITEMS:
        return [items]
    found = _gutter(items, body)
    if found is None:
        return [items]
    a, b = found
    left = [i for i in items if i.x1 <= a + 0.5]
    right = [i for i in items if i.x0 >= b - 0.5]
    if len(left) + len(right) == len(items):
        return _cut(left, body) + _cut(right, body)
    # Items crossing the gutter (a full-width heading, table or figure) separate horizontal bands.
    bands: list[list[_Item]] = []
    current: list[_Item] = []
    spanning_run = False
    for item in sorted(items, key=lambda i: (i.top, i.x0)):
        spans = item.x0 < a + 0.5 and item.x1 > b - 0.5
        if current and spans != spanning_run:
            bands.append(current)
            current = []
        spanning_run = spans
        current.append(item)
    bands.append(current)
    out: list[list[_Item]] = []
    for band in bands:
        out.extend(_cut(band, body) if len(band) < len(items) else [band])
    return out


def _gutter(items: list[_Item], body: float) -> tuple[float, float] | None:
    """The best vertical strip that (almost) no item crosses and that has a real column on each side."""
    min_gap = MIN_GUTTER_EM * body
    min_width = MIN_COLUMN_EM * body
    max_span = int(MAX_SPANNING_SHARE * len(items))
    x0s = sorted([i.x0 for i in items])
    x1s = sorted([i.x1 for i in items])
    # The side counts and the gap come from bisecting these; a NaN would make bisecting unsound.
    total = sum(x0s) + sum(x1s)
    ordered = total == total
    events = sorted([(i.x0, 1) for i in items] + [(i.x1, -1) for i in items])
    lo = events[0][0]
    hi = events[-1][0]
    # Sweep the x axis: elementary intervals strictly inside the text area, crossed by few items.
    candidates: list[tuple[int, float, float]] = []  # (items crossing, -width, middle)
    depth = 0
    prev_x = lo
    for x, delta in events:
        if x > prev_x and depth <= max_span and prev_x > lo and x < hi:
            candidates.append((depth, prev_x - x, (prev_x + x) / 2))
        depth += delta
        prev_x = x
    candidates.sort()
    n = len(items)
    for _, _, x in candidates[:MAX_GUTTER_CANDIDATES]:
        if ordered:
            # Most candidates fail on the counts or the gap: judge those without building the sides.
            n_left = bisect_right(x1s, x)
            first_right = bisect_left(x0s, x)
            if n_left < MIN_COLUMN_ITEMS or n - first_right < MIN_COLUMN_ITEMS:
                continue
            if x0s[first_right] - x1s[n_left - 1] < min_gap:
                continue
        left = [i for i in items if i.x1 <= x]
        right = [i for i in items if i.x0 >= x]
        if len(left) < MIN_COLUMN_ITEMS or len(right) < MIN_COLUMN_ITEMS:
            continue
        a = max(i.x1 for i in left)
        b = min(i.x0 for i in right)
        if b - a < min_gap:
            continue
        if a - min(i.x0 for i in left) < min_width or max(i.x1 for i in right) - b < min_width:
            continue
        # With crossing items the two sides must stand next to each other somewhere.
        crossing = len(left) + len(right) < len(items)
        if crossing and (
            min(i.top for i in right) > max(i.bottom for i in left)
            or min(i.top for i in left) > max(i.bottom for i in right)
        ):
            continue
        return a, b
    return None


def group_lines(segs: list[Seg], toc_size: float | None = None) -> list[Line]:
    """Group segments on one baseline into lines, top to bottom."""
    if not segs:
        return []
    ordered = sorted(segs, key=_BASE_X0)
    head = ordered[0]
    group = [head]
    groups: list[list[Seg]] = [group]
    base, size = head.base, head.size
    for s in itertools.islice(ordered, 1, None):
        # (min(s.size, size) written out: this loop visits every segment of the document)
        if abs(s.base - base) <= SAME_LINE_TOLERANCE * (size if size < s.size else s.size):
            group.append(s)
        else:
            group = [s]
            groups.append(group)
            base, size = s.base, s.size
    return [_make_line(g if len(g) == 1 else sorted(g, key=_X0), toc_size) for g in groups]


def _make_line(segs: list[Seg], toc_size: float | None) -> Line:
    if len(segs) == 1 and toc_size is None:
        s = segs[0]
        return Line(s.text, s.refs, s.x0, s.x1, s.base, s.size, s.bold, s.italic, s.lead_mark, s.text, 1)
    main = max(segs, key=lambda s: len(s.text))
    toc = False
    parts = segs
    tail = ""
    in_toc = toc_size is not None and main.size <= toc_size + 0.5
    if in_toc and len(segs) > 1 and _TOC_NUMBER.match(segs[-1].text):
        toc, parts, tail = True, segs[:-1], segs[-1].text
    text = ""
    refs: list[tuple[int, int]] = []
    for s in parts:
        if text:
            text += " "
        refs.extend((len(text) + o, n) for o, n in s.refs)
        text += s.text
    if in_toc:
        m = _leader(text)
        if m is not None:
            toc, text, tail = True, text[: m.start()].rstrip(), m.group(1) or m.group(2)
    if toc:
        text = f"{text} … {tail}"
    return Line(
        text=text,
        refs=refs,
        x0=segs[0].x0,
        x1=max(s.x1 for s in segs),
        base=segs[0].base if len(segs) == 1 else main.base,
        size=main.size,
        bold=all(s.bold for s in segs),
        italic=all(s.italic for s in segs),
        lead_mark=segs[0].lead_mark,
        first_cell=segs[0].text,
        cells=len(segs),
        toc=toc,
        in_toc=in_toc,
    )
