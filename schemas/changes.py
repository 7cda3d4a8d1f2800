"""Changes between two documents, and between an agreement and the progress documents on it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class ChangeKind(StrEnum):
    agreement_added = "agreement_added"
    agreement_removed = "agreement_removed"
    renumbered = "renumbered"
    split = "split"
    merged = "merged"
    title_changed = "title_changed"
    what_changed = "what_changed"
    commitment_added = "commitment_added"
    commitment_removed = "commitment_removed"
    commitment_reworded = "commitment_reworded"
    actor_added = "actor_added"
    actor_removed = "actor_removed"
    role_changed = "role_changed"
    deadline_moved = "deadline_moved"
    deadline_added = "deadline_added"
    deadline_removed = "deadline_removed"
    amount_changed = "amount_changed"
    amount_added = "amount_added"
    amount_removed = "amount_removed"
    metadata_changed = "metadata_changed"
    text_added = "text_added"
    text_removed = "text_removed"
    text_changed = "text_changed"
    text_moved = "text_moved"
    # progress tracking
    deadline_drift = "deadline_drift"
    deadline_overdue = "deadline_overdue"
    not_reported = "not_reported"


class Side(BaseModel):
    """Where a change stands in one of the two documents: enough to jump to the sentence."""

    document_id: str
    agreement_key: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    page: int | None = None
    quote: str | None = None


class Change(BaseModel):
    kind: ChangeKind
    field: str | None = None
    agreement_key_from: str | None = None
    agreement_key_to: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    score: float | None = None  # similarity evidence for alignments; confidence for text changes
    low_confidence: bool = False  # differences that may come from extraction (lost diacritics, misreads)
    shift_days: int | None = None  # deadlines: new end minus old end
    direction: str | None = None  # earlier / later
    redline: str | None = None  # word-level redline: [-removed-]{+added+}
    old: Side | None = None
    new: Side | None = None
    related: list[str] = Field(default_factory=list)  # other keys in a split / merge


class AlignedPair(BaseModel):
    key_from: str
    key_to: str
    score: float
    kind: str  # same, renumbered, split, merged
    title_from: str = ""
    title_to: str = ""


class DeadlineSpan(BaseModel):
    """The first and last dated deadline of an aligned agreement in each version, for the timeline."""

    key_from: str
    key_to: str
    old_start: str | None = None
    old_end: str | None = None
    new_start: str | None = None
    new_end: str | None = None


class DocumentSummary(BaseModel):
    document_id: str
    title: str | None = None
    date: str | None = None
    version: int | None = None
    source_file: str | None = None
    format: str | None = None


class ChangeReport(BaseModel):
    from_document: DocumentSummary
    to_document: DocumentSummary
    alignment: list[AlignedPair] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    deadline_spans: list[DeadlineSpan] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.kind.value] = out.get(c.kind.value, 0) + 1
        return dict(sorted(out.items()))


class SectionLink(BaseModel):
    document_id: str
    section_key: str
    section_title: str
    score: float


class TrackedAgreement(BaseModel):
    agreement_key: str
    title: str
    links: list[SectionLink] = Field(default_factory=list)
    statuses: list[dict[str, str]] = Field(default_factory=list)  # section_key, status, quote
    changes: list[Change] = Field(default_factory=list)


class TrackReport(BaseModel):
    agreement_document: DocumentSummary
    progress_documents: list[DocumentSummary]
    agreements: list[TrackedAgreement] = Field(default_factory=list)

    def changes(self) -> list[Change]:
        return [c for a in self.agreements for c in a.changes]
