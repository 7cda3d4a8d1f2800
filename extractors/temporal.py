"""Dutch temporal normaliser: time expressions in policy text -> TimeExpression.

    find_time_expressions(text, ref_date) -> every time expression, ordered, non-overlapping
    normalise(surface, ref_date)          -> one expression

The semantics are the product's conventions (docs/temporal.md, ../shared/DESIGN.md): `value` is
TIMEX3-like, `start_date`..`end_date` is the calendar interval the expression itself names
(inclusive; a modifier does not widen it), `modifier` is before/after/approx. Expressions without a
year resolve against `ref_date` (the document's date); without one they keep a partial value
(`XXXX-Q2`) and no interval.

How it works: one compiled pattern finds calendar anchors ("eind Q4 van 2025", "3 juni jl.",
"deze zomer"); guards drop anchors that are names or numbers; neighbouring anchors combine into
ranges and disjunctions ("2027 tot en met 2029", "eind 2025 of begin 2026"); the words just before
and after supply the modifier ("uiterlijk", "vanaf", "en verder"). Durations, recurrences and
event-relative expressions have their own patterns. Regexes live in temporal_patterns.py, word
lists in data/temporal.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from extractors import temporal_calendar as C
from extractors import temporal_patterns as P
from extractors.fast_copy import copy_with
from schemas.facts import Modifier, TimeExpression, TimeKind

__all__ = ["find_time_expressions", "normalise"]

# How far back the left context (modifier, preposition, article) of an anchor may reach; the
# longest cue, "uiterlijk in het" plus spacing, fits well within it.
_LEFT_WINDOW = 48
# Standalone "<n> jaar" without a cue word is a duration only for small n: larger numbers are ages.
_MAX_BARE_YEARS = 10
_MAX_BARE_UNITS = 60
# Window for the past-tense check of a yearless expression, either side, in characters.
_SENTENCE_WINDOW = 300

_MONTHS: dict[str, int] = {**P.D["month_abbreviations"], **P.D["months"]}
_SEASONS: dict[str, str] = P.D["seasons"]
_ORDINALS: dict[str, int | str] = {str(k).lower(): v for k, v in P.D["ordinals"].items()}
_PARTS: dict[str, str] = P.D["parts"]
_REL_YEARS: dict[str, int] = P.D["relative_years"]
_REL_UNITS: dict[str, int] = P.D["relative_units"]
_SEASON_PICK: dict[str, str] = P.D["season_determiners"]
_NUMBER_WORDS: dict[str, float] = {k: float(v) for k, v in P.D["number_words"].items()}
_VAGUE = {" ".join(str(w).split()) for w in P.D["vague_numbers"]}
_DUR_UNITS: dict[str, str] = P.D["duration_units"]
_DUR_CUES: dict[str, str | None] = {" ".join(k.split()): v for k, v in P.D["duration_cues"].items()}
_REC_WORDS: dict[str, str] = P.D["recurrence_words"]
_REC_UNITS: dict[str, str] = {" ".join(k.split()): v for k, v in P.D["recurrence_units"].items()}

_MODIFIERS: dict[str, Modifier] = {
    " ".join(w.lower().split()): Modifier(kind) for kind, words in P.D["modifiers"].items() for w in words
}


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# --- anchors ---------------------------------------------------------------------------------


def _month(s: str) -> int | None:
    return _MONTHS.get(s.lower().rstrip(".").strip())


def _ordinal(s: str, last: int) -> int | None:
    v = _ORDINALS.get(s.lower())
    return last if v == "last" else v  # type: ignore[return-value]


def _part(s: str) -> str:
    return _PARTS[s.lower().rstrip("-")]


def _year_of(m: re.Match[str], prefix: str, a: C.Anchor) -> None:
    """Fill year or relative year from the optional year groups of an alternative."""
    y = m.group(f"{prefix}_y")  # group(), not groupdict(): the pattern has ~100 groups
    r = m.group(f"{prefix}_r")
    if y:
        a.year = int(y)
    elif r:
        a.rel_year = _REL_YEARS[r.lower()]


def _article_len(text: str, start: int) -> int:
    m = P.ARTICLE.match(text, start)
    return m.end() - start if m else 0


def _anchor_from_match(m: re.Match[str], text: str) -> C.Anchor | None:
    kind = (m.lastgroup or "")[2:]
    g = m.group
    s, e = m.start(), m.end()
    a: C.Anchor | None = None
    if kind == "iso":
        a = C.Anchor(s, e, "day", year=int(g("iso_y")), month=int(g("iso_m")), day=int(g("iso_d")))
    elif kind == "num":
        y = g("num_y")
        if len(y) == 2 and g("num_sep") != "/":
            return None  # "1-1-27" is more often a numbering than a date
        a = C.Anchor(s, e, "day", year=int(y) + 2000 if len(y) == 2 else int(y), month=int(g("num_m")))
        a.day = int(g("num_d"))
    elif kind == "cd":
        mo = _month(g("cd_m"))
        if mo is None:
            return None
        a = C.Anchor(s, e, "day", year=int(g("cd_y")), month=mo, day=int(g("cd_d")))
    elif kind == "dr":
        mo = _month(g("dr_m"))
        d1, d2 = int(g("dr_d1")), int(g("dr_d2"))
        if mo is None or d1 >= d2:
            return None
        y = int(g("dr_y")) if g("dr_y") else None
        a = C.Anchor(s, e, "range")
        a.left = C.Anchor(s, s, "day", year=y, month=mo, day=d1)
        a.right = C.Anchor(s, e, "day", year=y, month=mo, day=d2)
    elif kind == "day":
        mo = _month(g("day_m"))
        if mo is None:
            return None
        a = C.Anchor(s, e, "day", month=mo, day=int(g("day_d")))
        if g("day_y"):
            a.year = int(g("day_y"))
    elif kind == "mr":
        m1, m2 = _month(g("mr_m1")), _month(g("mr_m2"))
        if m1 is None or m2 is None or m1 >= m2:
            return None
        y = int(g("mr_y")) if g("mr_y") else None
        if y is None and (g("mr_m1").lower().rstrip(".") not in P.D["months"]):
            return None  # "nov-dec" without a year is too weak a signal
        a = C.Anchor(s, e, "range")
        a.left = C.Anchor(s, s, "month", year=y, month=m1)
        a.right = C.Anchor(s, e, "month", year=y, month=m2)
    elif kind == "pm":
        mo = _month(g("pm_m"))
        if mo is None:
            return None
        a = C.Anchor(s, e, "month", month=mo, part=_part(g("pm_p")))
        if g("pm_y"):
            a.year = int(g("pm_y"))
    elif kind == "pq":
        q = int(g("pq_q")) if g("pq_q") else _ordinal(g("pq_o"), 4)
        a = C.Anchor(s, e, "quarter", quarter=q, part=_part(g("pq_p")))
        _year_of(m, "pq", a)
    elif kind == "ps":
        if not g("ps_a") and not g("ps_y"):
            return None
        a = C.Anchor(s, e, "season", season=_SEASONS[g("ps_s").lower()], part=_part(g("ps_p")))
        if g("ps_y"):
            a.year = int(g("ps_y"))
    elif kind == "py":
        a = C.Anchor(s, e, "year", year=int(g("py_y")), part=_part(g("py_p")))
    elif kind == "pyr":
        a = C.Anchor(s, e, "year", rel_year=_REL_YEARS[g("pyr_r").lower()], part=_part(g("pyr_p")))
    elif kind == "my":
        mo = _month(g("my_m"))
        if mo is None:
            return None
        a = C.Anchor(s, e, "month", month=mo)
        _year_of(m, "my", a)
    elif kind == "qc":
        a = C.Anchor(s, e, "quarter", quarter=int(g("qc_q")))
        _year_of(m, "qc", a)
    elif kind == "qi":
        a = C.Anchor(s, e, "quarter", year=int(g("qi_y")), quarter=int(g("qi_q")))
    elif kind == "qw":
        a = C.Anchor(s, e, "quarter", quarter=_ordinal(g("qw_o"), 4))
        _year_of(m, "qw", a)
    elif kind == "qn":
        a = C.Anchor(s, e, "quarter", quarter=int(g("qn_q")))
        if g("qn_y"):
            a.year = int(g("qn_y"))
    elif kind == "hc":
        a = C.Anchor(s, e, "half", year=int(g("hc_y")), half=int(g("hc_h")))
    elif kind == "hw":
        h = _ordinal(g("hw_o"), 2)
        if h not in (1, 2):
            return None
        a = C.Anchor(s, e, "half", half=h)
        _year_of(m, "hw", a)
    elif kind == "se":
        det = (g("se_det") or "").lower()
        if not det and not g("se_y"):
            return None  # a bare "zomer" is too often part of something else
        a = C.Anchor(
            s, e, "season", season=_SEASONS[g("se_s").lower()], pick=_SEASON_PICK.get(det, "nearest")
        )
        if g("se_y"):
            a.year = int(g("se_y"))
            y2 = g("se_y2")
            if y2 and (int(y2[-2:]) - a.year % 100) % 100 != 1:
                a.end = m.end("se_y")  # "winter 2025/2026" only when the years are consecutive
    elif kind == "wk":
        a = C.Anchor(s, e, "week", week=int(g("wk_w")))
        if g("wk_y"):
            a.year = int(g("wk_y"))
    elif kind == "ru":
        a = C.Anchor(s, e, "relunit", rel_unit=(g("ru_u").lower(), _REL_UNITS[g("ru_d").lower()]))
    elif kind == "ry":
        a = C.Anchor(s, e, "year", rel_year=_REL_YEARS[g("ry_d").lower()])
    elif kind == "soon":
        a = C.Anchor(s, e, "soon")
    elif kind == "yr":
        ya, yb = int(g("yr_a")), g("yr_b")
        ybi = int(yb) if len(yb) == 4 else ya // 100 * 100 + int(yb)
        if ybi <= ya or ybi - ya > 50:
            return None
        a = C.Anchor(s, e, "range")
        a.left = C.Anchor(s, s + 4, "year", year=ya)
        a.right = C.Anchor(e - len(yb), e, "year", year=ybi)
    elif kind == "jy":
        a = C.Anchor(s, e, "year", year=int(g("jy_y")), jaar_prefix=True)
    elif kind == "y":
        a = C.Anchor(s, e, "year", year=int(g("y_y")))
    elif kind == "mo":
        a = C.Anchor(s, e, "month", month=_month(g("mo_m")))
    if a is None:
        return None
    a.article = _article_len(text, s)
    return a


# --- guards ----------------------------------------------------------------------------------


def _glued_end(text: str, end: int) -> int:
    """End of a year including footnote digits glued to it ("202510" -> after the "10")."""
    while end < len(text) and text[end].isdigit():
        end += 1
    return end


def _line_of(text: str, pos: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    return ls, len(text) if le < 0 else le


def _neighbour_line(text: str, ls: int, le: int, step: int) -> str:
    """The nearest non-empty line above (step -1) or below (step 1)."""
    while True:
        if step < 0:
            if ls == 0:
                return ""
            le = ls - 1
            ls = text.rfind("\n", 0, le) + 1
        else:
            if le >= len(text):
                return ""
            ls = le + 1
            nxt = text.find("\n", ls)
            le = len(text) if nxt < 0 else nxt
        line = text[ls:le]
        if line.strip():
            return line


def _is_table_cell(text: str, a: C.Anchor) -> bool:
    """A year alone in a tab-separated cell, or alone on its line between other bare numbers, is a
    table header or cell ("Post\t2026\t2027", "2026" / "2027" / "-350")."""
    ls, le = _line_of(text, a.start)
    line = text[ls:le]
    year = text[a.start : _glued_end(text, a.end)]
    if "\t" in line and year in (cell.strip() for cell in line.split("\t")):
        return True
    if line.strip() != year:
        return False
    return any(P.NUMBER_LINE.match(_neighbour_line(text, ls, le, step)) for step in (-1, 1))


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;•·(‘“\"'-–—*>[" or text[i].isdigit()


def _is_name_year(text: str, a: C.Anchor) -> bool:
    """A bare year that is part of a name: "Welzijn 2033", "‘Ouder worden 2040’"."""
    window = text[max(0, a.start - _LEFT_WINDOW) : a.start]
    m = P.CAPITALISED_BEFORE.search(window)
    if m and m.group("word").lower() not in P.TIME_WORDS:
        word_start = a.start - len(window) + m.start("word")
        if not _sentence_initial(text, word_start):
            return True
    end = _glued_end(text, a.end)
    if P.BIB_AFTER.match(text, end) and P.BIB_BEFORE.search(text, max(0, a.start - 40), a.start):
        return True
    return bool(
        P.CLOSE_QUOTE_AFTER.match(text, end)
        and P.OPEN_QUOTE_BEFORE.search(text, max(0, a.start - 60), a.start)
    )


def _names_possible(text: str, a: C.Anchor) -> bool:
    """False when no name of GUARD_NAMES can be in the window around the anchor: an ASCII window
    without any of their words. Outside ASCII a case-insensitive match need not lower-case to the
    word ("ſ" matches "s"), so such a window is always searched."""
    window = text[max(0, a.start - _LEFT_WINDOW) : a.end + 8]
    return not window.isascii() or P.GUARD_HINT.search(window.lower()) is not None


def _guarded(text: str, a: C.Anchor, kind: str) -> bool:
    if not any(c.isdigit() for c in text[a.start : a.end]):
        return False  # only anchors with a number in them can be part of a name or a citation
    if _names_possible(text, a):
        for g in P.GUARD_NAMES.finditer(text, max(0, a.start - _LEFT_WINDOW), min(len(text), a.end + 8)):
            if g.start() < a.end and a.start < g.end():
                return True
    if kind not in ("y", "yr", "jy"):
        return False
    before = text[max(0, a.start - _LEFT_WINDOW) : a.start]
    if P.CITATION_BEFORE.search(before):
        return True
    if kind == "yr":
        assert a.left and a.right
        consecutive = a.right.year == (a.left.year or 0) + 1
        # "Kamerstukken II, 2024-2025, 29389": a vergaderjaar followed by a dossier number.
        return consecutive and bool(P.DOSSIER_AFTER.match(text, a.end))
    if kind == "jy":
        return False
    end = _glued_end(text, a.end)
    if P.NUMBER_CUE_BEFORE.search(before) or P.UNIT_AFTER.match(text, end):
        return True
    if P.APPROX_NUMBER_CUE_BEFORE.search(before) and P.WORD_AFTER.match(text, end):
        return True  # "circa 2000 nieuwe medewerkers" is a quantity; "circa 2030." a year
    return _is_name_year(text, a) or _is_table_cell(text, a)


# --- combining anchors -----------------------------------------------------------------------


def _combine(text: str, anchors: list[C.Anchor]) -> list[C.Anchor]:
    """Merge neighbours into ranges, lists, disjunctions and parenthetical refinements."""
    out: list[C.Anchor] = []
    i = 0
    while i < len(anchors):
        cur = anchors[i]
        while i + 1 < len(anchors):
            nxt = anchors[i + 1]
            merged = _merge_pair(text, cur, nxt)
            if merged is None:
                break
            cur = merged
            i += 1
        out.append(cur)
        i += 1
    return out


def _merge_pair(text: str, a: C.Anchor, b: C.Anchor) -> C.Anchor | None:
    gap = text[a.end : b.start]
    if len(gap) > 20:
        return None
    if a.kind in ("soon", "relunit") or b.kind in ("soon", "relunit"):
        return None
    opener = P.RANGE_OPENER.search(text, max(0, a.start - 10), a.start)
    if P.GAP_PAREN.fullmatch(gap):
        close = P.PAREN_CLOSE.match(text, b.end)
        if close and a.yearless and not b.yearless and b.kind not in ("range", "disj"):
            return C.Anchor(a.start, close.end(), "paren", left=a, right=b, article=a.article)
        return None
    kind = None
    if P.GAP_RANGE.fullmatch(gap) and ("\n" not in gap):
        kind = "range"
    elif P.GAP_CONJ.fullmatch(gap):
        kind = "range" if opener and opener.group(0).lower().startswith("tussen") else "conj"
    elif P.GAP_DISJ.fullmatch(gap):
        kind = "disj"
    if kind is None:
        return None
    if kind != "range":
        if "," in gap and not (a.kind in ("year", "range") and b.kind == "year"):
            return None  # a comma joins years ("2023, 2024 en 2025"), not a list of other dates
        lo, hi = _provisional(a, b)
        if lo is None or hi is None or hi[0] != lo[1] + timedelta(days=1):
            return None  # only adjacent parts make one period ("2025 en 2026", "eind 2025 of begin 2026")
        kind = "range" if kind == "conj" else "disj"
    else:
        lo, hi = _provisional(a, b)
        if lo is None or hi is None or hi[1] < lo[0]:
            return None
    merged = C.Anchor(a.start, b.end, kind, left=a, right=b, article=a.article)
    if opener and kind == "range":
        merged.start = opener.start()
        merged.opened = True
        merged.article = 0
    return merged


def _provisional(a: C.Anchor, b: C.Anchor) -> tuple[tuple[date, date] | None, tuple[date, date] | None]:
    """Intervals of two neighbours for structural checks, before the reference date is known."""
    ref = date(2000, 7, 1)
    a2, b2 = C.inherit_year(a, b)
    return C.resolve(a2, ref, "")[1:], C.resolve(b2, ref, "")[1:]  # type: ignore[return-value]


# --- context: modifiers, suffixes, tense -------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    expr: TimeExpression
    prio: int  # 0: calendar expression, 1: duration/recurrence/relative
    unresolved: str | None = None  # value with XXXX years, for anchoring recurrences
    yearless: bool = False
    relative: bool = False


def _voor_means_for(text: str, mod_start: int, a: C.Anchor) -> bool:
    """'voor' is 'for' before "het jaar 2027", before a range of years, or after a cue word."""
    if a.jaar_prefix or (a.kind == "range" and a.left is not None and a.left.kind == "year"):
        return True
    before = text[max(0, mod_start - 30) : mod_start]
    return bool(P.VOOR_FOR_CUE_BEFORE.search(before))


def _left_context(text: str, a: C.Anchor) -> tuple[int, Modifier | None]:
    """Surface start and modifier from the words before an anchor."""
    if a.kind == "range" and not a.opened:
        opener = P.RANGE_OPENER.search(text, max(0, a.start - 10), a.start)
        if opener:  # "van juni tot en met september 2023": one anchor, its opener belongs to it
            return opener.start(), None
    if a.opened:
        return a.start, None
    lo = max(0, a.start - _LEFT_WINDOW)
    window = text[lo : a.start]
    if window and not window[-1].isspace() and P.GLUED_IN.search(window):
        window += " "  # "uiterlijk in2026": a missing space after "in"
    m = P.LEFT.search(window)
    strip_start = a.start + a.article
    if not m:
        return strip_start, None
    if m.group("mod"):
        word = _norm(m.group("mod"))
        mod = _MODIFIERS.get(word)
        # Only plain 'voor' can mean 'for' ("zorginkoopkader voor het jaar 2027"); vóór never does.
        if word == "voor" and _voor_means_for(text, lo + m.start("mod"), a):
            return strip_start, None
        return lo + m.start("mod"), mod
    if m.group("kept"):
        return lo + m.start("kept"), None
    return strip_start, None


def _right_context(text: str, a: C.Anchor, end: int) -> tuple[int, Modifier | None, str]:
    """End, open-end modifier and year-pick mark ("jl." past, "a.s." future) after an anchor."""
    pick = ""
    if a.yearless:
        mk = P.PAST_FUTURE_MARK.match(text, end)
        if mk:
            pick = "past" if mk.group("past") else "future"
            end = mk.end()
    m = P.SUFFIX.match(text, end)
    if m:
        return m.end(), Modifier.after if m.group("after") else Modifier.before, pick
    return end, None, pick


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = max(0, pos - _SENTENCE_WINDOW)
    hi = min(len(text), pos + _SENTENCE_WINDOW)
    start = lo
    for m in P.SENTENCE_END.finditer(text, lo, pos):
        start = m.end()
    m2 = P.SENTENCE_END.search(text, pos, hi)
    return start, m2.start() if m2 else hi


def _past_tense(text: str, a: C.Anchor) -> bool:
    s, e = _sentence_bounds(text, a.start)
    return bool(P.PAST_TENSE.search(text, s, e))


# --- calendar expressions --------------------------------------------------------------------


@dataclass
class _Triggers:
    """Token positions where each kind of pattern can start (or, for units, end)."""

    anchor: list[tuple[int, int]] = field(default_factory=list)
    unit: list[tuple[int, int]] = field(default_factory=list)
    rec: list[tuple[int, int]] = field(default_factory=list)
    per: list[tuple[int, int]] = field(default_factory=list)
    rel: list[tuple[int, int]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.anchor or self.unit or self.rec or self.per or self.rel)


def _trigger_tokens(low: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The numbers and the trigger words of lower-cased text, each in text order."""
    numbers: list[tuple[int, int]] = []
    words: list[tuple[int, int, str]] = []
    m = P.TRIGGER_AT_START.match(low)
    if m:
        words.append((0, m.end(), m.group()))
    words.extend((m.start(1), m.end(), m.group(1)) for m in P.TRIGGER_AFTER_SPACE.finditer(low))
    unordered = False  # words from the third scan go between the others: rare, sorted only then
    for m in P.TRIGGER_AFTER_OTHER.finditer(low):
        if m.start(1) < 0:
            words.append((m.start(3), m.end(), m.group(3)))
            unordered = True
            continue
        numbers.append((m.start(), m.end(1)))
        if m.start(2) >= 0:
            words.append((m.start(2), m.end(), m.group(2)))
            unordered = True
    if unordered:
        words.sort()
    return numbers, words


