"""Regular expressions for Dutch time expressions, in one place.

Word lists (months, seasons, ordinals, modifier cues, guard names) are data in
data/temporal.yaml; this module compiles them into patterns once, at import. The semantics (what a
match means, which interval it names) live in extractors/temporal.py; see docs/temporal.md.

Every alternative of the anchor pattern is wrapped in a named group `A_<kind>` so that
`match.lastgroup` says which one matched; inner groups carry the alternative's prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from extractors.datafile import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "temporal.yaml"
FLAGS = re.IGNORECASE | re.UNICODE


@cache
def data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return load_yaml(fh.read())


def phrase(text: str) -> str:
    """A word or phrase from the data as a regex: escaped, any whitespace between words."""
    return r"\s+".join(re.escape(w) for w in str(text).split())


def alternation(words: Any) -> str:
    """Longest first, so that 'tot en met' wins over 'tot' at the same position."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(phrase(w) for w in items) + ")"


D = data()

# --- building blocks -------------------------------------------------------------------------

# End of a word that also works after cues ending in punctuation ("ca.", "a.s.", "e.v.").
_WB_END = r"(?![\w])"

MONTH_FULL = alternation(D["months"])
MONTH_ABBR = alternation(D["month_abbreviations"]) + r"\.?"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}){_WB_END}"
SEASON = alternation(D["seasons"])
ORD = alternation(D["ordinals"])
PART = r"(?:mid-|" + alternation(D["parts"])[3:]
DAY = r"(?:[12]\d|3[01]|0?[1-9])"
ART = r"(?:(?:het|de)\s+)"
RANGE_WORD = r"(?:-|–|—|‐|/|t/m|t\.m\.|tot\s+en\s+met|tot)"
REL_YEAR_WORD = alternation(D["relative_years"])
REL_YEAR_WORD_NOT_HET = alternation(w for w in D["relative_years"] if w != "het")
REL_UNIT_WORD = alternation(D["relative_units"])
SEASON_DET = alternation(D["season_determiners"])

# A footnote number glued to a year ("3 juni 202510", "Q1 202622", "2023-20263"): one or two digits
# (not starting with 0) after a 20xx year, then no more word characters. The lookahead keeps the
# glued digits out of the match, so the surface covers only the year.
_AFTER_YEAR = r"(?=(?:(?<=20\d\d)[1-9]\d?)?(?![\w]|[.,]\d))"
# A bare year must also not continue as a range, id or fraction ("2025-26", "2024/25", "202410-166").
_AFTER_BARE_YEAR = r"(?=(?:(?<=20\d\d)[1-9]\d?)?(?![\w]|[.,/\-–—‐]\d))"
# Not preceded by a word character, a decimal point or separator, a currency or a dash. The dashes and
# the euro sign have lookbehinds of their own: in one class with the rest they made the compiler build
# a 64K-character table seven times over (2 ms of the import of this module).
_BEFORE_NUMBER = r"(?<![\w.,/$§#+\-])(?<!€)(?<!–)(?<!—)(?<!‐)"


def year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d){_AFTER_YEAR}"


def of_year(prefix: str) -> str:
    """The year after a unit: ' 2026', ' van 2026', '-2026', ' van het jaar 2026', ' van dit/volgend jaar'."""
    return (
        rf"(?:\s*[-/]?\s*(?:van\s+)?(?:het\s+jaar\s+)?{year(prefix + '_y')}"
        rf"|\s+van\s+(?P<{prefix}_r>{REL_YEAR_WORD})\s+jaar{_WB_END})"
    )


# --- anchors: absolute and yearless calendar expressions -------------------------------------

