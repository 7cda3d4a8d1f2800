"""Calendar semantics of the temporal normaliser: anchors, their intervals, values and years.

An `Anchor` is a calendar expression before year resolution ("eind Q4 van 2025", "deze zomer",
"2027 tot en met 2029"). `resolve` turns it into a TIMEX3-like value and the inclusive interval it
names, picking the year of a yearless anchor relative to the reference date. The conventions are
in docs/temporal.md; the patterns that find anchors are in temporal_patterns.py.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from extractors.temporal_patterns import D

# "binnenkort" names the three months after the reference date (gold convention).
SOON_MONTHS = 3
# A yearless expression picks its year among these offsets from the reference year: a document
# speaks of the months around its own date.
CANDIDATE_YEARS = (-1, 0, 1)
# Years outside this range are numbers, not years, in policy text.
MIN_YEAR, MAX_YEAR = 1900, 2099

_SEASON_MONTHS: dict[str, tuple[int, int]] = {k: (v[0], v[1]) for k, v in D["season_months"].items()}
# Part of a unit (begin/medio/eind) as months of a year, days of a month, months of a 3-month unit.
_YEAR_PARTS = {"START": (1, 3), "MID": (5, 8), "END": (10, 12)}
_MONTH_PARTS = {"START": (1, 10), "MID": (11, 20)}  # END: day 21 to the month's last day


@dataclass
class Anchor:
    """A calendar expression before year resolution; `start`/`end` index into the text."""

    start: int
    end: int
    kind: str  # day month quarter half season year week relunit soon range disj paren
    year: int | None = None
    rel_year: int | None = None  # offset from the reference year ("volgend jaar" = 1)
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    week: int | None = None
    part: str | None = None  # START / MID / END of the unit
    pick: str = "nearest"  # how a yearless anchor picks its year: nearest, this, past, future
    rel_unit: tuple[str, int] | None = None  # ("maand", 1) for "volgende maand"
    left: Anchor | None = None
    right: Anchor | None = None
    article: int = 0  # length of a leading "het "/"de " to leave out of an unmodified surface
    opened: bool = False  # a range opener ("van", "tussen") is part of the span
    jaar_prefix: bool = False  # "het jaar 2027": 'voor' before it means 'for'

    @property
    def yearless(self) -> bool:
        if self.kind == "paren":
            return bool(self.right and self.right.yearless)
        if self.kind in ("range", "disj"):
            return bool(self.left and self.left.yearless) or bool(self.right and self.right.yearless)
        return self.year is None and self.rel_year is None and self.kind not in ("relunit", "soon")


def month_span(a: Anchor) -> tuple[int, int] | None:
    """First and last month (13, 14 = next year's Jan, Feb) of a unit, before its part."""
    if a.kind == "year":
        return 1, 12
    if a.kind == "quarter" and a.quarter:
        return 3 * a.quarter - 2, 3 * a.quarter
    if a.kind == "half" and a.half:
        return 6 * a.half - 5, 6 * a.half
    if a.kind == "season" and a.season:
        return _SEASON_MONTHS[a.season]
    if a.kind == "month" and a.month:
        return a.month, a.month
    return None


def first_day(y: int, m: int) -> date:
    return date(y + (m - 1) // 12, (m - 1) % 12 + 1, 1)


def last_day(y: int, m: int) -> date:
    yy, mm = y + (m - 1) // 12, (m - 1) % 12 + 1
    return date(yy, mm, calendar.monthrange(yy, mm)[1])


def interval(a: Anchor, y: int) -> tuple[date, date] | None:
    """The interval a simple anchor names in year y."""
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    try:
        if a.kind == "day":
            d = date(y, a.month or 0, a.day or 0)
            return d, d
        if a.kind == "week":
            if not a.week:
                return None
            first = date.fromisocalendar(y, a.week, 1)
            return first, first + timedelta(days=6)
    except ValueError:
        return None
    span = month_span(a)
    if span is None:
        return None
    m1, m2 = span
    if a.part is None:
        return first_day(y, m1), last_day(y, m2)
    if a.kind == "month":
        days = _MONTH_PARTS.get(a.part, (21, last_day(y, m1).day))
        return date(y, m1, days[0]), date(y, m1, days[1])
    if a.kind == "year":
        months = _YEAR_PARTS[a.part]
    elif m2 - m1 == 2:  # quarter, season: first, middle, last month
        months = {"START": (m1, m1), "MID": (m1 + 1, m1 + 1), "END": (m2, m2)}[a.part]
    else:  # half year
        months = {"START": (m1, m1), "MID": (m1 + 2, m1 + 3), "END": (m2, m2)}[a.part]
    return first_day(y, months[0]), last_day(y, months[1])


def value_of(a: Anchor, ytok: str) -> str | None:
    if a.kind == "day":
        base = f"{ytok}-{a.month:02d}-{a.day:02d}"
    elif a.kind == "month":
        base = f"{ytok}-{a.month:02d}"
    elif a.kind == "quarter":
        base = f"{ytok}-Q{a.quarter}"
    elif a.kind == "half":
        base = f"{ytok}-H{a.half}"
    elif a.kind == "season":
        base = f"{ytok}-{a.season}"
    elif a.kind == "week":
        base = f"{ytok}-W{a.week:02d}"
    elif a.kind == "year":
        base = ytok
    else:
        return None
    return f"{base}-{a.part}" if a.part else base


def year_token(a: Anchor) -> str:
    if a.year is not None:
        return f"{a.year:04d}"
    if a.rel_year:
        return f"XXXX{a.rel_year:+d}"
    return "XXXX"


def pick_year(a: Anchor, ref: date, pick: str) -> int | None:
    cands = [(ref.year + d, iv) for d in CANDIDATE_YEARS if (iv := interval(a, ref.year + d))]
    if not cands:
        return None
    if pick == "past":
        begun = [c for c in cands if c[1][0] <= ref]
        return max(begun)[0] if begun else cands[0][0]
    if pick == "future":
        coming = [c for c in cands if c[1][0] > ref]
        return min(coming)[0] if coming else cands[-1][0]

    def distance(c: tuple[int, tuple[date, date]]) -> tuple[int, int]:
        s, e = c[1]
        gap = (s - ref).days if s > ref else (ref - e).days if e < ref else 0
        return gap, -c[0]  # ties go to the later year: policy text looks ahead

    return min(cands, key=distance)[0]


def resolve(a: Anchor, ref: date | None, pick: str) -> tuple[str | None, date | None, date | None]:
    """Value and interval of an anchor; `pick` overrides a yearless anchor's own rule ("past")."""
    if a.kind in ("range", "disj", "paren"):
        assert a.left and a.right
        left, right = inherit_year(a.left, a.right)
        lv, ls, le = resolve(left, ref, pick)
        rv, rs, re_ = resolve(right, ref, pick)
        if a.kind == "paren":
            if right.kind == "year" and a.left.yearless and right.year is not None:
                return resolve(replace(a.left, year=right.year), ref, pick)
            return rv, rs, re_
        if a.kind == "range":  # a chain ("2023, 2024 en 2025") keeps its outer ends: 2023/2025
            value = f"{(lv or '').split('/')[0]}/{(rv or '').split('/')[-1]}"
        else:
            value = f"{lv}|{rv}"
        if None in (ls, le, rs, re_):
            return value, None, None
        return value, min(ls, rs), max(le, re_)  # type: ignore[type-var]
    if a.kind == "soon":
        if ref is None:
            return "FUTURE_REF", None, None
        return "FUTURE_REF", ref, add_months(ref, SOON_MONTHS)
    if a.kind == "relunit":
        if ref is None or a.rel_unit is None:
            return None, None, None
        unit, off = a.rel_unit
        if unit == "maand":
            first = first_day(ref.year, ref.month + off)  # months <= 0 or > 12 roll over the year
            return first.strftime("%Y-%m"), first, last_day(first.year, first.month)
        if unit == "kwartaal":
            q0 = (ref.year * 4 + (ref.month - 1) // 3) + off
            y, q = divmod(q0, 4)
            return f"{y}-Q{q + 1}", first_day(y, 3 * q + 1), last_day(y, 3 * q + 3)
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=off)
        iso = monday.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}", monday, monday + timedelta(days=6)
    if a.year is not None:
        y: int | None = a.year
    elif a.rel_year is not None:
        if ref is None:
            return value_of(a, year_token(a)), None, None
        y = ref.year + a.rel_year
    else:
        if ref is None:
            return value_of(a, "XXXX"), None, None
        y = pick_year(a, ref, pick or a.pick)
    if y is None:
        return None, None, None
    iv = interval(a, y)
    if iv is None:
        return None, None, None
    return value_of(a, f"{y:04d}"), iv[0], iv[1]


def add_months(d: date, n: int) -> date:
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def inherit_year(a: Anchor, b: Anchor) -> tuple[Anchor, Anchor]:
    """In "1 januari tot 1 juli 2026", "Q1 en Q2 2026" the left part takes the right's year."""
    if a.yearless and not b.yearless and b.year is not None and a.kind not in ("range", "disj", "paren"):
        a = replace(a, year=b.year)
        rb = interval(b, b.year)
        ra = interval(a, b.year)
        if ra and rb and ra[0] > rb[0]:
            a = replace(a, year=b.year - 1)
    elif b.yearless and not a.yearless and a.year is not None and b.kind not in ("range", "disj", "paren"):
        b = replace(b, year=a.year)
        ra, rb = interval(a, a.year), interval(b, a.year)
        if ra and rb and rb[1] < ra[0]:
            b = replace(b, year=a.year + 1)
    return a, b
