"""References in Dutch parliamentary documents: Kamerstukken, moties, toezeggingen, documents.

`normalise_kamerstuk` turns any citation spelling into a stable id (`kst-36600-XVI-74`,
`ah-tk-2025-2026-399`). `find_references` finds every citation, named motie, toezegging id and
document number in a Document (footnotes included), links each motie to the Kamerstuk that its
footnote or sentence cites, and reads the status the letter gives it (`afgedaan`,
`in_uitvoering`). The semantics and scope rules are documented in docs/references.md; the regexes
live in reference_patterns.py and the cue phrases in data/references.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from extractors import reference_patterns as rp
from extractors.cues import lowered
from schemas import Block, BlockKind, Document, FootnoteRef
from schemas.facts import Reference, RefKind

AFGEDAAN = "afgedaan"
IN_UITVOERING = "in_uitvoering"
# When one motie gets several statuses in a letter, the strongest wins: a motie that is being carried
# out and is later declared done is done.
_STATUS_RANK = {None: 0, IN_UITVOERING: 1, AFGEDAAN: 2}

# A footnote number the reader left glued to a name: "Claassen14 die verzoekt".
_GLUED_NUMBER_RE = re.compile(r"(\d{1,3})(?![\d\w])")
# An anaphor ("deze moties") looks back to the previous heading, but never further than this many
# blocks of running text: where a reader found no headings (PDF exports), a section would otherwise
# run back into unrelated parts of a bundle. The longest section with moties in the reference corpus
# (bijlage cluster 3) spans 8 blocks; letters rarely have sections of more than 15 paragraphs.
_SECTION_REACH = 20
# A status sentence matters only when it names or refers to a motie or toezegging, in its text or (for
# a motie named in a footnote) through a footnote mark; other blocks are not read for status.
# Written as "(?i)motie|toezegging" with the first letter taken as a class and checked behind it:
# one class test per position instead of two alternatives (a third faster on the corpus).
_MAY_HAVE_STATUS_RE = re.compile(r"(?i)[mt](?:(?<=m)otie|(?<=t)oezegging)")


# ---------------------------------------------------------------------------------------------------
# Citations
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One citation found in a piece of text: its span, the id it normalises to, and its kind."""

    start: int
    end: int
    target: str
    kind: str  # kst, ah (Aanhangsel Handelingen), h (Handelingen)

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


def _compact(dossier: str) -> str:
    return re.sub(r"\D", "", dossier)


