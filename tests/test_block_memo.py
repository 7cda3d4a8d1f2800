"""Facts of a paragraph met before are reused, and are the same as computed afresh."""

from __future__ import annotations

from datetime import date

from extractors import extract
from extractors.readers.txt_plain import parse

LETTER = """Voortgang van de afspraken

De NZa en het Zorginstituut Nederland leveren uiterlijk 1 juli 2026 een advies op over de bekostiging.

Vóór het einde van het eerste kwartaal van 2026 stellen ZN en de LHV samen een handreiking op.
"""


def _dump(facts: extract.BlockFacts) -> tuple:
    return (
        {i: [t.model_dump() for t in ts] for i, ts in facts.times.items()},
        {i: [m.model_dump() for m in ms] for i, ms in facts.mentions.items()},
        [u.model_dump() for u in facts.unknown],
    )


def test_a_repeated_paragraph_gives_the_same_facts_as_a_fresh_one() -> None:
    extract._MEMO.clear()
    fresh = extract._facts_per_block(parse(LETTER))
    assert extract._MEMO, "the paragraphs were remembered"
    again = extract._facts_per_block(parse(LETTER))
    assert _dump(again) == _dump(fresh)
    found = {m.organisation_id for ms in fresh.mentions.values() for m in ms}
    assert found >= {"nza", "zorginstituut", "zn", "lhv"}
    assert any(str(t.start_date) == "2026-07-01" for ts in fresh.times.values() for t in ts)
    # the whole result, too
    assert (
        extract.extract_facts(parse(LETTER)).model_dump() == extract.extract_facts(parse(LETTER)).model_dump()
    )


def test_facts_handed_out_do_not_change_the_memo() -> None:
    extract._MEMO.clear()
    first = extract._facts_per_block(parse(LETTER))
    for ms in first.mentions.values():
        ms.clear()
    for ts in first.times.values():
        ts.clear()
    again = extract._facts_per_block(parse(LETTER))
    assert any(again.mentions.values()), "clearing the lists handed out left the remembered facts alone"
    assert any(again.times.values())


def test_the_document_date_is_part_of_the_key() -> None:
    """ "volgend jaar" means 2026 in a letter of 2025 and 2027 in one of 2026, same paragraph or not."""
    extract._MEMO.clear()
    years = []
    for year in (2025, 2026):
        doc = parse("Dit gebeurt volgend jaar.\n")
        doc.meta.date = date(year, 3, 1)
        facts = extract._facts_per_block(doc)
        years += [t.start_date.year for ts in facts.times.values() for t in ts if t.start_date]
    assert years == [2026, 2027]


def test_a_new_matcher_starts_a_new_memo(monkeypatch) -> None:
    from extractors import organisations

    extract._facts_per_block(parse(LETTER))
    assert extract._MEMO
    other = organisations.OrgMatcher()
    monkeypatch.setattr(organisations, "default_matcher", lambda: other)
    extract._facts_per_block(parse("Een korte brief zonder afspraken.\n"))
    assert [key[0] for key in extract._MEMO] == ["Een korte brief zonder afspraken."]
