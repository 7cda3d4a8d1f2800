"""Golden structural summaries of each reference document: block kinds and counts, headings outline.

Regenerate deliberately with `make golden` (pytest --update-golden) and review the diff in its own
commit; a reader change that alters structure shows up here first.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from extractors.readers import read
from schemas import BlockKind, Document
from tests.paths import shared_file

GOLDEN = Path(__file__).parent / "golden"
REFERENCE = [
    "corpus/text/2026D02742-voortgangsbrief-hlo.txt",
    "corpus/text/2026D02743-bijlage-stand-van-zaken-per-cluster.txt",
    "corpus/text/hlo-2025-onderhandelaarsakkoord.docx-export.txt",
    "corpus/text/azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt",
    "corpus/text/wozo-voortgang-bijlage-actielijnen.pdf-export.txt",
    "corpus/pdf/azwa-2025-07-03-onderhandelaarsakkoord.pdf",
    "corpus/pdf/azwa-2025-08-definitief.pdf",
    "corpus/pdf/azwa-2025-09-08-aanbiedingsbrief.pdf",
    "corpus/docx/motie-36278-32.docx",
    "corpus/docx/azwa-werkagenda-d5-format-2026.docx",
]
# Heading text is cut to this length in the outline: enough to recognise, short enough to review.
OUTLINE_CHARS = 80


def summary(doc: Document) -> dict:
    kinds = Counter(b.kind.value for b in doc.blocks)
    return {
        "source_file": doc.meta.source_file,
        "format": doc.meta.format.value,
        "text_kind": doc.meta.text_kind,
        "pages": doc.meta.pages,
        "title": doc.meta.title,
        "blocks": dict(sorted(kinds.items())),
        "footnote_refs": sum(len(b.footnote_refs) for b in doc.blocks),
        "outline": [
            f"{'  ' * ((b.level or 1) - 1)}{b.text[:OUTLINE_CHARS]}"
            for b in doc.blocks
            if b.kind == BlockKind.heading
        ],
    }


@pytest.mark.parametrize("relative", REFERENCE, ids=[Path(r).name for r in REFERENCE])
def test_structure_matches_golden(relative: str, update_golden: bool) -> None:
    path = shared_file(relative)
    module = {".pdf": "extractors.readers.pdf", ".docx": "extractors.readers.docx"}.get(path.suffix)
    if module and importlib.util.find_spec(module) is None:
        pytest.skip(f"no reader for {path.suffix} yet")
    got = summary(read(path))
    golden = GOLDEN / f"{path.name}.json"
    if update_golden or not golden.exists():
        golden.write_text(
            json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        if not update_golden:
            pytest.fail(f"golden file was missing and has been written: {golden.name}; review and commit it")
    assert got == json.loads(golden.read_text(encoding="utf-8"))
