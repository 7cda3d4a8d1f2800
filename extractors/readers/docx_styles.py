"""Paragraph styles of a .docx: names, heading levels and list numbering, following basedOn chains."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# Built-in heading names as stored in styles.xml ("heading 1") and as localised custom names
# ("Kop 1" in Dutch Word when a template renamed them).
_HEADING_NAME = re.compile(r"^(?:heading|kop)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "titel"})
# Heading level given to Title paragraphs: they head the document, above or beside Heading 1.
TITLE_LEVEL = 1
# outlineLvl 9 means "body text"; 0..8 are outline levels 1..9.
_BODY_OUTLINE_LEVEL = 9
# Built-in names are stored lower-case; python-docx and Word's UI show these capitalised.
_BUILTIN_DISPLAY = re.compile(r"^(heading [1-9]|title|subtitle|normal|caption|list paragraph)$")


def first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """`el.find(tag)` for a plain tag: its first child with that tag. Property elements have a few
    children and the one asked for often comes first: a loop over them costs half of lxml's find,
    which goes through its path language (and a third of iterchildren(tag), which parses the tag)."""
    for c in el:
        if c.tag == tag:
            return c
    return None


def wval(el: etree._Element | None, default: str | None = None) -> str | None:
    """The w:val attribute of an element, or `default` when the element or attribute is absent."""
    if el is None:
        return default
    return el.get(f"{W}val", default)


def int_val(el: etree._Element | None) -> int | None:
    v = wval(el)
    if v is None:
        return None
    try:
        return int(v)
    except ValueError:
        return None


@dataclass(frozen=True)
class NumPr:
    """A paragraph's list reference; either part may be missing and is then inherited."""

    num_id: int | None
    ilvl: int | None


def read_numpr(ppr: etree._Element | None) -> NumPr | None:
    return numpr_of(first_child(ppr, f"{W}numPr") if ppr is not None else None)


def numpr_of(numpr: etree._Element | None) -> NumPr | None:
    """The list reference of a w:numPr element."""
    if numpr is None:
        return None
    return NumPr(int_val(first_child(numpr, f"{W}numId")), int_val(first_child(numpr, f"{W}ilvl")))


def outline_level(ppr: etree._Element | None) -> int | None:
    """The paragraph property outlineLvl as a heading level (1..9), 0 for explicit body text, None if absent."""
    return outline_of(first_child(ppr, f"{W}outlineLvl") if ppr is not None else None)


def outline_of(outline_lvl: etree._Element | None) -> int | None:
    """A w:outlineLvl element as a heading level, as `outline_level` gives it."""
    lvl = int_val(outline_lvl)
    if lvl is None:
        return None
    return 0 if lvl >= _BODY_OUTLINE_LEVEL or lvl < 0 else lvl + 1


@dataclass
class _Style:
    style_id: str
    name: str
    based_on: str | None
    outline: int | None  # from outlineLvl: 1..9, 0 = body text, None = not set
    numpr: NumPr | None


class StyleSheet:
    """Paragraph styles by id, with the properties that matter for structure resolved through basedOn."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._numbering_styles: dict[str, NumPr] = {}
        self.default_paragraph: str | None = None
        self._heading_cache: dict[str, int | None] = {}
        if root is None:
            return
        for st in root.iterchildren(f"{W}style"):
            sid = st.get(f"{W}styleId") or ""
            ppr = first_child(st, f"{W}pPr")
            st_type = st.get(f"{W}type", "paragraph")
            if st_type == "numbering":
                numpr = read_numpr(ppr)
                if numpr is not None:
                    self._numbering_styles[sid] = numpr
                continue
            if st_type != "paragraph":
                continue
            self._styles[sid] = _Style(
                style_id=sid,
                name=wval(first_child(st, f"{W}name"), sid) or sid,
                based_on=wval(first_child(st, f"{W}basedOn")),
                outline=outline_level(ppr),
                numpr=read_numpr(ppr),
            )
            if st.get(f"{W}default") in ("1", "true", "on"):
                self.default_paragraph = sid

    def _chain(self, style_id: str | None) -> list[_Style]:
        """The style and its ancestors, nearest first; cycles in basedOn are cut."""
        chain: list[_Style] = []
        seen: set[str] = set()
        sid = style_id if style_id is not None else self.default_paragraph
        while sid is not None and sid not in seen and sid in self._styles:
            seen.add(sid)
            st = self._styles[sid]
            chain.append(st)
            sid = st.based_on
        return chain

    def display_name(self, style_id: str | None) -> str | None:
        chain = self._chain(style_id)
        if not chain:
            return style_id
        name = chain[0].name
        return name[0].upper() + name[1:] if _BUILTIN_DISPLAY.match(name) else name

    def heading_level(self, style_id: str | None) -> int | None:
        """Heading level from the nearest style in the chain that says anything: a heading/title name or outlineLvl."""
        key = style_id or ""
        if key in self._heading_cache:
            return self._heading_cache[key]
        level: int | None = None
        for st in self._chain(style_id):
            m = _HEADING_NAME.match(st.name.strip())
            if m:
                level = int(m.group(1))
                break
            if st.name.strip().lower() in _TITLE_NAMES:
                level = TITLE_LEVEL
                break
            if st.outline is not None:
                level = st.outline or None
                break
        self._heading_cache[key] = level
        return level

    def numpr(self, style_id: str | None) -> NumPr | None:
        """List numbering inherited from the style chain (numId and ilvl may come from different styles)."""
        num_id: int | None = None
        ilvl: int | None = None
        for st in self._chain(style_id):
            if st.numpr is None:
                continue
            if num_id is None:
                num_id = st.numpr.num_id
            if ilvl is None:
                ilvl = st.numpr.ilvl
        if num_id is None:
            return None
        return NumPr(num_id, ilvl)

    def style_numbering_id(self, style_id: str) -> int | None:
        """numId of a numbering style (for abstractNum numStyleLink indirection)."""
        numpr = self._numbering_styles.get(style_id)
        return numpr.num_id if numpr is not None else None