def _triggers(text: str) -> _Triggers:
    t = _Triggers()
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"); spans must stay aligned
        low = "".join(c.lower()[0] for c in text)
    numbers, words = _trigger_tokens(low)
    table = P.TRIGGERS
    anchor = t.anchor
    for s, e, w in words:
        f = table[w]
        span = (s, e)
        if f & P.T_ANCHOR:
            anchor.append(span)
        if f & P.T_UNIT:
            t.unit.append(span)
        if f & P.T_REC:
            t.rec.append(span)
        if f & P.T_PER:
            t.per.append(span)
        if f & P.T_REL:
            t.rel.append(span)
    if numbers:  # a number can start an anchor ("1 januari", "2026")
        anchor.extend(numbers)
        anchor.sort()
    return t


def _prefix_start(text: str, ts: int, last: int) -> int | None:
    """Start of the words an anchor may begin with before its trigger ("het eerste kwartaal")."""
    if text[ts].isdigit() and not P.NUMBER_ORDINAL.match(text, ts):
        # Numbers are 60% of the anchor triggers; not searching before them saved 18 ms over the
        # reference corpus.
        return None
    pre = P.ANCHOR_PREFIX_BEFORE.search(text, max(last, ts - 16), ts)
    return pre.start() if pre else None


def _anchors(text: str, trig: _Triggers) -> list[C.Anchor]:
    out = []
    last = 0
    for ts, _te in trig.anchor:
        if ts < last:
            continue
        pre = _prefix_start(text, ts, last)
        for pos in (ts,) if pre is None else (pre, ts):
            m = (P.ANCHOR_AT_NUMBER if text[pos].isdigit() else P.ANCHOR_AT_LETTER).match(text, pos)
            if not m or m.end() <= ts:
                continue
            a = _anchor_from_match(m, text)
            last = m.end()
            if a is not None and not _guarded(text, a, (m.lastgroup or "")[2:]):
                out.append(a)
            break
    return out