_ALTERNATIVES: list[tuple[str, str]] = [
    # 2026-01-22
    (
        "iso",
        rf"{_BEFORE_NUMBER}(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
        r"(?![\w]|[.,/-]?\d)",
    ),
    # 1/10/2025, 1/1/26, 31/12/2026, 1-1-2027, 1.1.2027
    (
        "num",
        rf"{_BEFORE_NUMBER}(?P<num_d>{DAY})(?P<num_sep>[/.-])(?P<num_m>0?[1-9]|1[0-2])(?P=num_sep)"
        r"(?P<num_y>(?:19|20)\d\d|\d\d)(?![\w]|[.,/-]?\d)",
    ),
    # "(2024, 1 november)": the date of a cited web page or article
    (
        "cd",
        rf"(?<=\()(?P<cd_y>(?:19|20)\d\d),\s*(?P<cd_d>{DAY})\s+(?P<cd_m>{MONTH})(?=\))",
    ),
    # 1 t/m 5 juni 2026, 1-5 juni
    (
        "dr",
        rf"{_BEFORE_NUMBER}(?P<dr_d1>{DAY})\s*(?:-|–|t/m|t\.m\.|tot\s+en\s+met|tot)\s*(?P<dr_d2>{DAY})"
        rf"\s+(?P<dr_m>{MONTH})(?:\s+{year('dr_y')})?",
    ),
    # 3 juni 2025, 3 juni jl., 1 oktober, (2024, 1 november) is not handled as one
    (
        "day",
        rf"{_BEFORE_NUMBER}(?P<day_d>{DAY})(?:e|ste|de)?\s+(?P<day_m>{MONTH})"
        rf"(?:\s+{year('day_y')})?",
    ),
    # nov–dec 2025, januari t/m maart 2026, september en oktober
    (
        "mr",
        rf"\b(?P<mr_m1>{MONTH})\s*(?:{RANGE_WORD}|en)\s*(?P<mr_m2>{MONTH})(?:\s+{year('mr_y')})?",
    ),
    # begin juni, eind september 2026, medio mei
    (
        "pm",
        rf"\b(?P<pm_p>{PART})(?:\s+van)?\s*(?P<pm_m>{MONTH_FULL}|{MONTH_ABBR}{_WB_END})(?:\s+{year('pm_y')})?",
    ),
    # eind Q4 van 2025, begin Q1 van 2026, eind eerste kwartaal 2026, einde van het eerste kwartaal
    (
        "pq",
        rf"\b{ART}?(?P<pq_p>{PART})(?:\s+van)?\s*{ART}?"
        rf"(?:Q(?P<pq_q>[1-4])\b|(?P<pq_o>{ORD})\s+kwartaal\b)(?:{of_year('pq')})?",
    ),
    # eind van de zomer (van 2026), begin najaar 2026
    (
        "ps",
        rf"\b{ART}?(?P<ps_p>{PART})(?:\s+van)?\s+(?P<ps_a>(?:de|het)\s+)?(?P<ps_s>{SEASON})\b"
        rf"(?:\s+(?:van\s+)?{year('ps_y')})?",
    ),
    # eind 2025, einde 2025, het eind van 2025, begin 2026, medio 2026, half 2026, mid-2026
    ("py", rf"\b{ART}?(?P<py_p>{PART})(?:\s+van)?(?:\s+het\s+jaar)?\s*{year('py_y')}"),
    # eind dit jaar, begin volgend jaar, het eind van het jaar
    ("pyr", rf"\b{ART}?(?P<pyr_p>{PART})(?:\s+van)?\s+(?P<pyr_r>{REL_YEAR_WORD})\s+jaar{_WB_END}"),
    # april 2026, sept. 2025, juni van 2026
    ("my", rf"\b(?P<my_m>{MONTH})(?:{of_year('my')})"),
    # Q4 2025, Q1 van 2026, Q1-2026, Q2 (yearless)
    ("qc", rf"\bQ(?P<qc_q>[1-4])\b(?:{of_year('qc')})?"),
    # 2026-Q1, 2026 Q1
    ("qi", rf"{_BEFORE_NUMBER}(?P<qi_y>(?:19|20)\d\d)\s*-?\s*Q(?P<qi_q>[1-4])\b"),
    # het eerste kwartaal van 2026, 1e kwartaal 2026, tweede kwartaal (yearless)
    ("qw", rf"\b{ART}?(?P<qw_o>{ORD})\s+kwartaal\b(?:{of_year('qw')})?"),
    # kwartaal 3 2026
    ("qn", rf"\bkwartaal\s+(?P<qn_q>[1-4])\b(?:\s+(?:van\s+)?{year('qn_y')})?"),
    # H2 2026
    ("hc", rf"\bH(?P<hc_h>[12])\s*[-/]?\s*{year('hc_y')}"),
    # de tweede helft van 2026, eerste helft 2026, tweede helft van dit jaar
    ("hw", rf"\b{ART}?(?P<hw_o>{ORD})\s+(?:helft|halfjaar|half\s+jaar)\b(?:{of_year('hw')})?"),
    # voorjaar 2026, het najaar van 2025, deze zomer, komend najaar, winter 2025/2026
    (
        "se",
        rf"\b(?:(?P<se_det>{SEASON_DET})\s+)?(?P<se_s>{SEASON})(?![\w\-]|\s+reces)"
        rf"(?:\s+(?:van\s+)?{year('se_y')}(?:\s*[/\-–]\s*(?P<se_y2>(?:19|20)?\d\d)(?!\d))?)?",
    ),
    # week 12 2026, week 12 van 2026, week 12
    ("wk", rf"\bweek\s+(?P<wk_w>5[0-3]|[1-4]\d|0?[1-9])\b(?:\s+(?:van\s+)?{year('wk_y')})?"),
    # dit kwartaal, volgende maand, deze week
    ("ru", rf"\b(?P<ru_d>{REL_UNIT_WORD})\s+(?P<ru_u>kwartaal|maand|week){_WB_END}"),
    ("soon", r"\bbinnenkort\b"),
    # 2025-2028, 2025/2026, 2024/25, 2023-20263
    (
        "yr",
        rf"{_BEFORE_NUMBER}(?P<yr_a>(?:19|20)\d\d)\s*(?P<yr_sep>-|–|—|‐|/)\s*"
        rf"(?P<yr_b>(?:19|20)\d\d|\d\d(?!\d)){_AFTER_YEAR}",
    ),
    # het jaar 2027, kalenderjaar 2026
    ("jy", rf"\b(?:het\s+)?(?:kalender)?jaar\s+{year('jy_y')}"),
    # dit jaar, volgend jaar, vorig jaar, het komende jaar ("het jaar" alone is not one)
    ("ry", rf"\b(?:het\s+)?(?P<ry_d>{REL_YEAR_WORD_NOT_HET})\s+jaar{_WB_END}(?!\s*(?:19|20)\d\d)"),
    # 2026, in2026 (missing space)
    ("y", rf"(?:{_BEFORE_NUMBER}|(?<=\bin))(?P<y_y>(?:19|20)\d\d){_AFTER_BARE_YEAR}"),
    # januari, vanaf januari (yearless, full names only)
    ("mo", rf"\b(?P<mo_m>{MONTH_FULL})(?![\w]|-\w)"),
]


