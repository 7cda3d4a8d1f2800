"""Text segments with geometry and style from one PDF page, read through pypdfium2's raw API.

pdfium already groups characters into lines (in content-stream order) when it builds a text page, so
the fast path is: take the page text in one call, cut it at pdfium's line breaks, and ask pdfium for
geometry and style only a few times per line (text-object rectangles, one sampled character's size,
baseline and font), never per character. Per-character calls are reserved for digits in lines that
hold a raised text object, which are checked for being superscript footnote marks.

A line is cut into several segments where its text objects are separated by a wide horizontal gap
(table cells, a label and its value, or two printed pages of a spread that pdfium put on one line).
Coordinates are converted to y-down (0 = top of the page) so reading order sorts naturally.

Python's regex engine scans plain text at ~25 ns a character, which is more than all pdfium calls of
a page together, so whole-page scans use str.find/str.split (C speed) instead.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pypdfium2.raw as pdfium_c

# pdfium marks a hyphen at a line end that it joined to the next line with U+FFFE (no line break).
_PDFIUM_HYPHEN = "\ufffe"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# Characters the per-line normalisation changes; looked up once per page (rare in practice).
_ODD_CHARS = ("\t", "\u00a0", "\u00ad", "\u2009", "\u200a", "\u200b", "\u202f", "\ufb00", "\ufb01", "\ufb02")
# Every character `_normalise` changes (the odd ones and rarer spaces and ligatures): a text without
# these and without a double space only loses its outer whitespace to `_normalise`.
_NORMALISED_CHARS = (*_ODD_CHARS, *(chr(c) for c in range(0x2000, 0x2009)), "\u3000", "\ufb03", "\ufb04")
_LETTER = re.compile(r"[^\W\d_]")
# Characters a footnote mark may follow directly (besides letters); "\n" and U+FFFE open a line.
_MARK_FOLLOWS = frozenset(".,;:!?)]’”'\" \u00a0\r\n\ufffe")
_SENTINEL = "\ue000"
_SENTINEL_SPACE = re.compile(" (\ue000+) ")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_LEFT = itemgetter(0)  # of a rect (left, right, top, bottom)
_RIGHT = itemgetter(1)
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique|kursiv", re.IGNORECASE)
_FONT_ITALIC_FLAG = 0x40  # PDF font descriptor flag bit 7 (Italic)
_FONT_FORCE_BOLD_FLAG = 0x40000  # PDF font descriptor flag bit 19 (ForceBold)

# A gap between two text objects of one pdfium line wider than this many font sizes splits the line
# into segments. Word spaces are ~0.3 em, justified lines stretch them to ~1 em, and the margin code
# of an AZWA heading ("A1" then title) or a bullet and its text sit 1.3-1.4 em apart (kept together);
# right-aligned number columns of tables are 1.6-1.8 em apart, label/value pairs and spread gutters
# much more. (Bullets set 1.7 em from their text are split off too; lines glue them back on.)
SEGMENT_GAP_EM = 1.5
# A glued digit is (part of) a footnote mark when its font is at most this fraction of the line's
# size: superscripts are set at 55-70% of the text size in the reference documents (Word, InDesign).
SUPERSCRIPT_SIZE_RATIO = 0.8
# ...and it is raised by at least this fraction of the line's size (marks sit 0.3-0.45 em up there).
SUPERSCRIPT_MIN_RISE = 0.15
# A text object that starts left of the previous one and this many font sizes lower is on a new line.
NEW_LINE_DROP = 0.5
# Synthetic line box around the baseline, as fractions of the font size, so every line of one size
# gets the same height whatever glyphs it holds (tight glyph boxes vary from line to line).
ASCENT_EM = 0.78
DESCENT_EM = 0.22


@dataclass(slots=True)
class Seg:
    """A run of text on one line, with geometry in points (y-down) and the style of its bulk."""

    text: str
    x0: float
    x1: float
    base: float  # baseline
    size: float  # font size in points
    bold: bool
    italic: bool
    row: int  # index of the pdfium line it came from; cells of one table row share it
    refs: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, superscript number)
    lead_mark: int | None = None  # superscript number that opened the line (a footnote's own number)

    @property
    def top(self) -> float:
        return self.base - ASCENT_EM * self.size

    @property
    def bottom(self) -> float:
        return self.base + DESCENT_EM * self.size


_Style = tuple[float, float, bool, bool]  # size, y-down baseline, bold, italic


def _untyped(fn: Any, restype: Any) -> Any:
    """`fn` (a pypdfium2 raw function) without declared argument types.

    ctypes passes every argument of a typed function through its type's `from_param` on each call;
    given plain ints and prepared byref()s, an untyped call costs about half as much, and these calls
    run several times per line. Callers pass exactly the C types: ints for int parameters, pdfium
    handles, byref()s for pointers, a c_ulong for an unsigned long.
    """
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)


_count_rects = _untyped(pdfium_c.FPDFText_CountRects, ctypes.c_int)
_get_rect = _untyped(pdfium_c.FPDFText_GetRect, ctypes.c_int)
_get_font_info = _untyped(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
_get_loose_char_box = _untyped(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_get_char_origin = _untyped(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)


class PageReader:
    """Reads segments from pdfium text pages; holds the reusable ctypes out-parameters."""

    def __init__(self) -> None:
        # One array for a rect, filled in the order of the tuples built from it: left, right, top, bottom.
        self._rect = (ctypes.c_double * 4)()
        self._rect_args = tuple(ctypes.byref(self._rect, 8 * k) for k in (0, 2, 1, 3))  # l, t, r, b
        self._xy = (ctypes.c_double * 2)()
        self._xy_args = (ctypes.byref(self._xy, 0), ctypes.byref(self._xy, 8))
        self._m = pdfium_c.FS_MATRIX()
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(128)
        self._font_args = (self._name, ctypes.c_ulong(len(self._name)), ctypes.byref(self._flags))
        self._box = pdfium_c.FS_RECTF()
        self._box_ref = ctypes.byref(self._box)
        self._fonts: dict[tuple[bytes, int], tuple[bool, bool, float, float]] = {}
        self._row = 0  # running number of printed lines on the page
        self._plain: bool | None = None  # see `_cells_plain`; None until asked on this page
        self._text_buf = (ctypes.c_ushort * 4096)()

    def _origin(self, tp: object, ci: int) -> tuple[float, float]:
        """(x, y) of a char's origin, y up."""
        xy = self._xy
        _get_char_origin(tp, ci, *self._xy_args)
        return xy[0], xy[1]

    def page_text(self, tp: object) -> str:
        """The page text, one str char per pdfium char so text offsets are char indices."""
        n = pdfium_c.FPDFText_CountChars(tp)
        if n <= 0:
            return ""
        if len(self._text_buf) < n + 1:
            # One buffer for all pages, grown as needed: an array type of every page's own length
            # would be a new ctypes type per page (costly to create, and cached forever).
            self._text_buf = (ctypes.c_ushort * max(n + 1, 2 * len(self._text_buf)))()
        buf = self._text_buf
        got = pdfium_c.FPDFText_GetText(tp, 0, n, buf)
        text = ctypes.string_at(buf, 2 * max(got - 1, 0)).decode("utf-16-le", errors="replace")
        if len(text) == n:
            return text
        # Rare (excluded or surrogate chars): rebuild the text one char at a time so indices agree.
        chars = []
        for i in range(n):
            u = pdfium_c.FPDFText_GetUnicode(tp, i)
            chars.append(chr(u) if 0 < u < 0xD800 or 0xE000 <= u < 0x110000 else "\ufffd")
        return "".join(chars)

    def segments(self, tp: object, page_height: float) -> list[Seg]:
        """All segments of a page in pdfium's (content-stream) order."""
        text = self.page_text(tp)
        if not text or text.isspace():
            return []
        odd = "  " in text or any(c in text for c in _ODD_CHARS)
        self._plain = None
        glued = _digit_runs(text)
        out: list[Seg] = []
        gi = 0
        n_glued = len(glued)
        no_runs: list[tuple[int, int]] = []
        self._row = 0
        for s, e in _line_spans(text):
            while gi < n_glued and glued[gi][0] < s:
                gi += 1
            if gi < n_glued and glued[gi][0] < e:
                runs = []
                j = gi
                while j < n_glued and glued[j][0] < e:
                    runs.append(glued[j])
                    j += 1
            else:
                runs = no_runs
            self._line(tp, text, s, e, page_height, odd, runs, out)
        return _without_duplicates(out)

    def _line(
        self,
        tp: object,
        text: str,
        s: int,
        e: int,
        height: float,
        odd: bool,
        runs: list[tuple[int, int]],
        out: list[Seg],
    ) -> None:
        piece = text[s:e]
        if not piece:
            return
        if piece[0].isspace() or piece[-1].isspace():
            stripped = piece.strip()
            if not stripped:
                return
            s += len(piece) - len(piece.lstrip())
            e = s + len(stripped)
            piece = stripped
        if piece[-1] == _PDFIUM_HYPHEN:
            piece = piece[:-1] + "-"
        if odd:  # the page has odd spacing somewhere; most of its lines are still clean
            odd = "  " in piece or any(c in piece for c in _ODD_CHARS)

        count = _count_rects(tp, s, e - s)
        if count <= 0:
            return
        rect = self._rect
        ref_l, ref_t, ref_r, ref_b = self._rect_args
        rects: list[tuple[float, float, float, float]] = []
        for i in range(count):
            _get_rect(tp, i, ref_l, ref_t, ref_r, ref_b)
            rects.append((rect[0], rect[1], rect[2], rect[3]))

        # The common case inline (a line whose font is known): this runs for every line.
        style: _Style | None = None
        mid = len(piece) // 2
        j = mid
        if not piece[j].isalpha():
            # The middle fell on a space, digit or punctuation mark; a letter is usually right next to it.
            j = next(
                (k for k in (j + 1, j - 1, j + 2, j - 2) if 0 <= k < len(piece) and piece[k].isalpha()), j
            )
        if piece[j].isalpha():
            ci = s + j
            name, name_len, flags_ref = self._font_args
            _get_font_info(tp, ci, name, name_len, flags_ref)
            font = self._fonts.get((name.value, self._flags.value))
            # A bold or italic font is sampled here too when `_sample` would pick this very letter.
            if font is not None and font[2] > 0 and (j == mid or not (font[0] or font[1])):
                box = self._box
                if _get_loose_char_box(tp, ci, self._box_ref):
                    size = (box.top - box.bottom) / font[2]
                    bold, italic = font[0], font[1]
                    if bold or italic:
                        bold, italic = self._whole_line(tp, piece, s, j, bold, italic)
                    style = (size, height - (box.bottom + font[3] * size), bold, italic)
        if style is None:
            style = self._sample(tp, piece, s, height)
        size = style[0]
        if size <= 0:
            return
        cuts = self._cuts(tp, rects, s, e, size, style[1], height) if count > 1 else []
        if not cuts:
            marks = (
                self._superscripts(tp, text, runs, s, e, size, height - style[1])
                if runs and _has_raised(rects, height, style[1] - SUPERSCRIPT_MIN_RISE * size)
                else []
            )
            if not marks and not odd:
                # The common case, kept lean: one clean run of text.
                x0, x1 = rects[0][:2] if count == 1 else (min(map(_LEFT, rects)), max(map(_RIGHT, rects)))
                out.append(Seg(piece, x0, x1, style[1], size, style[2], style[3], self._row, [], None))
            else:
                seg = _make_seg(piece, marks, rects, style, self._row, odd)
                if seg.text:
                    out.append(seg)
            self._row += 1
            return
        bounds = [(0, 0, False), *cuts, (len(piece), count, False)]
        carry: list[int] = []  # marks of a cell that held nothing else: they lead the next cell
        for (a, ra, _), (z, rz, new_line) in itertools.pairwise(bounds):
            sub_style = self._sample(tp, piece[a:z], s + a, height)
            if sub_style[0] <= 0:
                sub_style = style
            sub_runs = [r for r in runs if s + a <= r[0] < s + z]
            if piece[a].isdigit() and not (sub_runs and sub_runs[0][0] == s + a):
                k = a
                while k < z and piece[k].isdigit():
                    k += 1
                sub_runs.insert(0, (s + a, s + k))  # a cell or line opening with a number: maybe a mark
            raised_limit = sub_style[1] - SUPERSCRIPT_MIN_RISE * sub_style[0]
            marks = (
                self._superscripts(tp, text, sub_runs, s + a, s + z, sub_style[0], height - sub_style[1])
                if sub_runs and _has_raised(rects[ra:rz] or rects, height, raised_limit)
                else []
            )
            cell_rects = rects[ra:rz] or rects[ra : ra + 1]
            seg = _make_seg(piece[a:z], marks, cell_rects, sub_style, self._row, not self._cells_plain(text))
            if new_line:
                self._row += 1  # pdfium ran two printed lines together; they are separate rows
            if not seg.text:
                carry += [n for _, n in seg.refs]
                if seg.lead_mark is not None:
                    carry.append(seg.lead_mark)
                continue
            if carry:
                if seg.lead_mark is None:
                    seg.lead_mark = carry.pop(0)
                seg.refs = [(0, n) for n in carry] + seg.refs
                carry = []
            out.append(seg)
        self._row += 1

    def _cells_plain(self, text: str) -> bool:
        """Would `_normalise` only strip any piece of this page's text? Then the cells of its split
        lines need no normalising (most pages; asked once per page, on its first split line)."""
        if self._plain is None:
            self._plain = not ("  " in text or any(c in text for c in _NORMALISED_CHARS))
        return self._plain

    def _cuts(
        self,
        tp: object,
        rects: list[tuple[float, float, float, float]],
        s: int,
        e: int,
        size: float,
        base: float,
        height: float,
    ) -> list[tuple[int, int, bool]]:
        """Where a pdfium line falls apart: (offset, first rect after the cut, the cut ends a printed line).

        Rects come in char order. A wide gap to the right separates cells or spread pages; a jump back
        to the left onto a lower baseline means pdfium ran two printed lines into one (it does so when
        a line opens with a superscript footnote number).
        """
        cuts: list[tuple[int, int, bool]] = []
        gap = SEGMENT_GAP_EM * size
        raised_limit = base - SUPERSCRIPT_MIN_RISE * size  # y-down: a rect bottom above this is raised
        for i in range(1, len(rects)):
            _, r0, t0, b0 = rects[i - 1]
            l1, r1, t1, b1 = rects[i]
            if l1 < r0 - gap and (t1 + b1) / 2 < (t0 + b0) / 2 - NEW_LINE_DROP * size:
                ci = pdfium_c.FPDFText_GetCharIndexAtPos(
                    tp, l1 + min(1.0, (r1 - l1) / 2), (t1 + b1) / 2, 1.0, 1.0
                )
                off = ci - s if s <= ci < e else -1
                new_line = True
            elif l1 - r0 > gap and height - b0 >= raised_limit:
                # (A raised object before the gap is a footnote number or a bullet: it stays with its text.)
                off = self._offset_at_x(tp, s, e, (r0 + l1) / 2)
                new_line = False
            else:
                continue
            if 0 < off < e - s and (not cuts or off > cuts[-1][0]):
                cuts.append((off, i, new_line))
        return cuts

    # -- probes: a handful of pdfium calls per line ---------------------------------------------------

    def _sample(self, tp: object, piece: str, s: int, height: float) -> _Style:
        """Size, y-down baseline and style of a line, from one letter near its middle."""
        j = len(piece) // 2
        if not piece[j].isalpha():
            m = _LETTER.search(piece, j) or _LETTER.search(piece)
            if m is not None:
                j = m.start()
            else:
                j = next((k for k in range(j, len(piece)) if not piece[k].isspace()), j)
        ci = s + j
        font = self._font(tp, ci)
        bold, italic, ratio, descent = font
        box = self._box
        if ratio > 0 and _get_loose_char_box(tp, ci, self._box_ref):
            # One call instead of three: the loose box spans the font's ascent..descent at this size.
            size = (box.top - box.bottom) / ratio
            base = height - (box.bottom + descent * size)
        else:
            size = self._size(tp, ci)
            base = height - self._origin(tp, ci)[1]
        if bold or italic:
            bold, italic = self._whole_line(tp, piece, s, j, bold, italic)
        return size, base, bold, italic

    def _whole_line(
        self, tp: object, piece: str, s: int, j: int, bold: bool, italic: bool
    ) -> tuple[bool, bool]:
        """Bold/italic of a line whose sampled letter (at `j`) is: only if its first and last letters or
        digits are too. A bold lead-in does not make a bold line; punctuation does not count
        ("**Wat is de afspraak**:" is a bold line)."""
        first = next((k for k in range(len(piece)) if piece[k].isalnum()), 0)
        last = next((k for k in range(len(piece) - 1, -1, -1) if piece[k].isalnum()), len(piece) - 1)
        for k in (first, last):
            if k != j:
                other = self._font(tp, s + k)
                bold, italic = bold and other[0], italic and other[1]
        return bold, italic

    def _size(self, tp: object, ci: int) -> float:
        """Font size in points: pdfium's nominal size times the vertical scale of the text matrix."""
        nominal = pdfium_c.FPDFText_GetFontSize(tp, ci)
        m = self._m
        pdfium_c.FPDFText_GetMatrix(tp, ci, m)
        return nominal * math.hypot(m.c, m.d)

    def _font(self, tp: object, ci: int) -> tuple[bool, bool, float, float]:
        """(bold, italic, loose-box height per point, descent per point) of a char's font, cached.

        The metrics are calibrated once per font from exact probes, so later lines in that font need
        only the loose char box to give size and baseline.
        """
        _get_font_info(tp, ci, *self._font_args)
        key = (self._name.value, self._flags.value)
        font = self._fonts.get(key)
        if font is None:
            name = key[0].decode("latin-1")
            bold = bool(_BOLD_NAME.search(name)) or bool(key[1] & _FONT_FORCE_BOLD_FLAG)
            if not bold and "regular" not in name.lower():
                bold = pdfium_c.FPDFText_GetFontWeight(tp, ci) >= 600
            italic = bool(_ITALIC_NAME.search(name)) or bool(key[1] & _FONT_ITALIC_FLAG)
            ratio = descent = 0.0
            size = self._size(tp, ci)
            box = self._box
            if size > 0 and _get_loose_char_box(tp, ci, self._box_ref) and box.top > box.bottom:
                y = self._origin(tp, ci)[1]
                ratio = (box.top - box.bottom) / size
                descent = (y - box.bottom) / size
            font = (bold, italic, ratio, descent)
            self._fonts[key] = font
        return font

    def _superscripts(
        self,
        tp: object,
        text: str,
        runs: list[tuple[int, int]],
        s: int,
        e: int,
        size: float,
        base_y_up: float,
    ) -> list[tuple[int, int, int]]:
        """Glued digit runs whose tail is set small and raised: (offset in line, number, length)."""
        found: list[tuple[int, int, int]] = []
        for a, z in runs:
            a, z = max(a, s), min(z, e)
            k = z - 1
            while k >= a and self._is_superscript(tp, k, size, base_y_up):
                k -= 1
            if k < z - 1:
                found.append((k + 1 - s, int(text[k + 1 : z]), z - k - 1))
        return found

    def _is_superscript(self, tp: object, ci: int, size: float, base_y_up: float) -> bool:
        if self._size(tp, ci) > SUPERSCRIPT_SIZE_RATIO * size:
            return False
        return self._origin(tp, ci)[1] - base_y_up >= SUPERSCRIPT_MIN_RISE * size

    def _offset_at_x(self, tp: object, s: int, e: int, x: float) -> int:
        """Offset of the first char of [s, e) whose origin lies right of x (binary search; x rises along a line)."""
        lo, hi = s, e
        xy = self._xy
        ref_x, ref_y = self._xy_args
        while lo < hi:
            mid = (lo + hi) // 2
            _get_char_origin(tp, mid, ref_x, ref_y)
            if xy[0] < x:
                lo = mid + 1
            else:
                hi = mid
        return lo - s