def _calendar_candidates(text: str, ref: date | None, trig: _Triggers) -> list[_Cand]:
    cands = []
    for a in _combine(text, _anchors(text, trig)):
        start, mod = _left_context(text, a)
        end, open_mod, mark = _right_context(text, a, a.end)
        if open_mod is not None:
            if mod is None:
                mod = open_mod
            elif mod is not open_mod:
                end = a.end  # "t/m 2028 en verder" contradicts itself; keep the anchor only
        if a.kind == "soon" and mod is None:
            mod = Modifier.approx  # "binnenkort" is an approximation by itself
        pick = mark
        if not pick and a.yearless and ref is not None and _past_tense(text, a):
            pick = "past"
        value, sd, ed = C.resolve(a, ref, pick)
        if value is None and a.kind not in ("relunit",):
            continue
        expr = TimeExpression(
            surface=text[start:end],
            value=value,
            modifier=mod,
            start_date=sd,
            end_date=ed,
            kind=TimeKind.date,
            char_start=start,
            char_end=end,
        )
        cands.append(_Cand(start, end, expr, 0, unresolved=C.resolve(a, None, pick)[0], yearless=a.yearless))
    return cands


# --- durations, recurrences, relative expressions ----------------------------------------------


def _number(word: str) -> float | None:
    w = _norm(word)
    if w in _VAGUE:
        return None
    if w[0].isdigit():
        return float(w.replace(",", "."))
    return _NUMBER_WORDS.get(w)


