"""Progress documents: reporting sections (clusters, actielijnen), their status, dated commitments.

A progress letter or bijlage reports per section; each sentence that states progress becomes a
status statement, classified from the document's own words (extractors/data/status_cues.yaml).
Sentences that promise something by a date are dated commitments: in a letter they are its
agreements, in a cluster they are the cluster's commitments.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from extractors.commitments import Unit, sentence_units
from extractors.cues import CuePattern, agreement_cues, status_cues
from extractors.fast_copy import trusted
from schemas import Block, BlockKind, Document, Section, Status, StatusStatement, TimeExpression, TimeKind

# Words a dated sentence needs besides its dates to say something ("De planning is medio 2026.").
MIN_COMMITMENT_WORDS = 3
# A section without any status cue still gets one statement, so every section is accounted for.
UNKNOWN_QUOTE_CHARS = 240


@dataclass
class SectionSpan:
    section: Section
    blocks: list[Block]
    series: bool


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"


def find_sections(doc: Document, structured: bool) -> list[SectionSpan]:
    """Series sections ("Cluster 5 ...") and their level-2 siblings; for letters, level-2 headings."""
    cues = agreement_cues()
    content = [b for b in doc.blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]
    heads = [b for b in content if b.kind == BlockKind.heading and (b.level or 2) <= 2]
    series = [b for b in heads if cues.series.match(b.text)]
    if series:
        first = series[0].index
        heads = [b for b in heads if b.index >= first]
    elif structured:
        return []
    spans: list[SectionSpan] = []
    seen: set[str] = set()
    positions = [b.index for b in content]
    for i, head in enumerate(heads):
        end = heads[i + 1].index if i + 1 < len(heads) else len(doc.blocks)
        blocks = content[bisect_right(positions, head.index) : bisect_left(positions, end)]
        m = cues.series.match(head.text)
        key = f"{m.group('word').lower()}-{m.group('number').lower()}" if m else _slug(head.text)
        while key in seen:
            key += "-2"
        seen.add(key)
        last = blocks[-1] if blocks else head
        section = Section(
            key=key,
            title=head.text.strip(),
            level=head.level or 2,
            char_start=head.char_start,
            char_end=last.char_end,
            block=head.index,
            page=head.page,
        )
        spans.append(SectionSpan(section, blocks, bool(m)))
    return spans


def classify(sentence: str) -> Status | None:
    cues = status_cues()
    found = cues.statuses(sentence)
    if not found:  # most sentences
        return None
    return next((Status(s) for s in cues.priority if s in found), None)


def status_statements(
    span: SectionSpan, sentences: Callable[[Block], list[Unit]] = sentence_units
) -> list[StatusStatement]:
    """`sentences(block)` is `sentence_units(block)`, or the same units kept from an earlier stage."""
    out: list[StatusStatement] = []
    first: Unit | None = None
    for block in span.blocks:
        if block.kind == BlockKind.table:
            continue
        for unit in sentences(block):
            first = first or unit
            status = classify(unit.text)
            if status is not None:
                out.append(_statement(span.section, status, unit.text.strip(), unit))
    if not out and first is not None:
        out.append(_statement(span.section, Status.unknown, first.text.strip()[:UNKNOWN_QUOTE_CHARS], first))
    return out


_STATEMENT_FIELDS = frozenset(StatusStatement.model_fields)


def _statement(section: Section, status: Status, quote: str, unit: Unit) -> StatusStatement:
    """Built unvalidated: every value is already of its field's type (str, int, a Status member)."""
    values = {
        "char_start": unit.doc_start,
        "char_end": unit.doc_end,
        "block": unit.block.index,
        "page": unit.block.page,
        "section_key": section.key,
        "section_title": section.title,
        "status": status,
        "quote": quote,
    }
    return trusted(StatusStatement, values, _STATEMENT_FIELDS)


# A date that names a document ("de brief van 3 juni 2025") refers to it; it bounds nothing.
_DOCUMENT_DATE = CuePattern.fixed(
    r"(?:brief|kamerbrief|voortgangsbrief|rapport|advies|motie|besluit|regeling|verslag|notitie)"
    r"\s+(?:van|d\.d\.)\s*$"
)


def is_dated_commitment(
    sentence: str, times: list[TimeExpression], ref_date: date | None, offset: int = 0
) -> bool:
    """A sentence that binds something to a date and looks ahead rather than back.

    `offset` is where the sentence starts in the text the time expressions' spans refer to. A date
    still ahead of the document date makes a commitment; a date already past only does when the
    sentence is worded as a plan ("In de eerste fase (nov–dec 2025) wordt het plan vastgesteld").
    """
    if sentence.rstrip().endswith(":"):
        return False  # a lead-in ("Eerste resultaten in 2025 en voorzien voor 2026 zijn:") promises nothing
    dated = [
        t
        for t in times
        if t.kind == TimeKind.date
        and t.end_date is not None
        and not _DOCUMENT_DATE.search(sentence[: max(0, t.char_start - offset)])
    ]
    if not dated:
        return False
    rest = sentence
    for t in times:
        rest = rest.replace(t.surface, " ")
    if len(re.findall(r"[^\W\d_]{2,}", rest)) < MIN_COMMITMENT_WORDS:
        return False  # a dateline or label ("Voorgesteld 24 april 2025", "Vergaderjaar 2024-2025")
    cues = agreement_cues()
    future, past = bool(cues.future.search(sentence)), bool(cues.past.search(sentence))
    if past and not future:
        return False  # "De NZa heeft deze aanwijzing inmiddels verwerkt in haar beleidsregels voor 2026."
    if ref_date is None or any(t.end_date is not None and t.end_date >= ref_date for t in dated):
        return True
    return future and not past
