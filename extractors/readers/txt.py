"""Reader for .txt files: decodes any common encoding, detects which kind of text it is, dispatches.

Three kinds of text reach us (see ../shared/corpus/README.md), each with its own noise:
- tkconv pages: a metadata header, one paragraph per line, footnotes listed as "  N. ...↩︎";
- docx-exported text: "[footnoteRef:N]" marks with the footnote text inline as "[N: ...]",
  "[bookmark: ...]" anchors, tab-led box titles, "·" bullets;
- PDF-exported text: hard line breaks, hyphenation, running footers inside paragraphs, footnote
  numbers glued to words, footnotes at page bottoms.
Anything else is read as plain text (paragraphs separated by blank lines).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

from extractors.readers.errors import ReadError
from schemas import Document

# Control characters other than tab/newline/carriage return/form feed mark binary data.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))
# More than this share of control characters means the file is not text at all.
MAX_CONTROL_RATIO = 0.01
# How much text is inspected to detect the kind (the tell-tale signs are near the top or frequent).
DETECT_HEAD_LINES = 40


def decode(path: Path, data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), else cp1252."""
    controls: int | None = None
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif len(data) > 3 and data[1::2].count(0) > len(data) // 4 and data[0::2].count(0) == 0:
        text = data.decode("utf-16-le", errors="replace")
    elif len(data) > 3 and data[0::2].count(0) > len(data) // 4 and data[1::2].count(0) == 0:
        text = data.decode("utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
            # Strict UTF-8 holds each control character as that one byte, and no other character
            # uses a byte below 0x80: counting the bytes is some ten times cheaper than a regex scan.
            controls = len(data.translate(None, _NON_CONTROL_BYTES))
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if not text.strip():
        raise ReadError(path, "no text (file holds only whitespace)")
    if controls is None:
        controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) * MAX_CONTROL_RATIO):
        raise ReadError(path, "binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes) -> str:
    """Dutch text that is not UTF-8 is nearly always Windows-1252; a guesser misreads short texts
    (Big5, cp775), so cp1252 goes first and the guesser only sees what cp1252 cannot decode."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best is not None else "latin-1", errors="replace")


def detect_kind(text: str) -> str:
    head = "\n".join(text.split("\n", DETECT_HEAD_LINES)[:DETECT_HEAD_LINES])
    if re.search(r"^Nummer: \d{4}D\d{5}, datum: \d{4}-\d\d-\d\d", head, re.M):
        return "tkconv"
    if "[footnoteRef:" in text or "[bookmark: " in text or re.search(r"^· ", text, re.M):
        return "docx-export"
    lines = list(filter(str.strip, text.split("\n")))
    if not lines:
        return "plain"
    # The counts come from sorted lengths (sorting runs in C; a generator per line does not).
    lengths = sorted(map(len, lines))
    long_paragraph_lines = len(lengths) - bisect_right(lengths, 300)
    trimmed = list(map(str.rstrip, lines))
    trimmed_lengths = sorted(map(len, trimmed))
    short_wrapped = bisect_right(trimmed_lengths, 130) - bisect_left(trimmed_lengths, 40)
    # Hard-wrapped text: nearly all lines in a narrow band, no paragraph-length lines, some hyphenation.
    return (
        "pdf-export"
        if long_paragraph_lines < len(lines) * 0.02
        and short_wrapped > len(lines) * 0.6
        and any(ln.endswith("-") and ln[-2:-1].isalpha() for ln in trimmed)
        else "plain"
    )


def read(path: Path) -> Document:
    text = decode(path, path.read_bytes())
    kind = detect_kind(text)
    if kind == "tkconv":
        from extractors.readers.txt_tkconv import parse
    elif kind == "docx-export":
        from extractors.readers.txt_docx_export import parse
    elif kind == "pdf-export":
        from extractors.readers.txt_pdf_export import parse
    else:
        from extractors.readers.txt_plain import parse
    doc = parse(text)
    doc.meta.text_kind = kind
    return doc
