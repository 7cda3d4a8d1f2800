"""Dates as documents print them ("8 september 2025", "8-9-2025"), for document metadata."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
MONTH_ALTERNATION = "|".join(MONTHS)
DUTCH_DATE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_ALTERNATION})\s+(\d{{4}})\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")


def date_from_parts(day: str, month: str, year: str) -> date | None:
    """A date from a day, a Dutch month name and a year; None when it is no calendar date."""
    try:
        return date(int(year), MONTHS[month.lower()], int(day))
    except (ValueError, KeyError):
        return None


def parse_dutch_date(text: str, numeric: bool = False) -> date | None:
    """The first written-out date in `text` ("3 juli 2025"); with `numeric`, also "3-7-2025"."""
    m = DUTCH_DATE.search(text)
    if m:
        return date_from_parts(m.group(1), m.group(2), m.group(3))
    m = NUMERIC_DATE.search(text) if numeric else None
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None