def _anchor_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """The alternatives in `names` as one pattern, in their order of priority."""
    return re.compile("|".join(f"(?P<A_{name}>{rx})" for name, rx in _ALTERNATIVES if name in names), FLAGS)


# The alternatives that can start with a digit: numeric dates and years, and ordinals written as
# digits ("1e kwartaal"). Every other one starts with a letter. The scanner tries an anchor only at a
# token, so at a digit only these ten can match and at a letter only the others and the two ordinal
# ones: two disjoint patterns find the same first match as one with all alternatives would. Numbers
# are 60% of the anchor triggers; trying only these ten at them took 11 ms instead of 43 ms over the
# reference corpus, and not compiling the number-led alternatives twice saves a fifth of the import.
_NUMBER_LED = frozenset({"iso", "num", "cd", "dr", "day", "qi", "qw", "hw", "yr", "y"})
_LETTER_LED = frozenset(name for name, _ in _ALTERNATIVES) - _NUMBER_LED | {"qw", "hw"}
ANCHOR_AT_NUMBER = _anchor_pattern(_NUMBER_LED)
ANCHOR_AT_LETTER = _anchor_pattern(_LETTER_LED)

# --- combining anchors -----------------------------------------------------------------------

# Text between two anchors that makes one expression of them.
GAP_RANGE = re.compile(r"\s*(?:-|–|—|‐)\s*|\s*/\s*|\s+(?:tot\s+en\s+met|t/m|t\.m\.|tot|tot\s+aan)\s+", FLAGS)
GAP_CONJ = re.compile(r"\s+(?:en|&)\s+|\s*,\s*", FLAGS)
GAP_DISJ = re.compile(r"\s+(?:of|dan\s+wel|c\.q\.)\s+", FLAGS)
GAP_PAREN = re.compile(r"\s*\(\s*", FLAGS)
PAREN_CLOSE = re.compile(r"\s*\)", FLAGS)
# "van 2024 tot en met 2030", "tussen 2025 en 2028": the opener before a range belongs to it.
RANGE_OPENER = re.compile(r"(?<![\w])(?:van|vanaf|tussen)\s+$", FLAGS)