def _vergaderjaar(y1: str, y2: str) -> str | None:
    """2025/26 -> 2025-2026; None when the two years are not consecutive (not a vergaderjaar)."""
    start = int(y1)
    end = int(y2) if len(y2) == 4 else (start // 100) * 100 + int(y2)
    if end != start + 1:
        return None
    return f"{start}-{end}"


def _kst_id(dossier: str, suffix: str | None, nr: str) -> str:
    dossier_id = _compact(dossier)
    if suffix:
        dossier_id += f"-{suffix.upper()}"
    return f"kst-{dossier_id}-{nr}"


def _suffix(m: re.Match[str]) -> str | None:
    return m.group("roman") or m.group("letter") or m.group("sub")


def _chamber(code: str | None, house: str | None = None) -> str:
    """The house a Handelingen citation belongs to; the Tweede Kamer unless the text says otherwise."""
    if code in ("I", "EK") or (house and house.lower() == "eerste"):
        return "ek"
    return "tk"


def find_citations(text: str) -> list[Citation]:
    """Every Kamerstuk, Aanhangsel and Handelingen citation in `text`, in text order.

    A citation of several numbers ("nrs. 136 en 137") yields one Citation per number, all with the
    span of the whole citation.
    """
    found: list[Citation] = []
    if not rp.CITATION_HINT_RE.search(text):
        return found
    for m in rp.AANHANGSEL_RE.finditer(text):
        years = _vergaderjaar(m["y1"], m["y2"]) if m["y1"] else None
        years = years or (_vergaderjaar(m["y3"], m["y4"]) if m["y3"] else None)
        if years is None:
            continue  # an Aanhangsel number is only unique within its vergaderjaar
        target = f"ah-{_chamber(m['chamber'], m['house'])}-{years}-{m['nr']}"
        found.append(Citation(m.start(), m.end(), target, "ah"))
    for m in rp.HANDELINGEN_RE.finditer(text):
        years = _vergaderjaar(m["y1"], m["y2"])
        if years is None:
            continue
        target = f"h-{_chamber(m['chamber'])}-{years}-{m['nr']}" + (f"-{m['item']}" if m["item"] else "")
        found.append(Citation(m.start(), m.end(), target, "h"))
    for m in [*rp.KST_ID_RE.finditer(text), *rp.DOSSIER_ID_RE.finditer(text)]:
        found.append(Citation(m.start(), m.end(), _kst_id(m["dossier"], m["roman"], m["nr"]), "kst"))
    for m in rp.KAMERSTUK_EK_RE.finditer(text):
        found.append(Citation(m.start(), m.end(), _kst_id(m["dossier"], _suffix(m), m["nr"]), "kst"))
    for m in rp.KAMERSTUK_RE.finditer(text):
        if m["prefix"] and m["y1"] and _vergaderjaar(m["y1"], m["y2"]) is None:
            continue
        numbers = [m["nr"], *re.findall(r"\d+", m["more"] or "")]
        for nr in numbers:
            found.append(Citation(m.start(), m.end(), _kst_id(m["dossier"], _suffix(m), nr), "kst"))
    return _without_overlaps(found)


def _without_overlaps(found: list[Citation]) -> list[Citation]:
    """Keep the leftmost-longest citation where patterns overlap ("Aanhangsel Handelingen ..." holds
    "Handelingen ..."); citations sharing one span (several numbers) are kept together."""
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Citation] = []
    for c in found:
        if kept and c.start < kept[-1].end and (c.start, c.end) != (kept[-1].start, kept[-1].end):
            continue
        if c in kept:
            continue
        kept.append(c)
    return kept


def normalise_kamerstuk(surface: str) -> str | None:
    """The id of the first Kamerstuk (or Handelingen) citation in `surface`, or None.

    >>> normalise_kamerstuk("Kamerstukken II 2024/25, 36 600 XVI, nr. 61")
    'kst-36600-XVI-61'
    >>> normalise_kamerstuk("Aanhangsel Handelingen II 2025/26, nr. 399")
    'ah-tk-2025-2026-399'
    """
    citations = find_citations(surface)
    return citations[0].target if citations else None


# ---------------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------------


def _is_abbreviation(text: str, period: int) -> bool:
    """Whether the period at `period` ends an abbreviation or an initial rather than a sentence."""
    start = period
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(":
        start -= 1
    word = text[start:period].lower().rstrip(".")
    if not word:
        return False
    if word in rp.abbreviations():
        return True
    # Initials ("J.F. Pouw-Verweij") and single letters.
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", word)) and len(word.replace(".", "")) <= 3


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) of a block's text; `end` is just after the closing punctuation.

    Dutch-aware about abbreviations ("nr.", "c.s.", "o.a.", "jl.") and initials, so a citation or a
    motie's name never straddles two sentences.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in rp.SENTENCE_END_RE.finditer(text):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


@dataclass
class _Sentence:
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def holds(self, offset: int) -> bool:
        return self.start <= offset < self.end

    def holds_mark(self, offset: int) -> bool:
        """Footnote marks sit after the character they follow: "afgedaan.5" marks at the end."""
        return self.start < offset <= self.end


# ---------------------------------------------------------------------------------------------------
# Moties
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Motie:
    block: Block
    start: int
    end: int
    surface: str
    surnames: tuple[str, ...]
    co_signed: bool
    target: str | None = None
    link_footnote: int | None = None

    @property
    def identity(self) -> tuple[str, str]:
        """What makes two mentions the same motie: the cited Kamerstuk, else the names as written."""
        if self.target:
            return ("target", self.target)
        return ("name", "+".join(self.surnames) + ("+cs" if self.co_signed else ""))


