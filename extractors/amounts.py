"""Amounts in agreement text: money, percentages and counts with a unit, normalised for comparison."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extractors.datafile import load_yaml


@dataclass(frozen=True)
class Amount:
    surface: str
    kind: str  # money, percent, count
    value: float  # euros for money, the number otherwise
    unit: str  # "EUR", "%", or the counted noun
    start: int
    end: int

    @property
    def key(self) -> tuple[str, float, str]:
        return (self.kind, round(self.value, 2), self.unit)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, float]]:
    data = load_yaml(
        resources.files("extractors").joinpath("data", "amounts.yaml").read_text(encoding="utf-8")
    )
    scales: dict[str, float] = data["scales"]
    scale_alt = "|".join(re.escape(s) for s in sorted(scales, key=len, reverse=True))
    number = r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    money = re.compile(
        rf"(?:€\s?(?P<n1>{number})(?:\s?(?P<s1>{scale_alt})(?!\w))?|(?P<n2>{number})\s?(?P<s2>{scale_alt})?\s?euro\b)",
        re.IGNORECASE,
    )
    percent = re.compile(rf"(?P<n>{number})\s?(?:%|procent\b)", re.IGNORECASE)
    units = "|".join(re.escape(u) for u in sorted(data["count_units"], key=len, reverse=True))
    count = re.compile(
        rf"(?<![\w€,.])(?P<n>{number})\s(?:extra\s|nieuwe\s)?(?P<u>{units})(?!\w)", re.IGNORECASE
    )
    return money, percent, count, scales


def _number(text: str) -> float:
    digits = re.sub(r"[.\s](?=\d{3}\b)", "", text).replace(",", ".")
    return float(digits)


def find_amounts(text: str) -> list[Amount]:
    money, percent, count, scales = _patterns()
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in money.finditer(text):
        n = m.group("n1") or m.group("n2")
        scale = (m.group("s1") or m.group("s2") or "").lower()
        value = _number(n) * scales.get(scale, 1.0)
        found.append(Amount(m.group(0).strip(), "money", value, "EUR", m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in percent.finditer(text):
        if free(m.start(), m.end()):
            found.append(Amount(m.group(0), "percent", _number(m.group("n")), "%", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in count.finditer(text):
        if free(m.start(), m.end()):
            unit = m.group("u").lower().replace("’", "'")
            found.append(Amount(m.group(0), "count", _number(m.group("n")), unit, m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)