# --- context around an anchor ----------------------------------------------------------------

_MODS = alternation([w for kind in ("before", "after", "approx") for w in D["modifiers"][kind]])
_NEUTRAL = alternation(D["neutral_prepositions"])
_NEUTRAL_KEPT = alternation(D["neutral_phrases"])
# Left context, matched against the text just before an anchor (anchored at its end). The leftmost
# match is the longest phrase: "uiterlijk in het" rather than "het".
LEFT = re.compile(
    rf"(?:(?<![\w])(?P<mod>{_MODS})(?:\s+(?P<mneutral>{_NEUTRAL}))?(?:\s+(?P<mart>het|de))?"
    rf"|(?<![\w])(?P<kept>{_NEUTRAL_KEPT})(?:\s+(?P<kart>het|de))?"
    rf"|(?<![\w])(?P<neutral>{_NEUTRAL})(?:\s+(?P<nart>het|de))?"
    rf"|(?<![\w])(?P<art>het|de))\s+$",
    FLAGS,
)
SUFFIX = re.compile(
    rf"(?P<ws>\s*)(?:(?P<after>{alternation(D['open_end_suffixes']['after'])})"
    rf"|(?P<before>{alternation(D['open_end_suffixes']['before'])})){_WB_END}",
    FLAGS,
)
PAST_FUTURE_MARK = re.compile(
    rf"\s*(?:(?P<past>{alternation(D['past_markers'])})|(?P<future>{alternation(D['future_markers'])}))"
    r"(?![^\W\d])",  # "jl.7": a footnote number may follow
    FLAGS,
)
# A cue word right before 'voor' that makes it 'for' ("beschikbaar voor 2028").
VOOR_FOR_CUE_BEFORE = re.compile(rf"(?<![\w]){alternation(D['voor_as_for_cues'])}\s*$", FLAGS)
ARTICLE = re.compile(r"(?:het|de)\s+", FLAGS)
# "uiterlijk in2026": the window before an anchor ends in a glued "in".
GLUED_IN = re.compile(r"(?<![\w])in$", FLAGS)
# A relative expression cut before a date loses its dangling words ("zodra ... per").
TRAILING_WORDS = re.compile(r"(?:[\s,;]+|\s+(?:van|de|het|een|in|op|aan|met|voor|tot|en|of))+$", FLAGS)

# --- guards ----------------------------------------------------------------------------------

