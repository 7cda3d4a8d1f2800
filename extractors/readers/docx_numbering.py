"""List numbering of a .docx: the printed marker of each numbered paragraph, as Word computes it.

numbering.xml holds abstract definitions (levels with format, text such as "%1.%2)", start value and
restart rule) and numbering instances (w:num) that point at an abstract definition and may
override levels. Counters run per abstract definition, not per instance: Word continues one
sequence across all instances of the same abstract definition, and an instance that carries a
startOverride restarts the shared counter at that level when it is first used (ECMA-376 §17.9;
other renderers learned this the hard way). Deeper levels restart whenever a shallower level is
used, unless w:lvlRestart says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from extractors.readers.docx_styles import StyleSheet, W, first_child, int_val, wval

# Bullet glyphs come in symbol fonts (Symbol, Wingdings) as private-use or remapped letters such as
# "§" or "Ø"; what they print is a bullet, so all of them become this one character.
BULLET = "•"
_DASHES = frozenset("-–—−‐")
_PLACEHOLDER = re.compile(r"%([1-9])")
# Levels 0..8 exist in Word; anything deeper in a file is junk we clamp rather than trust.
MAX_LEVEL = 8
# numStyleLink chains deeper than this are cycles or junk.
_MAX_LINK_DEPTH = 4
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None when the level has none
    restart: int | None = (
        None  # w:lvlRestart: None = after any shallower level, 0 = never, n = after levels < n
    )
    is_legal: bool = False  # w:isLgl: show all placeholders as decimal numbers


def to_roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def to_letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..: the letter repeats, it does not carry."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return to_letters(n)
    if fmt == "upperLetter":
        return to_letters(n).upper()
    if fmt == "lowerRoman":
        return to_roman(n)
    if fmt == "upperRoman":
        return to_roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    # decimal and the formats whose rendering depends on the language (ordinal, cardinalText...)
    return str(n)


def bullet_marker(text: str | None) -> str | None:
    glyph = (text or "").strip()
    if not glyph:
        return None
    return "-" if glyph[0] in _DASHES else BULLET


def _parse_level(lvl: etree._Element) -> Level:
    text_el = first_child(lvl, f"{W}lvlText")
    start = int_val(first_child(lvl, f"{W}start"))
    return Level(
        start=1 if start is None else start,
        fmt=wval(first_child(lvl, f"{W}numFmt"), "decimal") or "decimal",
        text=wval(text_el) if text_el is not None else None,
        restart=int_val(first_child(lvl, f"{W}lvlRestart")),
        is_legal=first_child(lvl, f"{W}isLgl") is not None
        and wval(first_child(lvl, f"{W}isLgl"), "1") not in ("0", "false"),
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.iterchildren(f"{W}lvl"):
        ilvl = int_val_attr(lvl, "ilvl")
        if ilvl is not None and 0 <= ilvl <= MAX_LEVEL:
            levels[ilvl] = _parse_level(lvl)
    return levels


def int_val_attr(el: etree._Element, name: str) -> int | None:
    v = el.get(f"{W}{name}")
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


@dataclass
class _Abstract:
    levels: dict[int, Level]
    num_style_link: str | None


@dataclass
class _Instance:
    abstract_id: int
    start_overrides: dict[int, int]
    level_overrides: dict[int, Level]


class Numbering:
    """The definitions of numbering.xml, with numStyleLink indirection resolved."""

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self._abstracts: dict[int, _Abstract] = {}
        self._instances: dict[int, _Instance] = {}
        self._styles = styles
        if root is None:
            return
        for ab in root.iterchildren(f"{W}abstractNum"):
            aid = int_val_attr(ab, "abstractNumId")
            if aid is None:
                continue
            self._abstracts[aid] = _Abstract(_levels(ab), wval(first_child(ab, f"{W}numStyleLink")))
        for num in root.iterchildren(f"{W}num"):
            nid = int_val_attr(num, "numId")
            aid = int_val(first_child(num, f"{W}abstractNumId"))
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            overrides: dict[int, Level] = {}
            for ov in num.iterchildren(f"{W}lvlOverride"):
                ilvl = int_val_attr(ov, "ilvl")
                if ilvl is None or not 0 <= ilvl <= MAX_LEVEL:
                    continue
                start = int_val(first_child(ov, f"{W}startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = first_child(ov, f"{W}lvl")
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
            self._instances[nid] = _Instance(aid, starts, overrides)

    def resolve(self, num_id: int) -> tuple[int, dict[int, Level], dict[int, int]] | None:
        """(abstract id that owns the counter, effective levels, start overrides) of an instance."""
        inst = self._instances.get(num_id)
        if inst is None:
            return None
        aid = inst.abstract_id
        for _ in range(_MAX_LINK_DEPTH):
            ab = self._abstracts.get(aid)
            if ab is None or ab.num_style_link is None:
                break
            linked_num = self._styles.style_numbering_id(ab.num_style_link)
            linked = self._instances.get(linked_num) if linked_num is not None else None
            if linked is None or linked.abstract_id == aid:
                break
            aid = linked.abstract_id
        ab = self._abstracts.get(aid)
        if ab is None:
            return None
        levels = dict(ab.levels)
        for ilvl, lvl in inst.level_overrides.items():
            levels[ilvl] = lvl
        starts = dict(inst.start_overrides)
        # A full level override with its own w:start restarts like a startOverride does.
        for ilvl, lvl in inst.level_overrides.items():
            starts.setdefault(ilvl, lvl.start)
        return aid, levels, starts


class ListCounter:
    """Running counters over one story (body, notes or headers), giving each numbered paragraph its marker."""

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._counts: dict[int, dict[int, int]] = {}
        self._started: set[tuple[int, int]] = set()

    def next_marker(self, num_id: int, ilvl: int) -> tuple[bool, str | None]:
        """Advance the counter for a numbered paragraph: (is it a list paragraph, its printed marker)."""
        resolved = self._numbering.resolve(num_id)
        if resolved is None:
            return False, None
        aid, levels, starts = resolved
        ilvl = min(max(ilvl, 0), MAX_LEVEL)
        level = levels.get(ilvl)
        if level is None:
            return False, None
        counts = self._counts.setdefault(aid, {})
        if (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            if ilvl in starts:
                counts[ilvl] = starts[ilvl] - 1
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in range(ilvl + 1, MAX_LEVEL + 1):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts.pop(deeper, None)
        return True, self._format(level, levels, counts, ilvl)

    @staticmethod
    def _format(level: Level, levels: dict[int, Level], counts: dict[int, int], ilvl: int) -> str | None:
        if level.fmt == "bullet":
            return bullet_marker(level.text)
        if level.text is None:
            # No lvlText: Word prints the number of this level alone.
            text = format_number(counts[ilvl], level.fmt)
            return text or None

        def placeholder(m: re.Match[str]) -> str:
            ref = int(m.group(1)) - 1
            ref_level = levels.get(ref, Level())
            value = counts.get(ref, ref_level.start)
            fmt = "decimal" if level.is_legal and ref_level.fmt != "none" else ref_level.fmt
            return format_number(value, fmt)

        marker = _PLACEHOLDER.sub(placeholder, level.text).strip()
        if not marker:
            return None
        if "%" not in level.text and len(marker) == 1 and not marker.isalnum():
            return bullet_marker(marker)  # a fixed glyph in a non-bullet format prints as a bullet
        return marker


__all__ = ["BULLET", "Level", "ListCounter", "Numbering", "format_number", "to_letters", "to_roman"]
