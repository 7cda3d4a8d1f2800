"""Facts extracted from a Document: the contract between extract/normalise and load/compare.

Every fact carries provenance: `char_start`/`char_end` index into `Document.text`, and `block` is
the index of the block it was found in. Facts found by a normaliser on a piece of text carry spans
relative to that text until the extraction stage shifts them to document coordinates.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field


class Span(BaseModel):
    char_start: int = 0
    char_end: int = 0
    block: int | None = None
    page: int | None = None


class TimeKind(StrEnum):
    date = "date"
    duration = "duration"
    recurrence = "recurrence"
    relative = "relative"


class Modifier(StrEnum):
    before = "before"
    after = "after"
    approx = "approx"


class TimeExpression(Span):
    """A Dutch time expression normalised to a TIMEX3-like value and a calendar interval.

    The interval is the one the expression itself names (inclusive ISO dates); the modifier does
    not widen it (`uiterlijk eind 2025` -> 2025-10-01..2025-12-31, modifier before).
    """

    surface: str
    value: str | None = None
    modifier: Modifier | None = None
    start_date: date | None = None
    end_date: date | None = None
    kind: TimeKind = TimeKind.date
    agreement_key: str | None = None
    task: str | None = None
    commitment: int | None = None  # index of the commitment it bounds within its agreement


class Role(StrEnum):
    actor = "actor"
    involved = "involved"
    mentioned = "mentioned"


class Organisation(BaseModel):
    """One entry of the curated organisation registry (data/organisations.yaml)."""

    id: str
    name: str
    abbreviation: str | None = None
    aliases: list[str] = Field(default_factory=list)
    kind: str
    members: list[str] = Field(default_factory=list)


class OrgMention(Span):
    organisation_id: str
    surface: str
    role: Role = Role.mentioned


class UnknownOrganisation(Span):
    """An organisation-like name that the registry does not know, kept for curation."""

    surface: str
    context: str


class RefKind(StrEnum):
    kamerstuk = "kamerstuk"
    motie = "motie"
    toezegging = "toezegging"
    document = "document"


class Reference(Span):
    kind: RefKind
    target: str | None  # kst-29389-152, TZ202410-166, 2026D02742; a motie's kamerstuk id
    surface: str
    status: str | None = None  # afgedaan, in_uitvoering
    footnote: int | None = None


class Commitment(Span):
    """One thing someone must do: a bullet or sentence of the who-part with its actors and time."""

    index: int
    text: str
    action: str
    part: str = "wie"  # wie, afspraak, tijdpad, text
    actors: list[OrgMention] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)


class AgreementActor(BaseModel):
    organisation_id: str
    role: Role


class Agreement(Span):
    key: str
    code: str | None = None
    title: str
    section: str | None = None
    what: str = ""
    shape: str = "numbered"  # numbered, coded, cluster, letter
    commitments: list[Commitment] = Field(default_factory=list)
    actors: list[AgreementActor] = Field(default_factory=list)
    mentions: list[OrgMention] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    text: str = ""  # full text of the agreement block (title to end), for alignment and diffs


class Status(StrEnum):
    on_track = "on_track"
    done = "done"
    started = "started"
    delayed = "delayed"
    planned = "planned"
    unknown = "unknown"


class StatusStatement(Span):
    section_key: str
    section_title: str
    status: Status
    quote: str


class Section(Span):
    """A reporting section of a progress document (cluster, actielijn) or any headed section."""

    key: str
    title: str
    level: int = 1


class ExtractionResult(BaseModel):
    """Everything extracted from one file: the unit one worker produces and one writer loads."""

    agreements: list[Agreement] = Field(default_factory=list)
    time_expressions: list[TimeExpression] = Field(default_factory=list)
    mentions: list[OrgMention] = Field(default_factory=list)
    unknown_organisations: list[UnknownOrganisation] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    status_statements: list[StatusStatement] = Field(default_factory=list)