GUARD_NAMES = re.compile(
    rf"(?<![\w]){alternation(D['guard_names'])}(?![\w])"
    rf"|(?<![\w])(?:{alternation(D['law_words'])}|\w*wet)[\s\-–]*(?:19|20)\d\d(?!\d)",
    FLAGS,
)
# A word every match of GUARD_NAMES holds (the first word of a name, a law word, "wet"), lower-cased.
# In ASCII text a window without one holds no name: the guard search then need not run. It is a
# search tried at every character with a case-insensitive alternation, 30 us a window; this one
# skips from letter to letter in C.
GUARD_HINT = re.compile(
    "|".join(
        sorted({re.escape(str(w).split()[0].lower()) for w in [*D["guard_names"], *D["law_words"], "wet"]})
    )
)
CITATION_BEFORE = re.compile(
    rf"(?<![\w]){alternation(D['citation_cues'])}(?:\s+(?:II|I))?\s*[,:]?\s*$",
    re.UNICODE,  # case-sensitive: "TK"/"EK" as words, not "tk"
)
NUMBER_CUE_BEFORE = re.compile(rf"(?<![\w]){alternation(D['number_cues_before'])}\s*$", FLAGS)
APPROX_NUMBER_CUE_BEFORE = re.compile(rf"(?<![\w]){alternation(D['approx_number_cues'])}\s*$", FLAGS)
# A word after a number, other than the function words that may follow a year ("circa 2030 en").
WORD_AFTER = re.compile(
    r"[ \t\u00a0]+(?!(?:en|of|is|zijn|wordt|worden|zal|zullen|kan|moet|gereed|klaar|te|in|op|ook|al|nog)\b)"
    r"[^\W\d_]",
    FLAGS,
)
UNIT_AFTER = re.compile(rf"\s*(?:{alternation(D['unit_words_after'])})(?![\w])", FLAGS)
# A capitalised word (not an acronym) right before a bare year, and what precedes it.
CAPITALISED_BEFORE = re.compile(r"(?P<pre>\S*)\s+(?P<word>[A-Z][a-zà-ÿ][\w’'-]*)\s+$", re.UNICODE)
TIME_WORDS = frozenset(
    w.lower()
    for w in [
        *D["months"],
        *D["month_abbreviations"],
        *D["seasons"],
        *D["parts"],
        *D["neutral_prepositions"],
        *D["relative_years"],
        *(w for kind in D["modifiers"].values() for w in kind),
        *"van tussen en of jaar jaren kwartaal helft week periode het de dit uiterlijk eind".split(),
    ]
)
# Author-year citations: "Lambert (2019)", "Waller, 2016)", "Rijksoverheid (2021);".
BIB_BEFORE = re.compile(r"(?:[A-Z][\w&.’'-]*|al\.)\s*[(,]\s*$", re.UNICODE)
BIB_AFTER = re.compile(r"\.?\s*[);]")
OPEN_QUOTE_BEFORE = re.compile(r"[‘“\"'][^’”\"'\n]{1,60}$")
CLOSE_QUOTE_AFTER = re.compile(r"[’”\"']")
# "Kamerstukken II, 2024-2025, 29389": a vergaderjaar is followed by a dossier number.
DOSSIER_AFTER = re.compile(r"\s*,\s*\d{2}\s?\d{3}(?!\d)")
NUMBER_LINE = re.compile(r"^\s*[-+−]?[\d][\d.,\s]*$")
SENTENCE_END = re.compile(r"(?<!\b[a-z])(?<!\bjl)(?<!\bnr)[.!?](?=\s+[A-Z‘“(•·\d-])|\n\s*\n|[•·]")
PAST_TENSE = re.compile(
    rf"(?<![\w])(?:{alternation(D['past_tense_words'])})(?![\w])"
    rf"|\b(?:is|zijn)\s+(?!dat\b)(?:\S+\s+){{0,6}}?(?!{alternation(D['not_participles'])}\b)"
    r"[a-z]*ge[a-zë]{2,}[dt]\b",
    FLAGS,
)

# --- durations, recurrences, event-relative expressions ----------------------------------------

_NUM_WORD = alternation(D["number_words"])
_VAGUE = alternation(D["vague_numbers"])
NUM = rf"(?:\d+(?:,\d+)?|{_NUM_WORD}|{_VAGUE})"
_DUR_UNIT = alternation(D["duration_units"])
_DUR_CUE = alternation(D["duration_cues"])
# Searched in a short window that ends at a unit word, so it is anchored at the end (\Z) and the
# leftmost match is the longest phrase: "binnen een periode van één tot twee jaar".
DURATION_ENDING = re.compile(
    rf"(?<![\w.,])(?:(?P<cue>{_DUR_CUE})\s+)?(?P<n1>{NUM})(?:\s*(?:tot|à|a|-|–|of)\s*(?P<n2>{NUM}))?"
    rf"\s+(?P<unit>{_DUR_UNIT})\Z",
    FLAGS,
)
AGE_BEFORE = re.compile(rf"(?<![\w]){alternation(D['age_cues_before'])}\s+$", FLAGS)
AGE_AFTER = re.compile(rf"\s*(?:{alternation(D['age_cues_after'])}|\+|-?jarig)(?![\w])", FLAGS)

