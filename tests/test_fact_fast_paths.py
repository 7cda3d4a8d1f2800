"""The fast paths of fact extraction answer exactly like the general paths they replace."""

from __future__ import annotations

import random
import re

import pytest
from rapidfuzz import fuzz

from extractors import reference_patterns as rp
from extractors import references
from extractors.commitments import TASK_LINK_MIN_SCORE, TaskLinker
from extractors.cues import lowered, status_cues
from schemas import Block, BlockKind, Commitment

TRICKY = [
    "",
    "Het project loopt op schema en is afgerond.",
    "Het  project   LOOPT\nOP schema; vertraagd, Vertraging.",
    "xloopt op schema, loopt op schemax, is afgerondje, zalig, zal.",
    "De verwachting is dat het streven is gehaald; het streven, naar verwachting in 2027.",
    "wordt gewerkt aan wordt opgeleverd werkt aan werkt momenteel werken aan",
    "Kunnen in 2026 worden afgerond; kunnen in 2027? in gang gezet. in uitvoering",
    "is reeds een is reeds gestart inmiddels gestart is gestart gestart met",
    "Ter hand genomen: voortvarend ter hand genomen en verloopt voortvarend.",
    "é loopt op schema ’ is afgerond",  # not ASCII: the general path
    "ı İ ſ K loopt op ſchema",
    "Nr. 12, nrs. 3 en 4, nummer 5, No. 6, kst-36600-XVI-7, Kamerstuk 36 600, 36600-XVI-87",
    "inr. 12 onr, anno. 5, nummers, KST, kamerstukken, 12345-ivx, 1234-I, x12345-V",
    "De motie-Jansen, de MOTIE, toezeggingen, Toezegging TZ202410-166, motİe, toeZEGging",
    "Kſt 12345 en KST-36600-XVI-7, moTıe, toezeggıng, NR. 5, nº 6, 36600-ıV-8, 12345-İV-9",
    "٣٦٦٠٠ nr. ٧٤, Kamerstukken 36 600-Ⅻ, 29 389 nummer 3 “motie” ’toezegging’ 2025 €12",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scouted_status_cues_find_what_the_pattern_finds(text: str) -> None:
    cues = status_cues()
    plain = {m.lastgroup for m in cues.pattern.any_case.finditer(text) if m.lastgroup}
    assert cues.statuses(text) == plain
    if cues.pattern.lower is not None and text.isascii():
        lower = text.lower()
        expected = [(m.span(), m.lastgroup) for m in cues.pattern.lower.finditer(lower)]
        got = [(m.span(), m.lastgroup) for m in _scouted_matches(lower)]
        assert got == expected


def _scouted_matches(lower: str) -> list[re.Match[str]]:
    cues = status_cues()
    assert cues.pattern.scout is not None and cues.pattern.lower is not None
    return list(cues.pattern.scout.finditer(cues.pattern.lower, lower))


_OLD_HINT = re.compile(r"(?i)n(?:(?<!\w.)rs?\b|ummer|(?<!\w.)o\.)|k(?:st|amerstuk)|\d{5}-[IVX]")
_OLD_MAY_HAVE_STATUS = re.compile(r"(?i)motie|toezegging")


@pytest.mark.parametrize("text", TRICKY)
def test_rewritten_hints_match_where_the_plain_patterns_match(text: str) -> None:
    for start in range(len(text) + 1):
        assert bool(rp.CITATION_HINT_RE.match(text, start)) == bool(_OLD_HINT.match(text, start))
        assert bool(references._MAY_HAVE_STATUS_RE.match(text, start)) == bool(
            _OLD_MAY_HAVE_STATUS.match(text, start)
        )


@pytest.mark.parametrize("text", TRICKY)
def test_gated_block_facts_equal_ungated(text: str) -> None:
    block = Block(kind=BlockKind.paragraph, text=text)
    facts = references._facts(block)
    assert facts.citations == references.find_citations(text)
    assert [(m.start, m.end, m.surnames) for m in facts.moties] == [
        (m.start, m.end, m.surnames) for m in references._find_moties(block)
    ]
    assert facts.toezeggingen == [(m.start(), m.end()) for m in rp.TOEZEGGING_RE.finditer(text)]
    assert facts.digits == bool(re.search(r"\d", text))
    assert facts.may_have_status == bool(_OLD_MAY_HAVE_STATUS.search(text))
    if not references._may_cite(lowered(text)):
        assert rp.CITATION_HINT_RE.search(text) is None


def test_substring_gates_answer_like_the_hints_on_random_text() -> None:
    pieces = ["n", "N", "r", "R", "s", "ummer", "o", ".", "k", "K", "st", "amerstuk", "-", "I", "V", "X"]
    pieces += ["12345", "9", " ", "x", "motie", "MOTIE", "toezegging", "ſ", "ı", "İ", "K", "é", "’"]
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 10)))
        lower = lowered(text)
        if not references._may_cite(lower):
            assert rp.CITATION_HINT_RE.search(text) is None, text
        assert references._may_have_status(text, lower) == bool(_OLD_MAY_HAVE_STATUS.search(text)), text


def _link_by_loop(task: str, commitments: list[Commitment]) -> int | None:
    best: tuple[float, int] | None = None
    for c in commitments:
        score = fuzz.token_set_ratio(task.lower(), c.text.lower())
        if score >= TASK_LINK_MIN_SCORE and (best is None or score > best[0]):
            best = (score, c.index)
    return best[1] if best else None


def test_task_linker_keeps_the_first_of_the_best_scores() -> None:
    words = "het plan van aanpak wordt na de zomer 2026 opgeleverd VWS organiseert als aanzet ZN".split()
    rng = random.Random(7)
    for _ in range(2000):
        commitments = [
            Commitment(index=3 * i + 1, text=" ".join(rng.choices(words, k=rng.randint(0, 8))), action="")
            for i in range(rng.randint(0, 6))
        ]
        if commitments and rng.random() < 0.3:  # an equal score later in the list
            commitments.append(Commitment(index=99, text=commitments[0].text.upper(), action=""))
        task = " ".join(rng.choices(words, k=rng.randint(0, 8)))
        assert TaskLinker(commitments).link(task) == _link_by_loop(task, commitments)