def _surnames(names: str) -> tuple[str, ...]:
    """The last word of each name, lower case: "Van der Plas" -> "plas", "Thiadens en Eerdmans" -> both."""
    keys = []
    for part in rp.name_splitter().split(names):
        words = rp.surname_re().findall(part)
        if words:
            keys.append(words[-1].lower())
    return tuple(keys)


def _find_moties(block: Block) -> list[_Motie]:
    moties = []
    for m in rp.motie_re().finditer(block.text):
        moties.append(
            _Motie(
                block=block,
                start=m.start(),
                end=m.end(),
                surface=m.group(0),
                surnames=_surnames(m["names"]),
                co_signed=bool(m["cs"]),
            )
        )
    return moties


@dataclass
class _BlockFacts:
    block: Block
    citations: list[Citation]
    moties: list[_Motie]
    toezeggingen: list[tuple[int, int]]
    digits: bool = True  # whether the text has a digit (document numbers need one)
    may_have_status: bool = True  # whether the text names a motie or toezegging (see _MAY_HAVE_STATUS_RE)

    @cached_property
    def sentences(self) -> list[_Sentence]:
        # Only blocks that name or discuss something are split (most blocks of a long bundle are not).
        return [_Sentence(self.block, s, e) for s, e in sentence_spans(self.block.text)]

    def sentence_at(self, offset: int) -> _Sentence:
        for s in self.sentences:
            if s.holds(offset):
                return s
        return self.sentences[-1]


class _Footnotes:
    """Finds the footnote a mark points to.

    Numbers are unique in one letter, but a bundle (letter, agreement, annexes) restarts them per part.
    When a number has as many marks in the running text as footnote blocks, the k-th mark points to
    the k-th footnote (true whether a reader keeps footnotes below their page or collects them at the
    end). Otherwise the footnote is the nearest block with that number after the mark, else the last
    one before it.
    """

    def __init__(self, doc: Document) -> None:
        self.by_number: dict[int, list[int]] = {}
        places: dict[int, list[tuple[int, int]]] = {}
        self.marks: list[tuple[int, int, int]] = []  # (block, offset, number) in text order
        for b in doc.blocks:
            if b.kind == BlockKind.footnote:
                if b.number is not None:
                    self.by_number.setdefault(b.number, []).append(b.index)
                continue
            if b.kind == BlockKind.furniture or not b.footnote_refs:
                continue
            for r in sorted(b.footnote_refs, key=lambda r: r.offset):
                places.setdefault(r.number, []).append((b.index, r.offset))
                self.marks.append((b.index, r.offset, r.number))
        self.paired: dict[tuple[int, int, int], int] = {}
        for number, where in places.items():
            blocks = self.by_number.get(number, [])
            if len(blocks) == len(where):
                for (block, offset), footnote in zip(where, blocks, strict=True):
                    self.paired[(number, block, offset)] = footnote

    def block_index(self, number: int, from_block: int, offset: int | None = None) -> int | None:
        paired = self.paired.get((number, from_block, offset)) if offset is not None else None
        if paired is not None:
            return paired
        candidates = self.by_number.get(number)
        if not candidates:
            return None
        after = [i for i in candidates if i > from_block]
        return after[0] if after else candidates[-1]

    def glued_block(self, number: int, block: int, offset: int) -> int | None:
        """The footnote of a number the reader left glued to a word ("Claassen14"), placed by the
        numbering around it: it must continue the series of the mark before it (a higher number) and
        its footnote must come after that mark's footnote and before the next mark's."""
        i = bisect.bisect_left(self.marks, (block, offset, -1))
        prev = self.marks[i - 1] if i > 0 else None
        nxt = self.marks[i] if i < len(self.marks) else None
        candidates = self.by_number.get(number, [])
        if prev is None:
            return candidates[0] if len(candidates) == 1 else None
        if prev[2] >= number:
            return None
        low = self.block_index(prev[2], prev[0], prev[1])
        high = self.block_index(nxt[2], nxt[0], nxt[1]) if nxt is not None and nxt[2] > number else None
        if low is None:
            return None
        for index in candidates:
            if index > low and (high is None or index < high):
                return index
        return None


