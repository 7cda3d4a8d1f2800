"""Fast paths of the PDF reader answer exactly like the general code they stand in for."""

from __future__ import annotations

from extractors.readers.pdf_blocks import Draft, _block
from extractors.readers.pdf_furniture import _DIGITS, _key
from extractors.readers.pdf_layout import Unit, body_size
from extractors.readers.pdf_page import Seg
from schemas.document import Block, BlockKind, FootnoteRef


def _same(built: Block, validated: Block) -> None:
    assert built == validated
    assert built.__pydantic_fields_set__ == validated.__pydantic_fields_set__
    assert list(built.__dict__) == list(validated.__dict__)
    assert built.model_dump_json() == validated.model_dump_json()


def test_text_block_built_directly_equals_validated_block() -> None:
    draft = Draft(BlockKind.list_item, [], 4, 3, marker="a)", level=1, number=None)
    refs = [FootnoteRef(number=7, offset=2)]
    built = _block(BlockKind.list_item, "tekst", draft, level=1, footnote_refs=refs)
    validated = Block(
        kind=BlockKind.list_item,
        text="tekst",
        level=1,
        marker="a)",
        number=None,
        page=4,
        source_page=3,
        footnote_refs=[FootnoteRef(number=7, offset=2)],
    )
    _same(built, validated)


def test_table_block_built_directly_equals_validated_block() -> None:
    rows = [["a", "1"], ["b", "2"]]
    draft = Draft(BlockKind.table, [], 9, 5, cells=rows)
    built = _block(BlockKind.table, "a\t1\nb\t2", draft, cells=rows)
    validated = Block(kind=BlockKind.table, text="a\t1\nb\t2", cells=rows, page=9, source_page=5)
    _same(built, validated)


def test_furniture_key_fast_path_equals_the_substitution() -> None:
    texts = [
        "Pagina 12 van 40",
        "  AZWA 2025 ",
        "Inhoud",
        "ΟΔΟΣ 3",
        "Σ",
        "",
        "٣ Arabic-Indic digit",
        "½ 2²",
        "İk",
    ]
    assert [_key(t) for t in texts] == [_DIGITS.sub("#", t.lower()).strip() for t in texts]


def test_body_size_ties_go_to_the_size_seen_first() -> None:
    def seg(text: str, size: float) -> Seg:
        return Seg(text, 0.0, 10.0, 20.0, size, False, False, 0)

    segs = [seg("abcd", 9.1), seg("efgh", 10.0), seg("ij", 9.0), seg("kl", 10.2)]
    unit = Unit(source_page=1, x0=0.0, x1=100.0, height=100.0, segs=segs)
    assert body_size([unit]) == 9.0  # 9.0 and 10.0 both hold 6 chars; 9.0 came first
    assert body_size([]) == 10.0
