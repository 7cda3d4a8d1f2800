"""The guard pre-check of the temporal scanner never skips a window where a name can match.

`_names_possible` lets `_guarded` skip the case-insensitive GUARD_NAMES search in ASCII windows that
hold none of the names' words; wherever that search finds a name, the pre-check must say yes.
"""

from __future__ import annotations

import itertools

import pytest

from extractors import temporal as T
from extractors import temporal_calendar as C
from extractors import temporal_patterns as P

NAMES = [
    "de WMO 2015 en",
    "Wmo-2015",
    "wmo2015",
    "JEUGDWET 2015",
    "de Zorgverzekeringswet–2006",
    "Omgevingswet 2024",
    "WET MAATSCHAPPELIJKE\tondersteuning 2015",
    "Ouder  Worden 2040",
    "agenda 2030",
    "Visie 2030",
    "Wkkgz 2016",
    "ſeniorenwet 2030",  # long s: matches "s" only case-insensitively
    "Participatiewet 2015 (ë)",
    "in 2030 en 2031",
    "Kamerstuk 2024",
]


@pytest.mark.parametrize(
    ("text", "prefix"), list(itertools.product(NAMES, ["", "Het plan ", "x" * 60 + " "]))
)
def test_names_possible_wherever_a_name_matches(text: str, prefix: str) -> None:
    text = prefix + text
    for m in P.GUARD_NAMES.finditer(text):
        # an anchor on the name's year, or on any digit run of it
        for d in range(m.start(), m.end()):
            if text[d].isdigit():
                a = C.Anchor(d, min(len(text), d + 4), "year", year=2015)
                assert T._names_possible(text, a), (text, d)


def test_names_impossible_in_plain_ascii() -> None:
    text = "De minister stuurt in 2026 een brief."
    a = C.Anchor(text.index("2026"), text.index("2026") + 4, "year", year=2026)
    assert not T._names_possible(text, a)
    assert T._names_possible(text.replace("minister", "ministër"), a)  # not ASCII: always searched