class _Linker:
    """Links each motie to the Kamerstuk it is cited by, and never guesses.

    Order of evidence: a footnote mark right after the name; a citation right after the name
    ("Motie Krul (Kamerstukken ...)"); the first footnote mark or citation later in the same sentence
    (before the next motie); inside a footnote, the footnote's only citation.
    """

    def __init__(self, facts: dict[int, _BlockFacts], footnotes: _Footnotes) -> None:
        self.facts = facts
        self.footnotes = footnotes
        self.glued: dict[tuple[int, int, int], int] = {}  # (number, block, offset) -> footnote block

    def footnote_facts(self, ref: FootnoteRef, from_block: int) -> _BlockFacts | None:
        if (ref.number, from_block, ref.offset) in self.glued:
            index = self.glued[(ref.number, from_block, ref.offset)]
        else:
            index = self.footnotes.block_index(ref.number, from_block, ref.offset)
        return self.facts.get(index) if index is not None else None

    def marks(self, bf: _BlockFacts) -> list[FootnoteRef]:
        """The block's footnote marks, plus numbers the reader left glued to a motie's name
        ("motie Claassen14") when a footnote with that number exists."""
        marks = list(bf.block.footnote_refs)
        known = {r.offset for r in marks}
        for motie in bf.moties:
            glued = _GLUED_NUMBER_RE.match(bf.block.text, motie.end)
            if glued and motie.end not in known and bf.block.kind != BlockKind.footnote:
                number = int(glued.group(1))
                index = self.footnotes.glued_block(number, bf.block.index, motie.end)
                if index is not None:
                    self.glued[(number, bf.block.index, motie.end)] = index
                    marks.append(FootnoteRef(number=number, offset=motie.end))
        return sorted(marks, key=lambda r: r.offset)

    def link_all(self) -> None:
        # Moties inside footnotes first: a motie in running text may be resolved through the same-named
        # motie its footnote cites ("Motie Slagt-Tichelman (...) en Motie Krul (...)").
        ordered = sorted(self.facts.values(), key=lambda f: f.block.kind != BlockKind.footnote)
        for bf in ordered:
            for i, motie in enumerate(bf.moties):
                self._link(bf, motie, bf.moties[i + 1 :])

    def _link(self, bf: _BlockFacts, motie: _Motie, later: list[_Motie]) -> None:
        sentence = bf.sentence_at(motie.start)
        limit = sentence.end
        for other in later:
            if sentence.holds(other.start):
                limit = other.start
                break
        in_footnote = bf.block.number if bf.block.kind == BlockKind.footnote else None
        marks = [r for r in self.marks(bf) if motie.end <= r.offset and sentence.holds_mark(r.offset)]
        # Evidence between the name and the next motie of the sentence, in text order (a mark before a
        # citation at the same place): what stands right after the name comes first by construction.
        evidence: list[tuple[int, FootnoteRef | Citation]] = [
            (r.offset, r) for r in marks if r.offset <= limit
        ]
        evidence += [(c.start, c) for c in bf.citations if c.kind == "kst" and motie.end <= c.start < limit]
        evidence.sort(key=lambda e: (e[0], isinstance(e[1], Citation)))
        for _, item in evidence:
            if isinstance(item, Citation):
                motie.target, motie.link_footnote = item.target, in_footnote
                return
            target = self._from_footnote(item, motie, bf, shared=False)
            if target:
                motie.target, motie.link_footnote = target, item.number
                return
        # "de motie van het lid A en de motie van het lid B3": a footnote after the next motie serves
        # this one only when it cites one Kamerstuk per motie of the sentence.
        for r in marks:
            if r.offset > limit:
                target = self._from_footnote(r, motie, bf, shared=True)
                if target:
                    motie.target, motie.link_footnote = target, r.number
                    return
        if in_footnote is not None:
            # "Kamerstukken 36 600-XVI nr. 74: Motie van het lid Joseph over ...": the footnote's only
            # citation, written before the name, is the motie's.
            kst = [c for c in bf.citations if c.kind == "kst"]
            if len(kst) == 1 and kst[0].end <= motie.start and len(bf.moties) == 1:
                motie.target, motie.link_footnote = kst[0].target, in_footnote

    def _from_footnote(
        self, ref: FootnoteRef, motie: _Motie, origin: _BlockFacts, shared: bool
    ) -> str | None:
        """The Kamerstuk a footnote cites for this motie, if the footnote says which one."""
        ff = self.footnote_facts(ref, origin.block.index)
        if ff is None or ff is origin:
            return None
        targets = list(dict.fromkeys(c.target for c in ff.citations if c.kind == "kst"))
        if not targets:
            return None
        # The footnote names moties itself ("Motie Slagt-Tichelman (...) en Motie Krul (...)"): take
        # the one with this motie's name.
        same = {m.target for m in ff.moties if m.target and m.surnames[:1] == motie.surnames[:1]}
        if len(same) == 1:
            return same.pop()
        if len(targets) == 1 and not shared:
            return targets[0]
        # Several citations: pair them in order with the moties of the citing sentence ("de moties A
        # en B3" with "Kamerstukken 29 389, nrs. 136 en 137").
        sentence = origin.sentence_at(motie.start)
        sharing = [m for m in origin.moties if sentence.holds(m.start)]
        if len(targets) > 1 and len(sharing) == len(targets) and motie in sharing:
            return targets[sharing.index(motie)]
        return None


