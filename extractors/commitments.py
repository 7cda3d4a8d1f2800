"""Commitments: who does what, bounded by which time expressions, inside an agreement block.

Units are bullets (one unit each) and sentences of paragraphs. A unit with an acting organisation
is a commitment; every time expression is linked to the task it bounds (its unit without the time
phrase) and, where the unit is a commitment or clearly restates one, to that commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractors.fast_copy import copy_with, trusted
from extractors.sentences import sentence_spans
from schemas import Block, BlockKind, Commitment, OrgMention, Role, TimeExpression

# A timeline bullet restates a commitment of the who-part when their words overlap this much
# (rapidfuzz token_set_ratio, 0-100); 70 links "Het plan van aanpak wordt na de zomer van 2026
# opgeleverd" to "VWS organiseert ... als eerste aanzet voor het plan van aanpak" but not unrelated
# bullets that share only function words (checked on the HLO blocks).
TASK_LINK_MIN_SCORE = 70
MAX_TASK_CHARS = 160
MAX_ACTION_CHARS = 240


@dataclass
class Unit:
    block: Block
    start: int  # offset in block text
    end: int
    part: str

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    @property
    def doc_start(self) -> int:
        return self.block.char_start + self.start

    @property
    def doc_end(self) -> int:
        return self.block.char_start + self.end


def units_of(
    block: Block, offset: int, part: str, end: int | None = None, sentences: bool = False
) -> list[Unit]:
    """Bullets are one unit (or its sentences, with `sentences`); paragraphs are split into sentences.
    `offset`..`end` bound the text."""
    stop = len(block.text) if end is None else end
    piece = block.text[offset:stop]
    start = offset + len(piece) - len(piece.lstrip())
    stop = offset + len(piece.rstrip())
    if start >= stop:
        return []
    if block.kind == BlockKind.list_item and not sentences:
        return [Unit(block, start, stop, part)]
    return [Unit(block, start + a, start + b, part) for a, b in sentence_spans(block.text[start:stop])]


def sentence_units(block: Block) -> list[Unit]:
    """The sentences of a whole block (bullets too), as units of part "text"."""
    return units_of(block, 0, "text", sentences=True)


def shift_mention(m: OrgMention, block: Block) -> OrgMention:
    return copy_with(
        m,
        {
            "char_start": m.char_start + block.char_start,
            "char_end": m.char_end + block.char_start,
            "block": block.index,
        },
    )


def shift_time(t: TimeExpression, block: Block, **update: object) -> TimeExpression:
    """`t` in document coordinates, with the fields in `update` set as well (one copy for both)."""
    return copy_with(
        t,
        {
            "char_start": t.char_start + block.char_start,
            "char_end": t.char_end + block.char_start,
            "block": block.index,
            **update,
        },
    )


_SPACES = re.compile(r"\s+")
_LEADING_PREPOSITION = re.compile(
    r"^(?:in|per|vanaf|voor|tot|uiterlijk|rond|na)\s+(?=[A-Za-z])", re.IGNORECASE
)


def task_of(unit_text: str, surface: str) -> str:
    """The short task a time expression bounds: its unit without the time phrase and list glue."""
    task = unit_text.replace(surface, " ", 1)
    task = _SPACES.sub(" ", task).strip(" :;,.-–")
    task = _LEADING_PREPOSITION.sub("", task)
    if len(task) > MAX_TASK_CHARS:
        task = task[:MAX_TASK_CHARS].rsplit(" ", 1)[0] + " …"
    return task


def action_of(unit_text: str, unit_start: int, actors: list[OrgMention]) -> str:
    """The action without the leading list of actors: "ZN, VNG en ActiZ inventariseren X" -> "inventariseren X"."""
    pos = 0
    text = unit_text
    lead = re.match(r"\s*(?:de|het)\s+", text, re.IGNORECASE)
    if lead:
        pos = lead.end()
    for m in sorted(actors, key=lambda m: m.char_start):
        rel = m.char_start - unit_start
        if rel != pos:
            break
        pos = m.char_end - unit_start
        glue = re.match(r"(?:\s*(?:,|en|/|&)\s*(?:de|het)?\s*)", text[pos:])
        if glue:
            pos += glue.end()
    action = text[pos:].strip() if pos else text.strip()
    return action[:MAX_ACTION_CHARS]


def build_commitment(
    index: int, unit: Unit, mentions: list[OrgMention], times: list[TimeExpression]
) -> Commitment | None:
    """A unit becomes a commitment when an organisation acts in it."""
    if not any(m.role == Role.actor for m in mentions):
        return None
    return commitment_of(
        index,
        unit,
        action_of(unit.text, unit.start, mentions),
        unit.part,
        [shift_mention(m, unit.block) for m in mentions],
        [shift_time(t, unit.block) for t in times],
    )


_COMMITMENT_FIELDS = frozenset(Commitment.model_fields)


def commitment_of(
    index: int, unit: Unit, action: str, part: str, actors: list[OrgMention], times: list[TimeExpression]
) -> Commitment:
    """The commitment of a unit, built unvalidated: every value is already of its field's type."""
    values = {
        "char_start": unit.doc_start,
        "char_end": unit.doc_end,
        "block": unit.block.index,
        "page": unit.block.page,
        "index": index,
        "text": unit.text,
        "action": action,
        "part": part,
        "actors": actors,
        "times": times,
    }
    return trusted(Commitment, values, _COMMITMENT_FIELDS)


class TaskLinker:
    """Links timeline tasks to the commitments of one agreement; the commitment texts are lower-cased
    once rather than for every task."""

    def __init__(self, commitments: list[Commitment]) -> None:
        self.indices = [c.index for c in commitments]
        self.texts = [c.text.lower() for c in commitments]

    def link(self, task: str) -> int | None:
        """The commitment a timeline task restates, if one clearly does: the first with the highest
        score of at least TASK_LINK_MIN_SCORE (rapidfuzz keeps the first of equal scores, and the
        cutoff only skips work on choices that cannot reach it)."""
        if not self.texts:
            return None
        best = process.extractOne(
            task.lower(),
            self.texts,
            scorer=fuzz.token_set_ratio,
            processor=None,
            score_cutoff=TASK_LINK_MIN_SCORE,
        )
        return self.indices[best[2]] if best is not None else None
