"""Change and tracking reports: JSON for machines, Markdown and self-contained HTML for review."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from pipeline.textdiff import redline_segments
from pipeline.timeline import Bar, render
from schemas.changes import Change, ChangeKind, ChangeReport, Side, TrackReport

FORMATS = ("md", "html", "json")
_INTERVAL = re.compile(r"\((\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)\)")
# Agreement-level change kinds, in the order a reviewer reads them.
AGREEMENT_KINDS = (
    ChangeKind.agreement_added,
    ChangeKind.agreement_removed,
    ChangeKind.split,
    ChangeKind.merged,
    ChangeKind.renumbered,
)


@dataclass
class AgreementSection:
    key_from: str | None
    key_to: str | None
    title: str
    changes: list[Change] = field(default_factory=list)


def report_name(from_id: str, to_id: str, prefix: str = "diff") -> str:
    return f"{prefix}__{from_id}__{to_id}"


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["redline_html"] = redline_html
    env.filters["side_ref"] = side_ref
    return env


def redline_html(change: Change) -> Markup:
    """<del>/<ins> markup: struck through and underlined, so it reads without colour too."""
    if change.old_value is None or change.new_value is None:
        return Markup(escape(change.new_value or change.old_value or ""))
    parts = []
    for op, text in redline_segments(change.old_value, change.new_value):
        if op == "equal":
            parts.append(escape(text))
        elif op == "delete":
            parts.append(f"<del>{escape(text)}</del>")
        else:
            parts.append(f"<ins>{escape(text)}</ins>")
    return Markup(" ".join(parts))


def side_ref(side: Side | None) -> str:
    if side is None or side.char_start is None:
        return ""
    page = f", p. {side.page}" if side.page else ""
    return f"{side.document_id} @{side.char_start}-{side.char_end}{page}"


def _interval(value: str | None) -> tuple[date, date] | None:
    m = _INTERVAL.search(value or "")
    return (date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))) if m else None


def timeline_bars(changes: list[Change], kinds: tuple[ChangeKind, ...]) -> list[Bar]:
    bars = []
    for c in changes:
        if c.kind not in kinds:
            continue
        old, new = _interval(c.old_value), _interval(c.new_value)
        if old and new:
            key = c.agreement_key_to or c.agreement_key_from or ""
            task = (c.new.quote if c.new else "") or ""
            bars.append(Bar(f"{key}: {task}".strip(": "), old, new, c.shift_days))
    return sorted(bars, key=lambda b: -(abs(b.shift_days or 0)))


# The per-agreement timeline stays readable up to this many rows.
MAX_SPAN_ROWS = 60


def span_bars(report: ChangeReport) -> list[Bar]:
    """One row per aligned agreement: its first..last deadline before and after."""
    bars = []
    for s in report.deadline_spans[:MAX_SPAN_ROWS]:
        if not (s.old_start and s.old_end and s.new_start and s.new_end):
            continue
        old = (date.fromisoformat(s.old_start), date.fromisoformat(s.old_end))
        new = (date.fromisoformat(s.new_start), date.fromisoformat(s.new_end))
        shift = (new[1] - old[1]).days
        label = s.key_to if s.key_from == s.key_to else f"{s.key_from} → {s.key_to}"
        bars.append(Bar(label, old, new, shift if shift else None))
    return bars


def _sections(report: ChangeReport) -> list[AgreementSection]:
    """Changes grouped per aligned agreement, titled as the agreement is titled in the new version."""
    titles = {(p.key_from, p.key_to): p.title_to or p.title_from for p in report.alignment}
    sections: dict[tuple[str | None, str | None], AgreementSection] = {}
    for c in report.changes:
        if c.agreement_key_from is None and c.agreement_key_to is None:
            continue
        key = (c.agreement_key_from, c.agreement_key_to)
        if key not in sections:
            title = (
                titles.get(key)
                or (c.new_value if c.kind == ChangeKind.agreement_added else c.old_value)
                or ""
            )
            sections[key] = AgreementSection(key[0], key[1], title)
        sections[key].changes.append(c)
    return list(sections.values())


def diff_context(report: ChangeReport) -> dict:
    changes = report.changes
    moved = sorted(
        (c for c in changes if c.kind == ChangeKind.deadline_moved),
        key=lambda c: -(abs(c.shift_days or 0)),
    )
    return {
        "report": report,
        "counts": report.counts(),
        "moved": moved,
        "actors": [
            c
            for c in changes
            if c.kind in (ChangeKind.actor_added, ChangeKind.actor_removed, ChangeKind.role_changed)
        ],
        "structure": [c for c in changes if c.kind in AGREEMENT_KINDS],
        "sections": _sections(report),
        "metadata": [c for c in changes if c.kind == ChangeKind.metadata_changed],
        "text": [c for c in changes if c.kind.value.startswith("text_")],
        "timeline": Markup(render(timeline_bars(changes, (ChangeKind.deadline_moved,)))),
        "span_timeline": Markup(render(span_bars(report), "Deadlines per agreement, before and after")),
        "low_confidence": sum(c.low_confidence for c in changes),
    }


def render_diff(report: ChangeReport, fmt: str) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=1) + "\n"
    template = _env().get_template(f"diff.{fmt}.j2")
    return template.render(**diff_context(report))


def track_context(report: TrackReport) -> dict:
    changes = report.changes()
    drift = sorted(
        (c for c in changes if c.kind == ChangeKind.deadline_drift), key=lambda c: -(abs(c.shift_days or 0))
    )
    counts: dict[str, int] = {}
    for c in changes:
        counts[c.kind.value] = counts.get(c.kind.value, 0) + 1
    return {
        "report": report,
        "counts": dict(sorted(counts.items())),
        "drift": drift,
        "overdue": [c for c in changes if c.kind == ChangeKind.deadline_overdue],
        "unreported": [a for a in report.agreements if not a.links],
        "timeline": Markup(
            render(
                timeline_bars(changes, (ChangeKind.deadline_drift,)),
                "Deadlines the progress documents state differently",
            )
        ),
    }


def render_track(report: TrackReport, fmt: str) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=1) + "\n"
    return _env().get_template(f"track.{fmt}.j2").render(**track_context(report))


def write(text: str, out_dir: Path, name: str, fmt: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.{fmt}"
    path.write_text(text, encoding="utf-8")
    return path


def summary_line(report: ChangeReport) -> str:
    counts = report.counts()
    parts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) or "no changes"
    return f"{report.from_document.document_id} -> {report.to_document.document_id}: {parts}"


__all__ = ["FORMATS", "json", "render_diff", "render_track", "report_name", "summary_line", "write"]