# ---------------------------------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------------------------------


def _clause_start(text: str, pos: int) -> int:
    cut = max(text.rfind(",", 0, pos), text.rfind(";", 0, pos), text.rfind(":", 0, pos))
    return cut + 1


def _reported_request(sentence: str, cue: int) -> bool:
    """Whether a cue belongs to the motie's own request ("De motie verzoekt de regering uitvoering te
    geven aan ..."): a request word before it, and no word of the letter's own voice ("ik", "hiermee")
    between the two ("De motie X, die verzoekt om Y, beschouw ik hiermee als afgedaan" keeps its cue)."""
    requests = [m.end() for r in rp.request_res() for m in r.finditer(sentence, 0, cue)]
    if not requests:
        return False
    between = sentence[max(requests) : cue]
    return not any(v.search(between) for v in rp.speaker_res())


def _cues(sentence: str) -> list[tuple[int, str]]:
    """(position, status) of every status cue in a sentence, without negated or reported ones."""
    found = []
    stripped = sentence.rstrip()
    for status, patterns in rp.status_cues().items():
        for pat in patterns:
            for m in pat.finditer(stripped):
                clause = stripped[_clause_start(stripped, m.start()) : m.start()]
                if any(n.search(clause) for n in rp.negation_res()):
                    continue
                if _reported_request(stripped, m.start()):
                    continue
                found.append((m.start(), status))
    return sorted(found)


def _matches(patterns: Iterable[re.Pattern[str]], text: str) -> list[re.Match[str]]:
    return [m for p in patterns for m in p.finditer(text)]


@dataclass
class _Occurrence:
    """A motie or toezegging discussed at some point of the text (the antecedents of anaphora)."""

    offset: int
    key: tuple[str, str]


def _tz_key(text: str, span: tuple[int, int]) -> tuple[str, str]:
    return ("toezegging", text[span[0] : span[1]])


