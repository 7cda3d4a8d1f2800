"""The deadline timeline: old and new intervals of moved deadlines, drawn as an inline SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

ROW_HEIGHT = 34
LABEL_WIDTH = 260
CHART_WIDTH = 560
SHIFT_WIDTH = 80
AXIS_HEIGHT = 26
# More year labels than this overlap on the axis; then every second (or fifth) year is labelled.
MAX_YEAR_LABELS = 10


@dataclass
class Bar:
    label: str  # the agreement and task the deadline bounds
    old: tuple[date, date]
    new: tuple[date, date]
    shift_days: int | None


def _x(d: date, lo: date, hi: date) -> float:
    span = max(1, (hi - lo).days)
    return LABEL_WIDTH + (d - lo).days / span * CHART_WIDTH


def render(bars: list[Bar], title: str = "Deadlines moved") -> str:
    """An SVG with one row per moved deadline: the old interval hatched, the new one solid."""
    if not bars:
        return ""
    lo = min(min(b.old[0], b.new[0]) for b in bars)
    hi = max(max(b.old[1], b.new[1]) for b in bars)
    lo = date(lo.year, 1, 1)
    hi = date(hi.year, 12, 31)
    height = AXIS_HEIGHT + ROW_HEIGHT * len(bars) + 10
    width = LABEL_WIDTH + CHART_WIDTH + SHIFT_WIDTH
    parts = [
        f'<svg class="timeline" role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="100%">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/>'
        "</pattern></defs>",
        f"<title>{escape(title)}</title>",
    ]
    years = hi.year - lo.year + 1
    step = 1 if years <= MAX_YEAR_LABELS else (2 if years <= 2 * MAX_YEAR_LABELS else 5)
    for year in range(lo.year, hi.year + 1):
        x = _x(date(year, 1, 1), lo, hi)
        if (year - lo.year) % step:
            parts.append(
                f'<line x1="{x:.1f}" y1="{AXIS_HEIGHT - 6}" x2="{x:.1f}" y2="{height - 6}" stroke="#eee"/>'
            )
            continue
        parts.append(
            f'<line x1="{x:.1f}" y1="{AXIS_HEIGHT - 6}" x2="{x:.1f}" y2="{height - 6}" stroke="#ccc"/>'
        )
        parts.append(f'<text x="{x + 3:.1f}" y="{AXIS_HEIGHT - 10}" font-size="12">{year}</text>')
    for i, b in enumerate(bars):
        y = AXIS_HEIGHT + i * ROW_HEIGHT
        parts.append(f'<text x="4" y="{y + 20}" font-size="12">{escape(b.label[:42])}</text>')
        for (start, end), offset, fill, name in (
            (b.old, 4, "url(#hatch)", "old"),
            (b.new, 17, "#1f4e79", "new"),
        ):
            x1, x2 = _x(start, lo, hi), _x(end, lo, hi)
            parts.append(
                f'<rect class="bar-{name}" x="{x1:.1f}" y="{y + offset}" width="{max(3.0, x2 - x1):.1f}" height="11" '
                f'fill="{fill}" stroke="#222" stroke-width="0.6"><title>{name}: {start}..{end}</title></rect>'
            )
        if b.shift_days is not None:
            sign = "+" if b.shift_days > 0 else ""
            parts.append(
                f'<text x="{LABEL_WIDTH + CHART_WIDTH + 6}" y="{y + 20}" font-size="12">{sign}{b.shift_days} d</text>'
            )
    legend_y = height - 2
    parts.append(f'<text x="4" y="{legend_y}" font-size="10">hatched: before · solid: after</text>')
    parts.append("</svg>")
    return "\n".join(parts)