def _without_duplicates(segs: list[Seg]) -> list[Seg]:
    """Drop text drawn twice at the same spot (fake bold, overprinted headers): it is one text."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Seg] = []
    for s in segs:
        key = (s.text, round(s.x0), round(s.base))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of pdfium's lines; a U+FFFE hyphen also ends a line (pdfium joined the next one on)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    hyphenated = _PDFIUM_HYPHEN in text
    for line in text.split("\r\n"):
        end = pos + len(line)
        if hyphenated and _PDFIUM_HYPHEN in line:
            start = pos
            k = text.find(_PDFIUM_HYPHEN, start, end)
            while k != -1:
                spans.append((start, k + 1))
                start = k + 1
                k = text.find(_PDFIUM_HYPHEN, start, end)
            spans.append((start, end))
        else:
            spans.append((pos, end))
        pos = end + 2
    return spans


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """Sorted (start, end) of digit runs that could be footnote marks: after a word, a closing
    punctuation mark or a space ("gezocht14", "zorg.3", "teams 17" where pdfium spaced the mark off),
    or opening a line (a footnote's own number). Runs after "(", "-", "/", "€" are plain numbers."""
    positions: list[int] = []
    for digit in "0123456789":
        k = text.find(digit)
        while k != -1:
            positions.append(k)
            k = text.find(digit, k + 1)
    if not positions:
        return []
    positions.sort()
    runs: list[tuple[int, int]] = []
    start = prev = positions[0]
    for p in itertools.islice(positions, 1, None):
        if p != prev + 1:
            runs.append((start, prev + 1))
            start = p
        prev = p
    runs.append((start, prev + 1))
    return [(a, z) for a, z in runs if a == 0 or text[a - 1].isalpha() or text[a - 1] in _MARK_FOLLOWS]


def _has_raised(rects: list[tuple[float, float, float, float]], height: float, limit: float) -> bool:
    """Does a text object of the line sit above its baseline (y-down bottom above `limit`)?

    A superscript is always a text object of its own (a size or rise change starts one), so lines
    without a raised object need no per-character probing at all.
    """
    return len(rects) > 1 and any(height - r[3] < limit for r in rects)


def _make_seg(
    piece: str,
    marks: list[tuple[int, int, int]],
    rects: list[tuple[float, float, float, float]],
    style: _Style,
    row: int,
    odd: bool,
) -> Seg:
    """Build a segment: take the marks out of the text (kept as refs) and normalise its spacing."""
    refs: list[tuple[int, int]] = []
    lead_mark: int | None = None
    raw = piece
    if marks:
        parts: list[str] = []
        pos = 0
        length = 0
        for off, number, width in marks:
            chunk = piece[pos:off]
            parts.append(chunk)
            length += len(chunk)
            if lead_mark is None and not refs and not "".join(parts).strip():
                lead_mark = number  # the line opens with a mark: a footnote's own number
            else:
                refs.append((length, number))
                after = off + width
                if chunk[-1:].isalnum() and piece[after : after + 1].isalnum():
                    parts.append(" ")  # a mark never sits inside a word: "gezocht¹en" is two words
                    length += 1
            pos = off + width
        parts.append(piece[pos:])
        raw = "".join(parts)
        odd = True  # taking a mark out can leave a double space behind
    text = raw.strip() if not odd else ""
    if odd:
        text, refs = _normalise(raw, refs)
    x0, x1 = min(map(_LEFT, rects)), max(map(_RIGHT, rects))
    return Seg(text, x0, x1, style[1], style[0], style[2], style[3], row, refs, lead_mark)


def _normalise(raw: str, refs: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Collapse whitespace, expand ligatures, drop soft hyphens; carry the ref offsets along."""
    if refs:
        # Sentinels keep the mark positions through the normalisation.
        parts: list[str] = []
        pos = 0
        for off, _ in refs:
            parts += [raw[pos:off], _SENTINEL]
            pos = off
        parts.append(raw[pos:])
        raw = "".join(parts)
    text = _SPACES.sub(" ", raw.translate(_LIGATURES).replace("\u00ad", "")).strip()
    if not refs:
        return text, refs
    text = _SENTINEL_SPACE.sub(r"\1 ", text)
    chunks = text.split(_SENTINEL)
    joined = "".join(chunks)
    lead = len(joined) - len(joined.lstrip())
    joined = joined.strip()
    out: list[tuple[int, int]] = []
    pos = 0
    for chunk, (_, number) in zip(chunks, refs, strict=False):
        pos += len(chunk)
        out.append((min(max(pos - lead, 0), len(joined)), number))
    return joined, out
