"""Fast paths of the PDF reader answer exactly like the general code they stand in for."""

from __future__ import annotations

import random

from extractors.readers.pdf_blocks import Draft, _block
from extractors.readers.pdf_furniture import _DIGITS, _key
from extractors.readers.pdf_layout import (
    MAX_GUTTER_CANDIDATES,
    MAX_SPANNING_SHARE,
    MIN_COLUMN_EM,
    MIN_COLUMN_ITEMS,
    MIN_GUTTER_EM,
    Unit,
    _gutter,
    body_size,
)
from extractors.readers.pdf_page import _NORMALISED_CHARS, PageReader, Seg, _normalise
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


def test_text_without_normalised_chars_is_only_stripped() -> None:
    # Cells of split lines skip `_normalise` on pages without these characters and double spaces.
    listed = set(_NORMALISED_CHARS)
    for code in range(0x10000):
        c = chr(code)
        if c in listed or c == " " or 0xD800 <= code < 0xE000:  # (a space doubles up in the 2nd text)
            continue
        for raw in (f"a{c}b", f" a {c}b ", c):
            assert _normalise(raw, [])[0] == raw.strip(), hex(code)
    for c in listed:
        assert _normalise(f"a{c}b", [])[0] != f"a{c}b"


def test_cells_plain_only_where_no_piece_needs_normalising() -> None:
    reader = PageReader()
    assert reader._cells_plain("Aanpak 2025   Kosten") is False  # double space
    reader._plain = None
    assert reader._cells_plain("Aanpak\u00a02025 Kosten") is False
    reader._plain = None
    assert reader._cells_plain("Aanpak 2025 ’Kosten’ • ëé") is True


def _gutter_by_scanning(items: list[Seg], body: float) -> tuple[float, float] | None:
    """The gutter search without the bisecting shortcut: both sides built for every candidate."""
    max_span = int(MAX_SPANNING_SHARE * len(items))
    events = sorted([(i.x0, 1) for i in items] + [(i.x1, -1) for i in items])
    lo, hi = events[0][0], events[-1][0]
    candidates, depth, prev_x = [], 0, lo
    for x, delta in events:
        if x > prev_x and depth <= max_span and prev_x > lo and x < hi:
            candidates.append((depth, prev_x - x, (prev_x + x) / 2))
        depth += delta
        prev_x = x
    for _, _, x in sorted(candidates)[:MAX_GUTTER_CANDIDATES]:
        left = [i for i in items if i.x1 <= x]
        right = [i for i in items if i.x0 >= x]
        if len(left) < MIN_COLUMN_ITEMS or len(right) < MIN_COLUMN_ITEMS:
            continue
        a, b = max(i.x1 for i in left), min(i.x0 for i in right)
        if b - a < MIN_GUTTER_EM * body:
            continue
        if (
            a - min(i.x0 for i in left) < MIN_COLUMN_EM * body
            or max(i.x1 for i in right) - b < MIN_COLUMN_EM * body
        ):
            continue
        if len(left) + len(right) < len(items) and (
            min(i.top for i in right) > max(i.bottom for i in left)
            or min(i.top for i in left) > max(i.bottom for i in right)
        ):
            continue
        return a, b
    return None


def test_gutter_by_bisecting_equals_scanning() -> None:
    rng = random.Random(7)
    found = 0
    for _ in range(3000):
        items = []
        for row in range(rng.randint(2, 30)):
            x0 = rng.choice([50.0, 60.0, 300.0, 310.0, rng.uniform(40, 500)])
            x1 = x0 + rng.choice([20.0, 200.0, 240.0, 450.0, rng.uniform(1, 500)])
            items.append(Seg("t", x0, x1, 100.0 + 12 * row + rng.choice([0.0, 6.0]), 10.0, False, False, row))
        expected = _gutter_by_scanning(items, 10.0)
        found += expected is not None
        assert _gutter(items, 10.0) == expected
    assert found > 100  # the layouts do have columns often enough for the test to mean something
    nan = Seg("t", float("nan"), 80.0, 100.0, 10.0, False, False, 0)
    items = [
        nan,
        *(Seg("t", x, x + 200.0, 112.0 + k, 10.0, False, False, 1) for k, x in enumerate((50.0, 300.0) * 3)),
    ]
    assert _gutter(items, 10.0) == _gutter_by_scanning(items, 10.0)