def _duration_value(n: float | None, unit: str) -> str:
    u = _DUR_UNITS[_norm(unit)]
    if n is None:
        return {"Q": "PXM", "DE": "PXY", "H": "PTXH"}.get(u, f"PX{u}")
    if u == "Q":
        n, u = n * 3, "M"
    elif u == "DE":
        n, u = n * 10, "Y"
    if u == "Y" and n != int(n) and (n * 12) == int(n * 12):
        n, u = n * 12, "M"  # "1,5 jaar" -> P18M: whole numbers read better than P1.5Y
    num = f"{int(n)}" if n == int(n) else f"{n:g}"
    return f"PT{num}H" if u == "H" else f"P{num}{u}"


def _durations(text: str, trig: _Triggers) -> list[_Cand]:
    out = []
    last = 0
    for us, ue in trig.unit:
        m = P.DURATION_ENDING.search(text, max(last, us - 70), ue)
        if not m:
            continue
        cue = _norm(m.group("cue") or "")
        n1_word = _norm(m.group("n1"))
        unit = _DUR_UNITS[_norm(m.group("unit"))]
        n1 = _number(n1_word)
        if not cue:
            if n1 is None or n1_word in ("een", "één", "half") or unit in ("D", "H", "DE"):
                continue  # "een jaar", "enkele jaren", "8 uur" need a cue word to be a duration
            limit = _MAX_BARE_YEARS if unit == "Y" else _MAX_BARE_UNITS
            if n1 > limit:
                continue
            before = text[max(0, m.start() - 24) : m.start()]
            if P.AGE_BEFORE.search(before) or P.AGE_AFTER.match(text, m.end()):
                continue
        value = _duration_value(n1, m.group("unit"))
        if m.group("n2"):
            value = f"{value}/{_duration_value(_number(m.group('n2')), m.group('unit'))}"
        mod = _DUR_CUES.get(cue)
        start = m.start()
        if cue.startswith("de "):
            start = P.ARTICLE.match(text, start).end()  # type: ignore[union-attr]
        expr = TimeExpression(
            surface=text[start : m.end()],
            value=value,
            modifier=Modifier(mod) if mod else None,
            kind=TimeKind.duration,
            char_start=start,
            char_end=m.end(),
        )
        out.append(_Cand(start, m.end(), expr, 1))
        last = m.end()
    return out


