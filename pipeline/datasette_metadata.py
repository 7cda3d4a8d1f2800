"""Datasette metadata for `afspraken serve`: descriptions of the views and tables, facets, full-text
search on blocks, and the canned queries of pipeline/sql/queries.yaml (the same data as the CLI).

    python -m pipeline.datasette_metadata output/afspraken.db > metadata.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pipeline.queries import load_queries

TITLE = "afspraken"
DESCRIPTION = (
    "Agreements (afspraken) in Dutch parliamentary documents: what was agreed, who must do it, by when, "
    "and what changed. Start with the views (v_*), the stable public interface, or a canned query below; "
    "char_start/char_end index into documents.text, so every row leads back to its sentence."
)

# The public views (DESIGN.md "Public database interface"): title, description, column descriptions,
# facets. tests/test_serve.py checks that every column of every view is described here.
VIEWS: dict[str, dict[str, Any]] = {
    "v_documents": {
        "title": "Documents",
        "description": "One row per document version. A changed file becomes a new version of its document.",
        "facets": ["kind", "format"],
        "columns": {
            "document_id": "identifier of this version (nummer or file-name slug, plus -vN for later versions)",
            "nummer": "Tweede Kamer document number such as 2026D02742, where the document states it",
            "version": "1 for the first file seen, counting up for each changed file",
            "title": "title from the metadata or the first heading",
            "kind": "brief, bijlage, akkoord, motie, ...",
            "date": "document date (ISO)",
            "dossier": "kamerstukdossier number",
            "volgnummer": "number within the dossier",
            "parent_document_id": "the letter a bijlage belongs to",
            "source_file": "base name of the file the document was read from",
            "format": "pdf, docx, txt or doc",
            "sha256": "hash of the file's bytes",
        },
    },
    "v_agreements": {
        "title": "Agreements (afspraken)",
        "description": "One row per agreement, and per dated commitment of a letter.",
        "facets": ["document_id", "section"],
        "columns": {
            "document_id": "the document (v_documents)",
            "agreement_key": "unique within the document: the printed code or number (A1, 3), else a slug of the title",
            "code": "the printed code or number, or null",
            "title": "the agreement's title, or the commitment sentence of a letter",
            "section": "heading path of the section the agreement is in",
            "what": "what is agreed (the 'Wat is de afspraak' part where there is one)",
            "page": "page where it starts (PDF), where known",
            "char_start": "start of the agreement in documents.text",
            "char_end": "end of the agreement in documents.text",
        },
    },
    "v_agreement_actors": {
        "title": "Organisations per agreement",
        "description": "Registry organisations named in an agreement, with their role.",
        "facets": ["organisation_name", "role", "document_id"],
        "columns": {
            "document_id": "the document",
            "agreement_key": "the agreement within the document",
            "organisation_id": "registry id (extractors/data/organisations.yaml)",
            "organisation_name": "the registry's name",
            "abbreviation": "the registry's abbreviation",
            "role": "actor (does something), involved (consulted, participates) or mentioned",
        },
    },
    "v_time_expressions": {
        "title": "Time expressions and deadlines",
        "description": (
            "Dutch time expressions normalised to a TIMEX3-like value and the calendar interval they name "
            "(docs/temporal.md); the modifier does not widen the interval."
        ),
        "facets": ["document_id", "modifier", "kind"],
        "columns": {
            "document_id": "the document",
            "agreement_key": "the agreement it belongs to; null outside agreements",
            "surface": "the words as written",
            "value": "TIMEX3-like value: 2026, 2026-04, 2026-Q2, 2026-H2, 2026-SP, P3M, ...",
            "modifier": "before (uiterlijk, voor), after (vanaf, per), approx (rond, circa) or null",
            "start_date": "first day of the interval the expression names (ISO)",
            "end_date": "last day of that interval (ISO, inclusive)",
            "kind": "date, duration, recurrence or relative",
            "task": "the short commitment it bounds, where known",
            "char_start": "start in documents.text",
            "char_end": "end in documents.text",
        },
    },
    "v_references": {
        "title": "References: Kamerstukken, moties, toezeggingen",
        "description": "Citations normalised to kst-<dossier>-<nr>, with the status a letter gives them.",
        "facets": ["kind", "status", "document_id"],
        "columns": {
            "document_id": "the citing document",
            "kind": "kamerstuk, motie, toezegging or document",
            "target": "normalised target: kst-29389-152, TZ202410-166, ...",
            "surface": "the words as written",
            "status": "afgedaan, in_uitvoering or null",
            "char_start": "start in documents.text",
            "char_end": "end in documents.text",
        },
    },
    "v_status_statements": {
        "title": "Status statements of progress reports",
        "description": "What a progress letter or bijlage says about the state of a cluster or section.",
        "facets": ["status", "document_id"],
        "columns": {
            "document_id": "the progress document",
            "section_key": "the cluster or section (cluster-3, eerste-resultaten, ...)",
            "section_title": "its heading",
            "status": "done, on_track, started, planned, delayed or unknown",
            "quote": "the sentence that says so",
        },
    },
    "v_changes": {
        "title": "Changes between two documents",
        "description": "What `afspraken diff A B` found: one row per changed field of an agreement.",
        "facets": ["change_kind", "field", "to_document_id"],
        "columns": {
            "from_document_id": "the earlier document",
            "to_document_id": "the later document",
            "agreement_key_from": "the agreement in the earlier document (null when added)",
            "agreement_key_to": "the agreement in the later document (null when removed)",
            "change_kind": "agreement_added, agreement_removed, renumbered, title_changed, actor_added, "
            "deadline_moved, amount_changed, commitment_reworded, ... (schemas/changes.py ChangeKind)",
            "field": "the field that changed, where the kind does not say it",
            "old_value": "before",
            "new_value": "after",
        },
    },
}

# The tables behind the views: internal and allowed to change, described so a browser makes sense.
# Those a view reads are hidden from the listings (still listed as hidden tables, and reachable), so
# a reader starts from the stable views.
TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "description": "Internal: documents with their full normalised text (all spans index into text)."
    },
    "files": {
        "description": "Internal: input files as last seen, for incremental extraction.",
        "hidden": True,
    },
    "blocks": {
        "description": "Internal: the structured text (headings, paragraphs, list items, tables, footnotes). "
        "Full-text search: the search box uses blocks_fts.",
        "facets": ["kind", "document_id"],
        "fts_table": "blocks_fts",
        "fts_pk": "rowid",
    },
    "organisations": {
        "description": "The organisation registry as loaded (extractors/data/organisations.yaml)."
    },
    "sections": {"description": "Internal: section headings per document."},
    "agreements": {"description": "Internal: agreements; read v_agreements.", "hidden": True},
    "commitments": {"description": "Internal: the commitments (sentences) of each agreement."},
    "agreement_actors": {
        "description": "Internal: organisations per agreement; read v_agreement_actors.",
        "hidden": True,
    },
    "mentions": {"description": "Internal: every organisation mention with its role and span."},
    "time_expressions": {
        "description": "Internal: time expressions; read v_time_expressions.",
        "hidden": True,
    },
    "refs": {"description": "Internal: references; read v_references.", "hidden": True},
    "status_statements": {
        "description": "Internal: status statements with spans; read v_status_statements.",
        "hidden": True,
    },
    "unknown_organisations": {
        "description": "Organisation-like names not in the registry, for curation.",
        "facets": ["surface", "document_id"],
    },
    "failures": {"description": "Files that could not be read, with the reason."},
    "runs": {"description": "One row per extract run: counts and time taken."},
    "changes": {
        "description": "Internal: changes found by diffs, with provenance; read v_changes.",
        "hidden": True,
    },
}


def canned_queries() -> dict[str, dict[str, Any]]:
    """The YAML canned queries in Datasette's form; Datasette shows a form field per parameter."""
    out: dict[str, dict[str, Any]] = {}
    for q in load_queries().values():
        params = ", ".join(f"{o.param}: {o.help}" for o in q.options)
        description = q.description + (f" Parameters — {params}." if params else "")
        out[q.name] = {"title": q.title, "description": description, "sql": q.sql, "params": q.params}
    return out


def build_metadata(db: Path) -> dict[str, Any]:
    """Metadata for one database; Datasette names a database after its file's stem."""
    tables = {name: dict(spec) for name, spec in {**TABLES, **VIEWS}.items()}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {
            db.stem: {
                "title": f"{TITLE}: {db.name}",
                "description": DESCRIPTION,
                "tables": tables,
                "queries": canned_queries(),
            }
        },
    }


def write_metadata(db: Path, path: Path) -> Path:
    path.write_text(json.dumps(build_metadata(db), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("output/afspraken.db")
    sys.stdout.write(json.dumps(build_metadata(target), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
