"""The lazy document vocabulary answers exactly as the whole-text vocabulary does."""

from __future__ import annotations

import re

import pytest

from extractors.readers import dehyphenate
from extractors.readers.dehyphenate import Vocabulary, build_vocabulary
from tests.paths import shared_file

_TEXT = (
    "De AZWA-partijen en de zorg-\nverzekeraars spraken af.\n"
    "Organisa\u00adtie van wijk-\nverpleging; Noord-Holland en 2025-2028.\n"
    "Cliënten- of naastenorganisaties, d’r is ’s-Hertogenbosch.\nİstanbul"
)


def _probes(text: str) -> set[str]:
    words = build_vocabulary(text)
    # Every word, pieces of words and forms that span a line break or never occur.
    return words | {w[1:] for w in words} | {"zorgverzekeraars", "wijkverpleging", "organisatie", "", "x-y"}


@pytest.mark.parametrize("text", [_TEXT, _TEXT.replace("İ", "I"), "", "één\n\ntwee"])
def test_lazy_vocabulary_answers_as_the_whole_text_vocabulary(text: str) -> None:
    full = build_vocabulary(text)
    lazy = Vocabulary(text)
    for form in sorted(_probes(text)):
        assert (form in lazy) == (form in full), form


def test_lazy_vocabulary_switches_to_the_whole_text_after_many_probes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dehyphenate, "MAX_LAZY_PROBES", 3)
    text = shared_file("corpus/text/azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt").read_text(
        encoding="utf-8"
    )
    full = build_vocabulary(text)
    lazy = Vocabulary(text)
    for form in [
        "zorgverzekeraars",
        "azwa-partijen",
        "wijkverpleging",
        "zorg",
        "nietbestaandwoord",
        "gezondheid",
    ]:
        assert (form in lazy) == (form in full), form


def _join_lines_one_by_one(lines: list[str], vocab: set[str] | None = None) -> str:
    """join_lines as it was first written: every line joined to the text so far, one at a time."""
    out = ""
    for raw in lines:
        line = raw.replace(dehyphenate.SOFT_HYPHEN, "").strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out = dehyphenate.join_hyphenated(out, line, vocab)
        else:
            out = f"{out} {line}"
    return re.sub(r"[ \t\u00a0]{2,}", " ", out)


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["", "  "],
        ["organisa-", "tie", "en de AZWA-", "partijen"],
        ["een  dubbele\tspatie", "en\u00a0\u00a0nbsp"],
        ["eindigt op -", "-", "x-"],
        ["zorg-", "en welzijn", "2025-", "2028", "\u00adzacht\u00ad-", "woord"],
        ["a" * 300 + "-", "b" * 10, "woord " * 40 + "lang" + "x" * 100 + "-", "vervolg"],
    ],
)
def test_join_lines_answers_as_joining_one_line_at_a_time(lines: list[str]) -> None:
    vocab = {"organisatie", "azwa-partijen", "lang" + "x" * 100 + "vervolg"}
    assert dehyphenate.join_lines(lines, vocab) == _join_lines_one_by_one(lines, vocab)
    assert dehyphenate.join_lines(lines) == _join_lines_one_by_one(lines)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-",
        "abc",
        "a b",
        "x" * 200,
        "woord " * 50 + "y" * 63,
        "woord " * 50 + "y" * 64,
        "z" * 65 + ".",
        "ab_cd",
    ],
)
def test_last_word_searched_near_the_end_answers_as_a_whole_text_search(text: str) -> None:
    m = re.search(r"[^\W_]+$", text)
    assert dehyphenate._last_word(text) == (m.group(0) if m else "")