def _recurrence_value(m: re.Match[str]) -> str:
    g = m.groupdict()
    if g.get("freq") or g.get("eens"):
        n = (_number(g["freq"]) or 1) if g.get("freq") else 1
        period = _REC_UNITS[_norm(g["per"])]
        return f"R{period}" if n == 1 else f"R{int(n)}/{period}"
    if g.get("every") or g.get("om"):
        unit = _norm(g.get("every") or g.get("om") or "")
        unit = {
            "jaren": "jaar",
            "maanden": "maand",
            "weken": "week",
            "dagen": "dag",
            "kwartalen": "kwartaal",
        }.get(unit, unit)
        period = _REC_UNITS[unit]
        n = _number(g.get("every_n") or g.get("om_n") or "1") or 1
        if n != 1:
            amount, letter = int(period[1:-1]) * int(n), period[-1]
            period = f"P{amount}{letter}"
        return f"R{period}"
    if g.get("every_season"):
        return f"R/XXXX-{_SEASONS[g['every_season'].lower()]}/P1Y"  # "ieder voorjaar"
    return _REC_WORDS[g["word"].lower()]


def _recurrences(text: str, trig: _Triggers) -> list[_Cand]:
    found: list[re.Match[str]] = []
    for ts, _te in trig.rec:
        m = P.RECURRENCE_START.match(text, ts)
        if m:
            found.append(m)
    for ps, _pe in trig.per:
        pu = P.PER_UNIT.match(text, ps)
        if pu:
            m = P.RECURRENCE_FREQ_ENDING.search(text, max(0, ps - 24), pu.end())
            if m:
                found.append(m)
    out = []
    for m in found:
        expr = TimeExpression(
            surface=m.group(0),
            value=_recurrence_value(m),
            kind=TimeKind.recurrence,
            char_start=m.start(),
            char_end=m.end(),
        )
        out.append(_Cand(m.start(), m.end(), expr, 1))
    return out