class _StatusReader:
    """Reads the status sentences of a document and gives each motie and toezegging its status.

    A sentence with a status cue gives that status to the moties it names (each takes the nearest
    cue), to the toezeggingen it cites when it speaks of a "toezegging", and through an anaphor to
    what the section discussed before it: "deze motie" to the last motie, "deze moties" to all of
    them. A section runs from the previous heading; a footnote is a section of its own.
    """

    def __init__(self, doc: Document, facts: dict[int, _BlockFacts], linker: _Linker) -> None:
        self.doc = doc
        self.facts = facts
        self.linker = linker
        self.statuses: dict[tuple[str, str], str] = {}
        self.last_status: dict[int, str] = {}  # block index -> status of its last status sentence

    def give(self, key: tuple[str, str], status: str | None) -> None:
        if status and _STATUS_RANK[status] > _STATUS_RANK[self.statuses.get(key)]:
            self.statuses[key] = status

    # -- what a stretch of text discusses -----------------------------------------------------------

    def _occurrences(self, bf: _BlockFacts, upto: int, kind: str) -> list[_Occurrence]:
        """Moties (or toezeggingen) of a block before offset `upto`, with those named in the
        footnotes it marks there (placed at the mark)."""
        text = bf.block.text
        if kind == "motie":
            occ = [_Occurrence(m.start, m.identity) for m in bf.moties if m.start < upto]
        else:
            occ = [_Occurrence(span[0], _tz_key(text, span)) for span in bf.toezeggingen if span[0] < upto]
        if bf.block.kind != BlockKind.footnote:
            for ref in self.linker.marks(bf):
                ff = self.linker.footnote_facts(ref, bf.block.index) if ref.offset <= upto else None
                if ff is None:
                    continue
                if kind == "motie":
                    occ += [_Occurrence(ref.offset, m.identity) for m in ff.moties]
                else:
                    occ += [_Occurrence(ref.offset, _tz_key(ff.block.text, span)) for span in ff.toezeggingen]
        return sorted(occ, key=lambda o: o.offset)

    def _section_blocks(self, block: Block) -> list[int]:
        """Indices of the running-text blocks before `block` in its section, nearest first; the
        heading that opens the section is included (it may name the motie)."""
        if block.kind in (BlockKind.footnote, BlockKind.heading):
            return []
        found: list[int] = []
        for prev in reversed(self.doc.blocks[: block.index]):
            if len(found) >= _SECTION_REACH:
                break
            if prev.kind in (BlockKind.footnote, BlockKind.furniture) or prev.index not in self.facts:
                if prev.kind == BlockKind.heading:
                    break
                continue
            found.append(prev.index)
            if prev.kind == BlockKind.heading:
                break
        return found

    def _section_before(self, sentence: _Sentence, kind: str) -> list[_Occurrence]:
        found = self._occurrences(self.facts[sentence.block.index], sentence.start, kind)
        for index in self._section_blocks(sentence.block):
            bf = self.facts[index]
            found = self._occurrences(bf, len(bf.block.text) + 1, kind) + found
        return found

    def _previous_status(self, sentence: _Sentence) -> str | None:
        """The status of the last status sentence of this section before `sentence`."""
        for index in [sentence.block.index, *self._section_blocks(sentence.block)]:
            if index in self.last_status:
                return self.last_status[index]
        return None

    # -- reading ------------------------------------------------------------------------------------

    def read(self) -> None:
        for block in self.doc.blocks:
            bf = self.facts.get(block.index)
            if bf is None or block.kind == BlockKind.heading:
                continue
            # The cheap test first: most blocks mark no footnote and name no motie.
            if not (self._marks_named(bf) or bf.may_have_status):
                continue
            for sentence in bf.sentences:
                status = self._read_sentence(bf, sentence)
                if status:
                    self.last_status[block.index] = status

    def _named_in(self, bf: _BlockFacts, sentence: _Sentence) -> list[_Occurrence]:
        """The moties a sentence names: in its own text, or else in the footnotes it marks ("Hiermee
        geef ik invulling aan de wens van uw Kamer¹²" with the moties named in footnote 12)."""
        named = [_Occurrence(m.start, m.identity) for m in bf.moties if sentence.holds(m.start)]
        if named or bf.block.kind == BlockKind.footnote:
            return named
        for ref in self.linker.marks(bf):
            ff = self.linker.footnote_facts(ref, bf.block.index)
            if ff is not None and sentence.holds_mark(ref.offset):
                named += [_Occurrence(ref.offset, m.identity) for m in ff.moties]
        return named

    def _marks_named(self, bf: _BlockFacts) -> bool:
        """Whether the block marks a footnote that names a motie or a toezegging."""
        if bf.block.kind == BlockKind.footnote or not (bf.block.footnote_refs or bf.moties):
            return False  # no marks, and no motie name a number could be glued to
        for ref in self.linker.marks(bf):
            ff = self.linker.footnote_facts(ref, bf.block.index)
            if ff is not None and (ff.moties or ff.toezeggingen):
                return True
        return False

    def _read_sentence(self, bf: _BlockFacts, sentence: _Sentence) -> str | None:
        text = sentence.text
        named = self._named_in(bf, sentence)
        cues = _cues(text)
        if not cues:
            # "Dit geldt eveneens voor de motie X": X shares the previous status of the section.
            status = self._previous_status(sentence) if named and _matches(rp.inherit_res(), text) else None
            for m in named:
                self.give(m.key, status)
            return status
        # Each named motie takes the nearest cue: "geef ik uitvoering aan de motie X" and "Ik beschouw
        # de motie Y hiermee als afgedaan" may share a sentence.
        for m in named:
            offset = m.offset - sentence.start
            self.give(m.key, min(cues, key=lambda c: abs(c[0] - offset))[1])
        status = max((s for _, s in cues), key=lambda s: _STATUS_RANK[s])
        if re.search(r"\btoezegging", text, re.IGNORECASE):
            # "Hiermee beschouw ik deze moties, en de toezegging ... (TZ202410-166), als afgedaan."
            for span in bf.toezeggingen:
                if sentence.holds(span[0]):
                    self.give(_tz_key(bf.block.text, span), status)
            if bf.block.kind != BlockKind.footnote:
                for ref in self.linker.marks(bf):
                    ff = self.linker.footnote_facts(ref, bf.block.index)
                    if ff is not None and sentence.holds_mark(ref.offset):
                        for span in ff.toezeggingen:
                            self.give(_tz_key(ff.block.text, span), status)
        self._anaphora(bf, sentence, bool(named), status)
        return status

    def _anaphora(self, bf: _BlockFacts, sentence: _Sentence, named: bool, status: str) -> None:
        text = sentence.text
        ana = rp.anaphora_res()
        if _matches(ana["plural_motie"], text):
            for occ in self._section_before(sentence, "motie"):
                self.give(occ.key, status)
        elif not named and _matches(ana["singular_motie"], text):
            # Only without a named motie: in "de motie van het lid X" the phrase "de motie" is X.
            before = self._section_before(sentence, "motie")
            if before:
                self.give(before[-1].key, status)
        cited_here = any(sentence.holds(span[0]) for span in bf.toezeggingen)
        if _matches(ana["plural_toezegging"], text):
            for occ in self._section_before(sentence, "toezegging"):
                self.give(occ.key, status)
        elif not cited_here and _matches(ana["singular_toezegging"], text):
            before = self._section_before(sentence, "toezegging")
            if before:
                self.give(before[-1].key, status)