_REC_WORD = alternation(D["recurrence_words"])
_REC_UNIT = alternation(D["recurrence_units"])
# Recurrences that start with their own word: "ieder kwartaal", "om de twee jaar", "jaarlijks".
RECURRENCE_START = re.compile(
    rf"(?:(?:ieder|iedere|elk|elke)\s+(?:(?P<every_n>twee|drie|vier|vijf|zes|\d+)\s+)?"
    rf"(?P<every>{_REC_UNIT}|jaren|maanden|weken|kwartalen)"
    rf"|om\s+de\s+(?:(?P<om_n>twee|drie|vier|vijf|zes|\d+)\s+)?(?P<om>jaar|maanden|maand|weken|week|dagen|kwartaal)"
    rf"|(?:ieder|iedere|elk|elke)\s+(?P<every_season>{SEASON})"
    rf"|(?P<word>{_REC_WORD}))(?![\w])",
    FLAGS,
)
# "per <unit>" after a frequency: "vier keer per jaar", "eens per kwartaal"; found from "per".
PER_UNIT = re.compile(rf"per\s+{_REC_UNIT}(?![\w])", FLAGS)
RECURRENCE_FREQ_ENDING = re.compile(
    rf"(?<![\w])(?:(?P<freq>\d+|{_NUM_WORD})\s*(?:keer|maal|x)|(?P<eens>eens|één\s+keer|een\s+keer))"
    rf"\s+per\s+(?P<per>{_REC_UNIT})\Z",
    FLAGS,
)
# A recurrence followed by its anchor: "jaarlijks, voor 1 oktober", "ieder jaar in Q4".
RECURRENCE_GAP = re.compile(r"\s*,?\s*(?:(?:in|op|tijdens|rond)(?:\s+(?:het|de))?\s+)?", FLAGS)

_EVENT_NOUN = alternation(D["event_nouns"])
_EVENT = rf"(?:{_EVENT_NOUN}|[a-zë]{{3,}}(?:ing|tie|komen|treden))(?![\w])"
# What may follow the event noun: up to three prepositional phrases ("over de opdracht", "van het
# afwegingskader", "van bestaande (kennis)documenten"), each one noun, optionally an adjective in -e
# before it and an acronym after it ("het wetsvoorstel DOS").
_COMPLEMENT = (
    r"(?:\s+(?:van|over|met|door|bij|aan|tussen|op|inzake)\s+"
    r"(?:(?:de|het|een|dit|dat|deze|die|zijn|haar|hun)\s+)?"
    r"(?!(?:19|20)\d\d|Q[1-4]\b)(?:[\w’'/-]*e\s+(?=\(?\w))?(?:\([\w-]+\))?[\w’'/-]*[^\W\d][\w’'/-]*"
    r"(?:\s+\([^()\n]{1,40}\))?"
    r"(?:\s+(?-i:[A-Z]{2,}[\w-]*))?){0,3}"
)
# Event-relative expressions, matched from their trigger word.
RELATIVE_CORE = re.compile(
    rf"(?:(?P<ev_trig>na\s+afloop\s+van|na|ná|vóór|voorafgaand\s+aan|voorafgaande\s+aan|volgend\s+op|"
    rf"aansluitend\s+op)\s+(?:(?:de|het)\s+)?(?P<ev_noun>{_EVENT})"
    rf"|(?P<ev_strict>bij|tot\s+aan)\s+(?:(?:de|het)\s+)?(?P<ev_snoun>{_EVENT_NOUN})(?![\w])){_COMPLEMENT}"
    rf"|(?P<zodra>zodra)\s+[^.;:,()\n]{{3,120}}?(?=\s*(?:[.;:,()\n]|$))"
    rf"|(?P<par>parallel)\s+(?:aan|met)\s+(?:(?:de|het)\s+)?(?!elkaar\b|lopen\b)[\w’'-]+{_COMPLEMENT}"
    rf"|(?P<ged>gedurende)\s+(?:dat|dit|het|de|deze|die)\s+(?:{alternation(D['span_nouns'])})(?![\w])"
    rf"{_COMPLEMENT}"
    rf"|(?P<vague>(?:daarna\s+)?{alternation(D['vague_soon'])})(?![\w])",
    FLAGS,
)
# Before an event trigger: "uiterlijk", an offset ("een jaar na ..."), or both.
RELATIVE_PRE = re.compile(
    rf"(?<![\w])(?:(?P<ev_pre>uiterlijk|direct|kort|pas)\s+)?(?:(?P<off_n>{NUM})\s+(?P<off_u>{_DUR_UNIT})\s+)?\Z",
    FLAGS,
)

# --- trigger words -----------------------------------------------------------------------------
# The scanner finds the trigger tokens once and tries the patterns only where one can start (or
# end) an expression: trying a 25-branch pattern at every character was 50x slower.