def _relatives(text: str, trig: _Triggers) -> list[_Cand]:
    out = []
    last = 0
    for ts, _te in trig.rel:
        if ts < last:
            continue
        m = P.RELATIVE_CORE.match(text, ts)
        if not m:
            continue
        g = m.group
        start = ts
        mod: Modifier | None = None
        value: str | None = None
        if g("ev_noun") or g("ev_snoun"):
            pre = P.RELATIVE_PRE.search(text, max(0, ts - 40), ts)
            if pre and pre.start() < ts:
                start = pre.start()
            trig_word = _norm(g("ev_trig") or g("ev_strict"))
            if pre and pre.group("off_n"):
                value = _duration_value(_number(pre.group("off_n")), pre.group("off_u"))
            uiterlijk = bool(pre and (pre.group("ev_pre") or "").lower() == "uiterlijk")
            if uiterlijk or trig_word in ("vóór", "voorafgaand aan", "voorafgaande aan", "tot aan"):
                mod = Modifier.before
            elif trig_word != "bij" and not value:
                mod = Modifier.after
        elif g("vague"):
            value = "FUTURE_REF"
        end = m.end()
        while end > start and text[end - 1] in " \t\n,":
            end -= 1
        expr = TimeExpression(
            surface=text[start:end],
            value=value,
            modifier=mod,
            kind=TimeKind.relative,
            char_start=start,
            char_end=end,
        )
        out.append(_Cand(start, end, expr, 1, relative=True))
        last = end
    return out


