"""The lazy document vocabulary answers exactly as the whole-text vocabulary does."""

from __future__ import annotations

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
