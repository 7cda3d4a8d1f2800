"""The extract stage: from a Document to all its facts (one module per kind of fact does the work)."""

from __future__ import annotations

from schemas import Document, ExtractionResult


def extract_facts(doc: Document) -> ExtractionResult:
    return ExtractionResult()