# Words an anchor may start with besides its trigger: "het eerste kwartaal", "komend najaar".
ANCHOR_PREFIX_BEFORE = re.compile(
    rf"(?<![\w])(?:het|de|{SEASON_DET}|{REL_YEAR_WORD}|{REL_UNIT_WORD})\s+\Z", FLAGS
)
# Those words lead to words ("het eind", "komend najaar", "dit jaar"); the only number they lead to
# is an ordinal written in digits ("het 1e kwartaal").
NUMBER_ORDINAL = re.compile(alternation(w for w in D["ordinals"] if str(w)[0].isdigit()), FLAGS)

T_ANCHOR, T_UNIT, T_REC, T_PER, T_REL = 1, 2, 4, 8, 16


def _words(items: Any) -> set[str]:
    return {str(w).lower().split()[0].rstrip(".") for w in items}


def _trigger_table() -> dict[str, int]:
    table: dict[str, int] = {}

    def add(words: set[str], flag: int) -> None:
        for w in words:
            table[w] = table.get(w, 0) | flag

    add(
        _words(D["months"])
        | _words(D["month_abbreviations"])
        | _words(D["parts"])
        | _words(D["seasons"])
        | _words(D["season_determiners"])
        | _words(D["relative_years"])
        | _words(D["relative_units"])
        | {w for w in _words(D["ordinals"]) if not w[0].isdigit()}
        | {"q", "h", "kwartaal", "week", "binnenkort", "jaar", "kalenderjaar"},
        T_ANCHOR,
    )
    table.pop("de", None)  # articles are prefixes (ANCHOR_PREFIX_BEFORE), not triggers
    table.pop("het", None)
    add(_words(D["duration_units"]), T_UNIT)
    add(_words(D["recurrence_words"]) | {"ieder", "iedere", "elk", "elke", "om"}, T_REC)
    add({"per"}, T_PER)
    add(
        {"na", "ná", "vóór", "voorafgaand", "voorafgaande", "volgend", "aansluitend", "bij", "tot", "zodra"}
        | {"parallel", "gedurende", "daarna"}
        | _words(D["vague_soon"])
        | {"z"},  # "z.s.m." tokenises as z, s, m
        T_REL,
    )
    return table


TRIGGERS = _trigger_table()


def trie(words: Iterable[str]) -> str:
    """Literal words as one nested alternation that shares their prefixes ("ma(?:art|and)").

    A flat alternation tries every word at every position; the nested one decides on the first
    letter. It matches the same strings, longer ones first where one word is a prefix of another.
    """
    heads: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    branches = [re.escape(c) + trie(rest) for c, rest in sorted(heads.items())]
    if not branches:
        return ""
    if len(branches) == 1 and (not ends or len(branches[0]) == 1):
        body = branches[0]
    else:
        body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body


# Every trigger word as a whole token (a run of letters) of lower-cased text, and every number (a run
# of digits: numbers start anchors). A pattern that starts with a lookbehind is tried at every
# character; these three start where the regex engine can skip ahead in C. Nineteen in twenty trigger
# words follow a space, and a pattern led by one literal character jumps from space to space; the
# others follow another non-letter (a bracket, a quote, a digit) or start the text. The scan of the
# reference corpus took 70 ms with the one lookbehind-led pattern.
_LETTERS = r"[^\W\d_]"
_TRIGGER_WORDS = trie(w for w in TRIGGERS if re.fullmatch(_LETTERS + "+", w))  # not "z.s.m": no token
_TRIGGER_WORD = rf"({_TRIGGER_WORDS})(?!{_LETTERS})"
TRIGGER_AT_START = re.compile(_TRIGGER_WORD)
TRIGGER_AFTER_SPACE = re.compile(" " + _TRIGGER_WORD)
# At any character but a space or an ASCII letter (a fast test that drops nine in ten characters):
# a number starts at a digit not preceded by a digit; its end is group 1, and a trigger word glued to
# it ("2026januari") is group 2. Otherwise a trigger word after a non-letter is group 3.
TRIGGER_AFTER_OTHER = re.compile(
    rf"[^ a-z](?:(?<=\d)(?<!\d\d)(\d*)(?:{_TRIGGER_WORD})?|(?<=[\W\d_]){_TRIGGER_WORD})"
)