# --- assembling ------------------------------------------------------------------------------


def _merge_anchored(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Attach a date to the duration or recurrence right before it.

    "binnen een jaar (begin 2026)": the parenthesis anchors the duration -> one dated expression with
    the duration's modifier. "jaarlijks, voor 1 oktober": a yearless date recurs -> one recurrence
    R/XXXX-10-01/P1Y.
    """
    dates = sorted((c for c in cands if c.prio == 0), key=lambda c: c.start)
    by_start = {c.start: c for c in dates}
    used: set[int] = set()
    out: list[_Cand] = []
    for c in cands:
        if c.prio == 0:
            continue
        kind = c.expr.kind
        if kind == TimeKind.duration:
            m = P.GAP_PAREN.match(text, c.end)
            d = by_start.get(m.end()) if m else None
            close = P.PAREN_CLOSE.match(text, d.end) if d else None
            if d and close and not d.yearless and d.expr.modifier is None:
                e = d.expr
                merged = copy_with(
                    e,
                    {
                        "surface": text[c.start : close.end()],
                        "modifier": c.expr.modifier,
                        "char_start": c.start,
                        "char_end": close.end(),
                    },
                )
                out.append(_Cand(c.start, close.end(), merged, 0))
                used.add(d.start)
                continue
        if kind == TimeKind.recurrence and (c.expr.value or "").startswith("RP"):
            m = P.RECURRENCE_GAP.match(text, c.end)
            nxt = by_start.get(m.end()) if m else None
            if nxt and nxt.start not in used and nxt.yearless and nxt.unresolved:
                merged = copy_with(
                    c.expr,
                    {
                        "surface": text[c.start : nxt.end],
                        "value": f"R/{nxt.unresolved}/{(c.expr.value or '')[1:]}",
                        "modifier": nxt.expr.modifier,
                        "char_end": nxt.end,
                    },
                )
                out.append(_Cand(c.start, nxt.end, merged, 1))
                used.add(nxt.start)
                continue
        out.append(c)
    out.extend(d for d in dates if d.start not in used)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _select(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping choice: calendar expressions first, then longest of the rest.

    A relative expression that runs into a chosen date is cut before it ("zodra ... per 2027").
    """
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.prio, -(c.end - c.start), c.start)):
        span = (c.start, c.end)
        clash = [x for x in chosen if _overlaps(span, (x.start, x.end))]
        if not clash:
            chosen.append(c)
            continue
        if c.relative and all(x.start > c.start for x in clash):
            cut = min(x.start for x in clash)
            end = c.start + len(P.TRAILING_WORDS.sub("", text[c.start : cut]))
            if len(text[c.start : end].split()) >= 2:
                c.end = end
                c.expr = copy_with(c.expr, {"surface": text[c.start : end], "char_end": end})
                chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def find_time_expressions(text: str, ref_date: date | None = None) -> list[TimeExpression]:
    """All time expressions in `text`, ordered and non-overlapping, spans relative to `text`.

    `ref_date` is the document's date: yearless and relative expressions resolve against it.
    """
    if not text:
        return []
    trig = _triggers(text)
    if not trig:
        return []  # no number and no time word: a third of the blocks of the reference corpus
    cands = (
        _calendar_candidates(text, ref_date, trig)
        + _durations(text, trig)
        + _recurrences(text, trig)
        + _relatives(text, trig)
    )
    if not cands:
        return []  # four in five blocks with a trigger hold no expression after all
    cands = _merge_anchored(text, cands)
    return [c.expr for c in _select(text, cands)]


def normalise(surface: str, ref_date: date | None = None) -> TimeExpression | None:
    """Normalise one expression; the longest expression found in `surface`, or None."""
    found = find_time_expressions(surface, ref_date)
    if not found:
        return None
    return max(found, key=lambda e: (e.char_end - e.char_start, -e.char_start))