# ---------------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------------


def _scanned_blocks(doc: Document) -> list[Block]:
    # Furniture (running headers/footers, site navigation) repeats or frames the text; references there
    # are noise, not statements of the document.
    # (`not isspace()`: the test of `strip()` without copying the text.)
    return [b for b in doc.blocks if b.kind != BlockKind.furniture and b.text and not b.text.isspace()]


_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")  # the same as \d on ASCII text, and a quarter faster
# What CITATION_HINT_RE needs, lower-cased: "n" with "rs?", "ummer" or "o."; "k" with "st" or
# "amerstuk"; a dossier number with "-" and a Roman numeral. Substring tests on the lower-cased text
# are cheaper than the hint's scan, and nine in ten blocks with digits (dates, amounts) fail them.
_CITATION_WORDS = ("nr", "nummer", "no.", "kst", "kamerstuk", "-i", "-v", "-x")


def _has_digit(text: str) -> bool:
    return (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is not None


def _may_cite(lower: str | None) -> bool:
    """False where CITATION_HINT_RE cannot match; `lower` is `lowered(text)` (None: no shortcut)."""
    return lower is None or any(map(lower.__contains__, _CITATION_WORDS))  # map: no generator frames


def _may_have_status(text: str, lower: str | None) -> bool:
    """Whether _MAY_HAVE_STATUS_RE matches `text`, from its lower-cased text where there is one."""
    if lower is None:
        return _MAY_HAVE_STATUS_RE.search(text) is not None
    return "motie" in lower or "toezegging" in lower


def _facts(block: Block) -> _BlockFacts:
    # Each finder is skipped where its pattern cannot match: citations and toezegging ids need a
    # digit and a citation word, a named motie the letters "oti" of "[Mm]oties?", a toezegging id the
    # letters "TZ". Most blocks have none of them.
    text = block.text
    digits = _has_digit(text)
    lower = lowered(text)
    return _BlockFacts(
        block=block,
        citations=find_citations(text) if digits and _may_cite(lower) else [],
        moties=_find_moties(block) if "oti" in text else [],
        toezeggingen=[(m.start(), m.end()) for m in rp.TOEZEGGING_RE.finditer(text)] if "TZ" in text else [],
        digits=digits,
        may_have_status=_may_have_status(text, lower),
    )


def _reference(
    block: Block,
    kind: RefKind,
    start: int,
    end: int,
    target: str | None,
    status: str | None,
    footnote: int | None,
) -> Reference:
    """A Reference with its span shifted from block to document coordinates."""
    return Reference(
        kind=kind,
        target=target,
        surface=block.text[start:end],
        status=status,
        footnote=footnote,
        char_start=block.char_start + start,
        char_end=block.char_start + end,
        block=block.index,
        page=block.page,
    )


def _may_hold_document_nr(bf: _BlockFacts) -> bool:
    """A document or zaak number has digits and a "D" or a "Z" (quick tests that most blocks fail)."""
    return bf.digits and ("D" in bf.block.text or "Z" in bf.block.text)


def find_references(doc: Document) -> list[Reference]:
    """All references of a document, in text order, with spans in `doc.text`.

    - kind `kamerstuk`: every Kamerstuk, Aanhangsel or Handelingen citation (target `kst-...`,
      `ah-...`, `h-...`);
    - kind `motie`: every motie named after its submitters (target: the `kst-...` id its footnote or
      sentence cites, else None), with the status the document gives it;
    - kind `toezegging`: toezegging ids (target: the id), with their status;
    - kind `document`: Tweede Kamer document and zaak numbers (the document's own number included).

    `footnote` is the footnote a reference is written in; for a motie in the running text it is the
    footnote whose citation gave its target.
    """
    facts = {b.index: _facts(b) for b in _scanned_blocks(doc)}
    linker = _Linker(facts, _Footnotes(doc))
    linker.link_all()

    reader = _StatusReader(doc, facts, linker)
    reader.read()

    refs: list[Reference] = []
    for bf in facts.values():
        document_nrs = _may_hold_document_nr(bf)
        if not (bf.citations or bf.moties or bf.toezeggingen or document_nrs):
            continue  # most blocks
        block = bf.block
        in_footnote = block.number if block.kind == BlockKind.footnote else None
        for c in bf.citations:
            refs.append(_reference(block, RefKind.kamerstuk, c.start, c.end, c.target, None, in_footnote))
        for m in bf.moties:
            footnote = in_footnote if in_footnote is not None else m.link_footnote
            status = reader.statuses.get(m.identity)
            refs.append(_reference(block, RefKind.motie, m.start, m.end, m.target, status, footnote))
        for span in bf.toezeggingen:
            key = _tz_key(block.text, span)
            refs.append(
                _reference(block, RefKind.toezegging, *span, key[1], reader.statuses.get(key), in_footnote)
            )
        for m in rp.DOCUMENT_NR_RE.finditer(block.text) if document_nrs else ():
            refs.append(
                _reference(block, RefKind.document, m.start(), m.end(), m.group(0), None, in_footnote)
            )
    refs.sort(key=lambda r: (r.char_start, r.char_end, r.kind.value, r.target or ""))
    return refs


__all__ = [
    "AFGEDAAN",
    "IN_UITVOERING",
    "Citation",
    "find_citations",
    "find_references",
    "normalise_kamerstuk",
    "sentence_spans",
]
