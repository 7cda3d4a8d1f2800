"""Text extracted from PDFs: hard line breaks, hyphenation, running footers, glued footnote numbers.

The text has no layout left, so the decisions are made from the lines themselves:
1. furniture: lines that repeat with only their digits changing (running headers and footers),
   bare page numbers, link-annotation URLs, the letter's return address;
2. footnotes: "N text" lines whose number N stands glued to a word shortly before them;
3. paragraphs: lines are joined unless a new block clearly starts (a list marker, a heading, or a
   sentence end on a short line followed by a capital); text interrupted by furniture or a footnote
   at a page bottom continues when it did not end a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extractors.readers.dehyphenate import Vocabulary, join_lines
from extractors.readers.text_blocks import (
    AGREEMENT_CODE_RE,
    bullet_marker,
    clean_spaces,
    has_glued_mark,
    heading_level,
    list_marker,
    looks_like_heading,
    make_block,
    number_marker,
    unglue_marks,
)
from extractors.readers.text_finish import Signature, finish
from schemas import Block, BlockKind, Document, DocumentMeta, SourceFormat

_FOOTNOTE = r"^\s?(\d{1,3}) (?=\S)(.{3,})$"
_FOOTNOTE_LINE = re.compile(_FOOTNOTE)
# The same over "\n" + the lines joined, each match starting at the "\n" before its line: a pattern that
# starts with a literal is only tried where that character stands (a multiline "^" is tried everywhere).
_FOOTNOTE_LINE_NL = re.compile(r"\n[^\S\n]?(\d{1,3}) (?=\S)([^\n]{3,})(?=\n|\Z)")
_URL_LINE = r"^\s*(?:https?://|www\.)\S+\s*$"
_PAGE_NUMBER = r"^\s*(?:\d{1,4}|Pagina \d+ van \d+|- ?\d+ ?-)\s*$"
# "Bijlage: Stand van zaken actielijnen | 13": a running footer with its page number, even seen once.
_FOOTER_WITH_PAGE = re.compile(r"^\s*\S.{2,80}\s[|–-]\s*\d{1,4}\s*$")
_RETURN_ADDRESS = r"^\s*>\s*Retouradres\b"
# Furniture by its own shape: a page number, a link-annotation URL, the return address.
_SINGLE_LINE_FURNITURE = re.compile(f"{_PAGE_NUMBER}|{_URL_LINE}|{_RETURN_ADDRESS}")
# A stripped line matches those only when it starts with a digit or one of these; a footer with its
# page number ends in a digit.
_SHAPE_INITIALS = frozenset("P-hw>")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = (".", "!", "?", ":", ";", "”", "’", '"')
# A running header/footer repeats at least this often (with only its digits changing).
MIN_REPEATS = 3
# Running headers/footers are short; body lines that repeat verbatim are usually longer.
MAX_FURNITURE_CHARS = 90
# A footnote's mark stands in the body at most this many lines before the footnote itself.
FOOTNOTE_MARK_WINDOW = 160
# A line shorter than this share of the usual full line ends its paragraph when it ends a sentence.
SHORT_LINE_SHARE = 0.8
# A lead-in or label line ("Wie gaat wat doen:", "Wat is de afspraak?") is short and opens a block.
MAX_LABEL_CHARS = 60


@dataclass
class _Pending:
    kind: BlockKind
    lines: list[str] = field(default_factory=list)
    marker: str | None = None
    level: int | None = None


def _furniture_lines(lines: list[str], stripped: list[str]) -> set[int]:
    """Indexes of furniture lines; `stripped` holds the same lines stripped.

    Only candidates are judged: lines whose key repeats, and lines that start or end as the
    single-line furniture does. `_is_furniture` is the whole test, so a candidate too
    many changes nothing; none is missed, because each pattern needs what makes a line a candidate.
    """
    # One substitution over all lines at once (\d never matches the "\n"): a third cheaper than one per line.
    keys = _DIGITS.sub("#", "\n".join(stripped)).split("\n")
    counts = Counter(keys)  # (the blank lines' key "" is counted too, and never asked about)
    repeating = {key for key, n in counts.items() if n >= MIN_REPEATS and key}
    candidates = {i for i, key in enumerate(keys) if key in repeating}
    # (A comprehension: a multiline regex scan tries every position of the text, five times slower.)
    candidates.update(
        i
        for i, s in enumerate(stripped)
        if s and (s[0] in _SHAPE_INITIALS or s[0].isdigit() or s[-1].isdigit())
    )
    return {i for i in candidates if _is_furniture(lines[i], stripped[i], keys[i], counts)}


def _is_furniture(line: str, s: str, key: str, counts: Counter[str]) -> bool:
    """Whether a line (`s` stripped, `key` its digits masked) is furniture."""
    if not s:
        return False
    repeated = (
        counts[key] >= MIN_REPEATS
        and len(s) <= MAX_FURNITURE_CHARS
        and ("#" in key or "|" in s)
        and not bullet_marker(line)
        and not _FOOTNOTE_LINE.match(line)  # citation footnotes differ only in their numbers too
    )
    # (s is stripped: a footer with its page number ends in a digit, and only a line that does is
    # tried against that pattern, whose ".{2,80}" backtracks through the whole line.)
    return bool(
        repeated or _SINGLE_LINE_FURNITURE.match(s) or (s[-1].isdigit() and _FOOTER_WITH_PAGE.match(s))
    )


def _footnote_lines(lines: list[str], stripped: list[str], furniture: set[int]) -> dict[int, int]:
    """Line index -> footnote number for lines that start a footnote."""
    found: dict[int, int] = {}
    last_number = 0
    # The few lines shaped like a footnote are found in one scan of the text (the pattern never
    # crosses a line end, and ^ and $ stand at each line's ends), not one match per line.
    joined = "\n" + "\n".join(lines)
    i = pos = 0
    for m in _FOOTNOTE_LINE_NL.finditer(joined):
        i += joined.count(
            "\n", pos, m.start()
        )  # the line whose "\n" the match starts at (i newlines before it)
        pos = m.start()
        if i in furniture:
            continue
        line = lines[i]
        n = int(m.group(1))
        if n == 0 or number_marker(line) or (n <= last_number and n != 1):
            continue
        prev = next((lines[j] for j in range(i - 1, -1, -1) if stripped[j] and j not in furniture), "")
        if prev.endswith(("-", ",")) and not _FOOTNOTE_LINE.match(prev):
            continue  # a sentence running on: "in\n5 tot 10 regio's"
        # A mark never spans a line, and a line end judges a mark as the end of the text does: the
        # window searched as one text answers as its lines one by one.
        if has_glued_mark("\n".join(lines[max(0, i - FOOTNOTE_MARK_WINDOW) : i]), n):
            found[i] = n
            last_number = n
    return found


def parse(text: str) -> Document:
    lines = [ln.rstrip() for ln in text.split("\n")]
    stripped = [ln.lstrip() for ln in lines]
    vocab = Vocabulary(text)
    furniture = _furniture_lines(lines, stripped)
    footnote_starts = _footnote_lines(lines, stripped, furniture)
    width = _usual_width(lines, stripped)

    # Blocks are built once their marks are unglued: (kind, cleaned text, marker, level) until then.
    pieces: list[tuple[BlockKind, str, str | None, int | None]] = []
    footnotes: list[Block] = []
    pending: _Pending | None = None
    signature = Signature()
    blank_run = 0
    i = 0

    def flush() -> None:
        nonlocal pending
        if pending and pending.lines:
            joined = clean_spaces(join_lines(pending.lines, vocab))
            pieces.append((pending.kind, joined, pending.marker, pending.level))
        pending = None

    while i < len(lines):
        line = lines[i]
        s = stripped[i]
        if not s:
            blank_run += 1
            i += 1
            continue
        if i in furniture:
            pieces.append((BlockKind.furniture, clean_spaces(s), None, None))
            i += 1
            continue  # a running footer never ends a paragraph by itself
        if i in footnote_starts:
            number = footnote_starts[i]
            body = [_FOOTNOTE_LINE.match(line).group(2)]  # type: ignore[union-attr]
            i += 1
            while i < len(lines) and stripped[i] and i not in furniture and i not in footnote_starts:
                nxt = stripped[i]
                # Exports start each page's first line with one space: a page break ends the footnote.
                page_start = lines[i].startswith(" ") and not lines[i].startswith("  ")
                if (
                    page_start
                    or AGREEMENT_CODE_RE.match(nxt)
                    or (body[-1].rstrip().endswith((".", "!", "?")) and nxt[:1].isupper())
                ):
                    break  # the body text resumes right under the footnote
                body.append(lines[i])
                i += 1
            footnotes.append(make_block(BlockKind.footnote, join_lines(body, vocab), number=number))
            continue

        gap = blank_run
        blank_run = 0
        prev_line = pending.lines[-1] if pending and pending.lines else ""
        marked = list_marker(line)
        if marked:
            flush()
            marker, rest = marked
            pending = _Pending(BlockKind.list_item, [rest], marker=marker, level=0)
        elif AGREEMENT_CODE_RE.match(s):
            flush()
            pending = _Pending(BlockKind.heading, [s], level=3)
        elif pending is None:
            pending = _Pending(BlockKind.paragraph, [s])
        elif pending.kind == BlockKind.heading:
            if s[:1].islower() and pending.level == 3:
                pending.lines.append(s)  # an agreement title broken over lines
            else:
                flush()
                pending = _Pending(BlockKind.paragraph, [s])
        elif _starts_new_block(prev_line, s, gap, width) or (
            prev_line.rstrip().endswith(_SENTENCE_END)
            and looks_like_heading(s)
            and len(s) < width * SHORT_LINE_SHARE
            and _next_starts_anew(lines, stripped, i + 1, furniture, footnote_starts)
        ):
            flush()
            pending = _Pending(BlockKind.paragraph, [s])
        else:
            pending.lines.append(s)

        # A short title-like line between blocks is a heading when what follows starts anew.
        if (
            pending is not None
            and pending.kind == BlockKind.paragraph
            and len(pending.lines) == 1
            and not signature.active
            and looks_like_heading(s)
            and len(s) < width * SHORT_LINE_SHARE
            and _next_starts_anew(lines, stripped, i + 1, furniture, footnote_starts)
        ):
            pending.kind = BlockKind.heading
            pending.level = heading_level(s)
            flush()
        signature.step(s)
        i += 1
    flush()

    numbers = [f.number for f in footnotes if f.number is not None]
    return finish(DocumentMeta(format=SourceFormat.txt), _build_blocks(pieces, numbers) + footnotes)


def _build_blocks(
    pieces: list[tuple[BlockKind, str, str | None, int | None]], numbers: list[int]
) -> list[Block]:
    """Blocks of the pieces, the footnote marks unglued from the content's text (not the furniture's)."""
    texts = [text for kind, text, _, _ in pieces if kind != BlockKind.furniture]
    unglued = iter(unglue_marks(texts, numbers))
    blocks: list[Block] = []
    for kind, text, marker, level in pieces:
        if kind == BlockKind.furniture:
            blocks.append(Block(kind=kind, text=text))
        else:
            clean, refs = next(unglued)
            blocks.append(Block(kind=kind, text=clean, marker=marker, level=level, footnote_refs=refs))
    return blocks


def _usual_width(lines: list[str], stripped: list[str]) -> int:
    lengths = sorted([len(ln) for ln, s in zip(lines, stripped, strict=True) if len(s) > 20])
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _starts_new_block(prev: str, line: str, gap: int, width: int) -> bool:
    if not prev.rstrip().endswith(_SENTENCE_END):
        return False  # the sentence runs on, across blank lines, footers and footnotes
    starts_anew = line[:1].isupper() or line[:1].isdigit() or line[:1] in "‘“\"'(["
    if not starts_anew:
        return False
    is_label = len(line) <= MAX_LABEL_CHARS and line.rstrip().endswith((":", "?"))
    return is_label or len(prev) < width * SHORT_LINE_SHARE or gap >= 2


def _next_starts_anew(
    lines: list[str], stripped: list[str], j: int, furniture: set[int], footnotes: dict[int, int]
) -> bool:
    for k in range(j, min(len(lines), j + 8)):
        s = stripped[k]
        if not s or k in furniture or k in footnotes:
            continue
        return s[:1].isupper() or s[:1].isdigit() or bool(bullet_marker(lines[k])) or s[:1] in "‘“\"'(["
    return False


__all__ = ["clean_spaces", "parse"]
