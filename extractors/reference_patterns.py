"""Regular expressions for references in Dutch parliamentary text, in one place.

Citations of Kamerstukken, Handelingen and the Aanhangsel, toezegging ids, document and zaak
numbers, and motie names. Word lists (surname particles, stopwords, abbreviations) and the status
cue phrases are data in data/references.yaml; this module compiles them into patterns once.
See docs/references.md for the id formats these patterns normalise to.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from extractors.datafile import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "references.yaml"


@cache
def data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return load_yaml(fh.read())


# Spaces inside numbers and between citation parts: plain, no-break and narrow no-break spaces.
_SP = "[ \u00a0\u202f]"
# Hyphens and dashes that writers use in dossier suffixes and vergaderjaren (2022–2023).
_DASH = "[-\u2010\u2011\u2012\u2013\u2014]"


def _years(a: str, b: str) -> str:
    """A vergaderjaar in any spelling: 2024/25, 2024/2025, 2022–2023, 2023-24 (groups a and b)."""
    return rf"(?P<{a}>(?:19|20)\d{{2}}){_SP}?[/\u2010\u2011\u2012\u2013\u2014-]{_SP}?(?P<{b}>(?:19|20)?\d{{2}})(?!\d)"


# Dossier numbers are five digits, written "29 389" or "29389"; requiring five digits keeps years,
# article numbers ("artikel 3 nr. 2") and Staatsblad/Staatscourant years out. A preceding euro sign,
# digit or decimal mark means an amount or a longer number, not a dossier.
_DOSSIER = rf"(?<![\d.,/€])(?<!€{_SP})(?P<dossier>\d{{2}}{_SP}?\d{{3}})(?!\d)"

# The chapter suffix of a begroting dossier: a Roman numeral (36 600-XVI, 36 600 XVI, 36600XVI,
# 36 600 IXB), or after a hyphen a single fund letter (36 600-A) or an Arabic subdossier number
# (21 501-20) when "nr." follows.
_SUFFIX = (
    rf"(?:{_SP}?{_DASH}?{_SP}?(?P<roman>[IVX]{{1,5}}[AB]?)(?![\w])"
    rf"|{_DASH}(?P<letter>[A-K])(?![\w])"
    rf"|{_DASH}(?P<sub>\d{{1,3}})(?=\s*,?\s*(?i:nrs?|nummer)\b))"
)

_NR_WORD = r"(?i:nrs?|nummers?|no)\b\.?"

# Everything a writer puts before the dossier number: "Kamerstukken II 2024/25,", "Kst.", "Kamerstuk",
# "TK 2022–2023,", "Tweede Kamer, vergaderjaar 2024–2025,". Optional: "36 600-XVI nr. 74" alone counts.
_PREFIX = (
    r"(?P<prefix>(?<![\w])"
    r"(?i:kamerstukken|kamerstuk|kst\b\.?|tk\b|ek\b|tweede\s+kamer|eerste\s+kamer)"
    r"(?:\s+(?P<chamber>II|I)(?![\w]))?"
    r"\s*[,:]?\s*"
    r"(?:(?i:vergaderjaar|vj\.?)\s*)?"
    rf"(?:{_years('y1', 'y2')}\s*,?\s*)?"
    r")?"
)

KAMERSTUK_RE = re.compile(
    _PREFIX
    + _DOSSIER
    + rf"(?:{_SUFFIX})?"
    # A rijkswet's R-number ("36 123 (R2190), nr. 5") names the same dossier: it is skipped.
    + r"(?:\s*\(R\d{3,4}\))?"
    + rf"\s*[,;]?\s*{_DASH}?\s*"
    + _NR_WORD
    + r"\s*(?P<nr>\d{1,5})(?![\d])"
    # "nrs. 136 en 137", "nrs. 150, 151 en 152": the further numbers of one citation.
    + r"(?P<more>(?:\s*(?:,|\ben\b|&)\s*(?:(?i:nr)\.?\s*)?\d{1,5}(?![\d]))*)"
)

# Eerste Kamer stukken are lettered: "Kamerstukken I 2024/25, 36 600 XVI, A" -> kst-36600-XVI-A.
KAMERSTUK_EK_RE = re.compile(
    r"(?P<prefix>(?<![\w])(?i:kamerstukken|kamerstuk|kst\b\.?)\s+I(?![\w])\s*,?\s*"
    rf"(?:{_years('y1', 'y2')}\s*,?\s*)?)"
    + _DOSSIER
    + rf"(?:{_SUFFIX})?"
    + r"\s*,\s*(?:(?i:letter)\s+)?(?P<nr>[A-Z]{1,2})(?![\w])"
)

# The id form itself: kst-29389-162, kst-36600-XVI-74 (as in officielebekendmakingen.nl urls).
KST_ID_RE = re.compile(
    r"(?<![\w-])(?i:kst)-(?P<dossier>\d{4,6})(?:-(?P<roman>[IVX]{1,5}[AB]?|[A-K]))?-(?P<nr>\d{1,5}|[A-Z]{1,2})(?![\w])"
)

# The id form without "kst-", seen in footnotes: "36200-XVI-87". Only with a chapter numeral: a bare
# "29389-138" could as well be a kenmerk or a phone number.
DOSSIER_ID_RE = re.compile(
    r"(?<![\w-])(?P<dossier>\d{5})-(?P<roman>[IVX]{1,5}[AB]?)-(?P<nr>\d{1,5})(?![\w-])"
)

# "Aanhangsel Handelingen II 2025/26, nr. 399", "Aanh. Hand. II 2024/25, nr. 12",
# "Tweede Kamer, vergaderjaar 2025–2026, Aanhangsel bij de handelingen nr. 399".
AANHANGSEL_RE = re.compile(
    r"(?<![\w])"
    r"(?:(?P<house>(?i:tweede|eerste))\s+(?i:kamer)\s*,\s*(?:(?i:vergaderjaar)\s*)?"
    + _years("y1", "y2")
    + r"\s*,\s*)?"
    r"(?i:aanhangsel|aanh\.)\s*(?i:(?:bij\s+de\s+|van\s+de\s+)?handelingen|hand\.)"
    r"(?:\s+(?P<chamber>II|I|TK|EK)(?![\w]))?"
    r"\s*,?\s*(?:(?i:vergaderjaar)\s*)?"
    rf"(?:{_years('y3', 'y4')}\s*,?\s*)?"
    r"(?i:nr|nummer)\.?\s*(?P<nr>\d{1,5})(?![\d])"
)

# "Handelingen II 2024/25, nr. 45, item 12" (the plenary record; cited with a year, unlike the
# Aanhangsel which the pattern above claims first).
HANDELINGEN_RE = re.compile(
    r"(?<![\w])(?i:handelingen|hand\.)"
    r"(?:\s+(?P<chamber>II|I|TK|EK)(?![\w]))?"
    r"\s*,?\s*(?:(?i:vergaderjaar)\s*)?"
    + _years("y1", "y2")
    + r"\s*,?\s*(?i:nr)\.?\s*(?P<nr>\d{1,4})(?![\d])"
    r"(?:\s*,\s*(?i:item)\s*(?P<item>\d{1,4})(?![\d]))?"
)

# The three patterns below scan every block, so they are written to start with a letter or digit and
# only then look behind it: "T(?<![\w]T)Z" matches what "(?<![\w])TZ" matches, but a pattern that
# opens with a character lets the regex engine skip to the next candidate instead of trying the
# look-behind at every position (two to six times faster).

# Every citation pattern above needs one of these; blocks without any are not scanned (a bundle of a
# hundred pages has citations in a few dozen of its two thousand blocks). Written out, the words are
# "\bnrs?\b", "nummer", "\bno\.", "kst", "kamerstuk" (any case), or a dossier with a Roman suffix.
# The first character is one class, the branch checked behind it ("n" then "rs?", "ummer" or "o."):
# a third faster than three alternatives tried at every position.
CITATION_HINT_RE = re.compile(
    r"(?i)[nk\d](?:(?<=n)(?:(?<!\w.)rs?\b|ummer|(?<!\w.)o\.)|(?<=k)(?:st|amerstuk)|(?<=\d)\d{4}-[IVX])"
)

# Toezegging ids of the Tweede Kamer registry: TZ + yyyymm + "-" + sequence.
TOEZEGGING_RE = re.compile(r"T(?<![\w]T)Z\d{6}-\d{1,4}(?![\w])")

# Tweede Kamer document (D) and zaak (Z) numbers: 2026D02742, 2024Z16781 (a year 19xx or 20xx that
# does not continue a word, then D or Z and five digits).
DOCUMENT_NR_RE = re.compile(r"(?:1(?<![\w]1)9|2(?<![\w]2)0)\d{2}[DZ]\d{5}(?![\w])")


def _particles() -> str:
    words = [re.escape(w) for w in data()["tussenvoegsels"]]
    # Accept both "van der Plas" and "Van der Plas": capitalise the first letter as an alternative.
    alts = []
    for w in words:
        first = w[0]
        alts.append(f"[{first}{first.upper()}]{w[1:]}" if first.isalpha() else w)
    return "(?:" + "|".join(alts) + ")"


_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"


@cache
def motie_re() -> re.Pattern[str]:
    """A motie named after its submitters: the cue word, how the members are introduced, the names.

    Groups: `names` (the names as written) and `cs` (a trailing "c.s.").
    """
    stop = "|".join(re.escape(w) for w in data()["name_stopwords"])
    # One surname: a capital, a lower-case letter, then letters; hyphenated parts (Pouw-Verweij).
    surname = rf"(?!(?:{stop})(?![\w]))[{_UPPER}][{_LOWER}][{_UPPER}{_LOWER}'’]*(?:-[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}'’]*)*"
    name = rf"(?:{_particles()}\s+){{0,3}}{surname}"
    names = rf"{name}(?:\s*(?:,|\ben\b|/|&)\s*{name}){{0,5}}"
    # After the member cue a name may start with a lower-case particle ("het lid van der Plas"); a bare
    # name after "motie" must start with a capital ("motie Van der Plas", "motie Joseph").
    members = (
        r"\s+van\s+(?:het\s+|de\s+)?(?:(?i:tweede)\s+)?(?i:kamer)?(?i:lid|leden)\s+"
        r"|\s+van\s+(?:(?i:mevrouw|mw\.|de\s+heer|dhr\.)\s+)"
        rf"|\s+(?=[{_UPPER}])|{_DASH}(?=[{_UPPER}])"
    )
    return re.compile(
        # "(?<![\w])[Mm]oties?", with the look-behind after the first letter (see TOEZEGGING_RE).
        rf"(?P<cue>[Mm](?<![\w][Mm])oties?)(?:{members})(?P<names>{names})(?P<cs>\s+c\.\s?s\.?)?",
    )


@cache
def surname_re() -> re.Pattern[str]:
    """The last capitalised word of each name in a `names` group (for the motie's name key)."""
    return re.compile(
        rf"[{_UPPER}{_LOWER}][{_LOWER}{_UPPER}'’]*(?:-[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}'’]*)*"
    )


@cache
def name_splitter() -> re.Pattern[str]:
    return re.compile(r"\s*(?:,|\ben\b|/|&)\s*")


def _compile_all(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


@cache
def status_cues() -> dict[str, list[re.Pattern[str]]]:
    return {status: _compile_all(pats) for status, pats in data()["status_cues"].items()}


@cache
def negation_res() -> list[re.Pattern[str]]:
    return _compile_all(data()["negations"])


@cache
def request_res() -> list[re.Pattern[str]]:
    return _compile_all(data()["request_words"])


@cache
def speaker_res() -> list[re.Pattern[str]]:
    return _compile_all(data()["speaker_words"])


@cache
def inherit_res() -> list[re.Pattern[str]]:
    return _compile_all(data()["inherit_cues"])


@cache
def anaphora_res() -> dict[str, list[re.Pattern[str]]]:
    return {kind: _compile_all(pats) for kind, pats in data()["anaphora"].items()}


@cache
def abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in data()["abbreviations"])


# A sentence ends at . ! ? (with closing quotes or brackets) before whitespace and a new sentence.
SENTENCE_END_RE = re.compile(r"[.!?][\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[" + _UPPER + r"0-9•·–-]|\s*$)")
