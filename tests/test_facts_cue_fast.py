"""Cue patterns over lower-cased text find exactly what the case-insensitive patterns find."""

from __future__ import annotations

import random
import re
import string

import pytest

from extractors import cues
from extractors.cues import CuePattern, agreement_cues, lowered, status_cues
from extractors.progress import _DOCUMENT_DATE


def _code_points() -> str:
    return "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def _phrase_characters() -> set[str]:
    patterns = [status_cues().pattern, agreement_cues().inline_label, agreement_cues().future]
    phrases = "".join(p.lower.pattern for p in patterns if p.lower is not None)
    return {c for c in phrases if c.islower()} | set(string.ascii_lowercase)


def test_lowering_agrees_with_ignorecase_on_every_code_point_but_the_traps() -> None:
    """For each character: lower-casing keeps its length and its \\w, \\s, \\d class, and a lower-case
    phrase letter is matched case-insensitively exactly by the characters that lower-case to it."""
    every = _code_points()
    assert len(every.lower()) == len(every) + 1  # only "İ" grows; `lowered` refuses text that does
    text = every.replace("İ", "")
    lower = text.lower()
    assert len(lower) == len(text)
    traps = {text.index(c) for c in cues._CASE_TRAPS}
    for cls in (r"\w", r"\s", r"\d"):
        pattern = re.compile(cls)
        assert [m.start() for m in pattern.finditer(text)] == [m.start() for m in pattern.finditer(lower)]
    for letter in _phrase_characters():
        any_case = {m.start() for m in re.finditer(re.escape(letter), text, re.IGNORECASE)} - traps
        assert any_case == {m.start() for m in re.finditer(re.escape(letter), lower)} - traps, letter
    for trap in [*cues._CASE_TRAPS, "İ"]:
        assert lowered(f"loopt op {trap}chema") is None


TRICKY = [
    "",
    "Wat zijn de FINANCIËLE gevolgen: geen. Wie gaat wat doen? Het tijdpad.",
    "Regeldruk Wat is de afspraak: ... van zorg. Wie gaat wat doen:",
    "Financiële zaken. WAT ZIJN DE FINANCIËLE GEVOLGEN",
    "é loopt op schema ’ is afgerond; “vertraagd” en ‘op koers’",
    "ı İ ſ K loopt op ſchema, wat ıs de afspraak, WAT İS DE AFSPRAAK",
    "De brief van 3 juni 2025 is afgerond. Het rapport d.d. 4 juli wordt verwacht.",
    "xwat is de afspraak, éwat is de afspraak, wat is de afspraakje, wat is de afspraak?",
    "Het plan zal in 2026 worden opgeleverd; afgelopen jaar heeft de NZa het verwerkt.",
    "Ⅰ ⅰ ﬀ µ ẞ ß Σ ς ǅ ǆ loopt\u00a0op\u2003schema; ΚΑΙ wie doet wat",
    "loopt op schema",
    "vertraagd-vertraagd_vertraagd(vertraagd)\nvertraagd2vertraagd",
    "wie doet wat_wie doet wat\twie doet wat:",
]


def _fuzz_texts(count: int) -> list[str]:
    rng = random.Random(20261122)
    pieces = [
        "wat is de afspraak",
        "wie gaat wat doen",
        "wat zijn de financiële gevolgen",
        "loopt op schema",
        "is afgerond",
        "vertraagd",
        "zal",
        "heeft",
        "brief van",
        "İ",
        "ı",
        "ſ",
        "K",
        "É",
        "Ë",
        "’",
        "x",
        ":",
        "?",
        ". ",
        " ",
        "\n",
        "\u00a0",
    ]
    out = []
    for _ in range(count):
        words = rng.choices(pieces, k=rng.randint(1, 12))
        text = "".join(words)
        out.append("".join(c.upper() if rng.random() < 0.3 else c for c in text))
    return out


def _patterns() -> list[CuePattern]:
    agreement = agreement_cues()
    return [status_cues().pattern, agreement.inline_label, agreement.future, agreement.past, _DOCUMENT_DATE]


def _found(matches: list[re.Match[str]]) -> list[tuple]:
    return [(m.span(), m.lastgroup, m.regs) for m in matches]


@pytest.mark.parametrize("text", TRICKY + _fuzz_texts(300))
def test_cue_patterns_match_like_the_case_insensitive_pattern(text: str) -> None:
    for pattern in _patterns():
        assert pattern.lower is not None
        expected = list(pattern.any_case.finditer(text))
        assert _found(list(pattern.finditer(text))) == _found(expected)
        first = pattern.search(text)
        assert (first.regs if first else None) == (expected[0].regs if expected else None)


def test_the_scouted_patterns_have_scouts() -> None:
    assert status_cues().pattern.scout is not None
    assert agreement_cues().inline_label.scout is not None
