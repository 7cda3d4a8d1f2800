"""A change generator for testing the diff: plant edits in an agreement document and say what the diff
must report.

Semantic edits (each returned as a `Planted` expectation): a moved deadline, a removed actor, an added,
removed, renumbered or split agreement, a changed amount and a reworded commitment. Formatting-only
edits (which must produce no change): rewrapped lines, other bullet glyphs, renumbered or moved
footnotes, other quote styles, extra whitespace and blank lines, and the same content rendered in
another format.

Two sources:
- docx-export text (the HLO onderhandelaarsakkoord, read by path from the reference corpus): the edits
  work on the text's lines, with the boxes found by their titles and part labels;
- the sample agreement's data model (corpus/make_samples.py, loaded as a module): the edits work on the
  blocks, which the sample's own renderers write as docx-export text, .docx or .pdf.

Everything here is a pure function of its inputs and a `random.Random`: the same seed gives the same
pairs, byte for byte. Nothing is written to disk; the test puts the files in a temporary folder.
"""

from __future__ import annotations

import copy
import importlib.util
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_SCRIPT = ROOT / "corpus" / "make_samples.py"

# The seed of the whole generated corpus; changing it changes every pair (and the pair ids in the
# test's list of known defects would then point at other content).
SEED = 20260501

# Semantic edit kinds, named after the ChangeKind the diff must report for them.
DEADLINE_MOVED = "deadline_moved"
ACTOR_REMOVED = "actor_removed"
AGREEMENT_ADDED = "agreement_added"
AGREEMENT_REMOVED = "agreement_removed"
RENUMBERED = "renumbered"
SPLIT = "split"
AMOUNT_CHANGED = "amount_changed"
COMMITMENT_REWORDED = "commitment_reworded"
EDIT_KINDS = (
    DEADLINE_MOVED,
    ACTOR_REMOVED,
    AGREEMENT_ADDED,
    AGREEMENT_REMOVED,
    RENUMBERED,
    SPLIT,
    AMOUNT_CHANGED,
    COMMITMENT_REWORDED,
)
FORMATS = ("txt", "docx", "pdf")


# --- expectations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """How an agreement is found in an extracted document: its printed code, else its title."""

    code: str | None
    title: str

    def __str__(self) -> str:
        return self.code or repr(self.title)


@dataclass(frozen=True)
class Planted:
    """One planted semantic edit and what the diff must report for it.

    `old`/`new` must appear in the reported old/new value (compared after folding); `edit` is the
    substitution made in the text (old fragment, new fragment): a commitment or what-text of the same
    agreement that differs by exactly that substitution is a legitimate companion of the edit.
    """

    kind: str
    ref_from: Ref | None = None
    ref_to: Ref | None = None
    old: str | None = None
    new: str | None = None
    org: str | None = None  # actor_removed: the organisation id
    parts: tuple[Ref, ...] = ()  # split: the new halves
    edit: tuple[str, str] | None = None

    def describe(self) -> str:
        where = " -> ".join(str(r) for r in (self.ref_from, self.ref_to) if r is not None)
        what = ""
        if self.org:
            what = f" org={self.org}"
        elif self.parts:
            what = " into " + ", ".join(str(p) for p in self.parts)
        elif self.old or self.new:
            what = f" {self.old!r} -> {self.new!r}"
        return f"{self.kind} [{where}]{what}"


@dataclass(frozen=True)
class Variant:
    """One generated document: a file name (its suffix selects the reader) and its bytes."""

    name: str
    data: bytes
    noise: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    pair_id: str
    source: str  # "hlo" (docx-export text) or "sample" (data model)
    old: Variant | Path  # a Path is a reference document read in place, never copied
    new: Variant
    planted: tuple[Planted, ...]
    # Text that one rendering holds and the other lacks by construction (the sample PDF prints the
    # parties on its cover; the other renderers do not): a real content difference, not noise.
    allowed_text: tuple[str, ...] = ()

    @property
    def formats(self) -> str:
        return f"{_format_of(self.old)}->{_format_of(self.new)}"

    def describe(self) -> str:
        old_noise = ", ".join(self.old.noise) if isinstance(self.old, Variant) else "original"
        planted = "; ".join(p.describe() for p in self.planted) or "formatting only"
        return (
            f"{self.pair_id} ({self.source} {self.formats}): {planted} | "
            f"noise old: {old_noise or '-'}; new: {', '.join(self.new.noise) or '-'}"
        )


def _format_of(doc: Variant | Path) -> str:
    name = doc.name
    return "pdf" if name.endswith(".pdf") else "docx" if name.endswith(".docx") else "txt"


# --- organisations (registry data: which surfaces name which organisation) --------------------------


@cache
def _org_forms() -> dict[str, str]:
    """Surface form -> organisation id, with a capitalised variant of lower-case forms."""
    from extractors.org_registry import Registry

    out: dict[str, str] = {}
    for entry in Registry.load().raw_entries():
        for form in entry.surface_forms():
            out.setdefault(form, entry.id)
            if form[:1].islower():
                out.setdefault(form[0].upper() + form[1:], entry.id)
    return out


@cache
def _org_pattern() -> re.Pattern[str]:
    forms = sorted(_org_forms(), key=len, reverse=True)
    alternation = "|".join(re.escape(f) for f in forms)
    # An optional article before, an optional abbreviation in brackets after: "de Nederlandse
    # Vereniging van Ziekenhuizen (NVZ)" is one list item.
    return re.compile(
        rf"(?:\b(?:de|het|De|Het)\s+)?(?<![\w&-])(?P<org>{alternation})(?![\w&-])(?:\s+\([^()]{{1,15}}\))?"
    )


@cache
def _org_counter(org_id: str) -> re.Pattern[str]:
    """Every form of one organisation, loosely (any case for names, glued hyphens allowed)."""
    forms = sorted({f for f, i in _org_forms().items() if i == org_id}, key=len, reverse=True)
    acronyms = [f for f in forms if f.isupper() or sum(c.isupper() for c in f) >= 2]
    names = [f for f in forms if f not in acronyms]
    parts = [rf"(?<!\w){re.escape(f)}(?!\w)" for f in acronyms]
    parts += [rf"(?i:(?<!\w){re.escape(f)}(?!\w))" for f in names]
    return re.compile("|".join(parts))


def org_occurrences(org_id: str, text: str) -> int:
    return len(_org_counter(org_id).findall(text))


# --- line-level edits (shared by both sources) ---------------------------------------------------

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTH = "|".join(MONTHS)
_YEAR = r"20[2-3]\d"
# Time expressions a timeline states, with the group that may be varied besides the year. The new
# expression keeps the old one's shape ("Q4 2025" -> "Q2 2033", "najaar van 2025" -> "voorjaar van
# 2032"), so the sentence stays grammatical.
_TIME_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("date", rf"\b(?P<d>[1-9]|[12]\d|3[01])\s+(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b"),
        ("month", rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b"),
        ("quarter", rf"\bQ(?P<q>[1-4])\s+(?:van\s+)?(?P<y>{_YEAR})\b"),
        ("nth", rf"\b(?P<n>[1-4]e|eerste|tweede|derde|vierde)\s+kwartaal\s+(?:van\s+)?(?P<y>{_YEAR})\b"),
        ("half", rf"\b(?P<h>eerste|tweede)\s+helft\s+(?:van\s+)?(?P<y>{_YEAR})\b"),
        ("season", rf"\b(?P<s>voorjaar|zomer|najaar)\s+(?:van\s+)?(?P<y>{_YEAR})\b"),
        ("part", rf"\b(?P<p>[Ee]ind|[Bb]egin|[Mm]edio)\s+(?P<y>{_YEAR})\b"),
        ("year", rf"\b(?:[Ii]n|[Vv]anaf|[Pp]er)\s+(?P<y>{_YEAR})\b"),
    )
)
_ALTERNATIVES = {
    "d": [str(d) for d in range(1, 29)],
    "m": list(MONTHS),
    "q": ["1", "2", "3", "4"],
    "n": ["eerste", "tweede", "derde", "vierde"],
    "n_short": ["1e", "2e", "3e", "4e"],
    "h": ["eerste", "tweede"],
    "s": ["voorjaar", "zomer", "najaar"],
    "p": ["eind", "begin", "medio"],
}
# New deadlines fall in these years: no document of the corpora names them, so an old and a new
# interval never overlap and a moved deadline cannot be absorbed by another one of the agreement.
NEW_YEARS = (2031, 2032, 2033, 2034, 2035)
# A year this close to a time expression makes it part of a range or an alternative ("2026 en 2027",
# "eind 2025 of begin 2026", "2025-2028"): those are left alone.
RANGE_WINDOW = 14


@dataclass(frozen=True)
class LineEdit:
    """A substitution in one line: the line's new text and the fragments as they were substituted."""

    text: str
    old: str
    new: str


def _swap_group(text: str, m: re.Match[str], rng: random.Random, year: int) -> tuple[str, str]:
    """The match with its year replaced and (sometimes) one other group varied: (old, new)."""
    start = m.start()
    pieces: list[tuple[int, int, str]] = [(m.start("y") - start, m.end("y") - start, str(year))]
    groups = [g for g in m.re.groupindex if g != "y" and m.group(g) is not None]
    if groups and rng.random() < 0.7:
        g = groups[0]
        value = m.group(g)
        key = "n_short" if g == "n" and value[0].isdigit() else g
        options = [o for o in _ALTERNATIVES[key] if o.lower() != value.lower()]
        choice = rng.choice(options)
        if value[:1].isupper():
            choice = choice[0].upper() + choice[1:]
        pieces.append((m.start(g) - start, m.end(g) - start, choice))
    old = m.group(0)
    new = old
    for a, b, value in sorted(pieces, reverse=True):
        new = new[:a] + value + new[b:]
    # "In 2025" is matched with its preposition; only the year itself is the expression.
    if m.re is _TIME_FORMS[-1][1]:
        return m.group("y"), str(year)
    return old, new


def time_candidates(line: str) -> list[re.Match[str]]:
    """Time expressions of a line that can be moved on their own (no ranges, no alternatives)."""
    taken: list[tuple[int, int]] = []
    out: list[re.Match[str]] = []
    for _, pattern in _TIME_FORMS:
        for m in pattern.finditer(line):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            window = line[max(0, m.start() - RANGE_WINDOW) : m.end() + RANGE_WINDOW]
            if len(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", window)) != 1:
                continue
            if re.search(r"contractjaar\s*$|[-–/]\s*$", line[: m.start()]):
                continue
            out.append(m)
    return sorted(out, key=lambda m: m.start())


def move_deadline(line: str, rng: random.Random) -> LineEdit | None:
    candidates = time_candidates(line)
    if not candidates:
        return None
    m = rng.choice(candidates)
    old, new = _swap_group(line, m, rng, rng.choice(NEW_YEARS))
    at = m.start() + m.group(0).rfind(old) if old != m.group(0) else m.start()
    return LineEdit(line[:at] + new + line[at + len(old) :], old, new)


@dataclass(frozen=True)
class ActorRemoval:
    edit: LineEdit
    org: str
    surface: str


# A two-item list loses an item only after one of these words ("met betrokkenheid van A en B"); as the
# subject of a sentence ("A en B ontwikkelen") the verb would no longer agree.
_LIST_PREPOSITIONS = ("met", "van", "door", "aan", "bij")


def actor_removals(line: str, agreement_text: str) -> list[ActorRemoval]:
    """Every way to drop one organisation from a coordinated list ("VWS, ZN en ActiZ doen X" ->
    "VWS en ActiZ doen X") when it is named nowhere else in the agreement."""
    forms = _org_forms()
    items = [
        (m.start(), m.end(), forms[m.group("org")])
        for m in _org_pattern().finditer(line)
        if line[: m.start()].count("(") == line[: m.start()].count(")")  # not in a parenthesis
    ]
    groups: list[list[tuple[int, int, str]]] = []
    seps: list[list[str]] = []
    for item in items:
        if groups:
            gap = line[groups[-1][-1][1] : item[0]]
            if re.fullmatch(r",\s*|\s+en\s+", gap):
                groups[-1].append(item)
                seps[-1].append(gap.strip() or ",")
                continue
        groups.append([item])
        seps.append([])
    out: list[ActorRemoval] = []
    for group, sep in zip(groups, seps, strict=True):
        if len(group) < 2 or sep[-1] != "en" or any(s != "," for s in sep[:-1]):
            continue
        if len({org for _, _, org in group}) != len(group):
            continue
        before = line[: group[0][0]].split()
        if len(group) == 2 and (not before or before[-1].lower() not in _LIST_PREPOSITIONS):
            continue
        start, end = group[0][0], group[-1][1]
        texts = [line[a:b] for a, b, _ in group]
        for k, (_, _, org) in enumerate(group):
            if org_occurrences(org, agreement_text) != 1:
                continue
            rest = texts[:k] + texts[k + 1 :]
            new_list = rest[0] if len(rest) == 1 else ", ".join(rest[:-1]) + " en " + rest[-1]
            # A list that opens the sentence keeps its capital: "De VNG, ZN en ActiZ" -> "ZN en ActiZ".
            opens_sentence = re.search(r"(?:^|[.:;]\s)\W*$", line[:start]) is not None
            if opens_sentence and texts[0][:1].isupper() and not new_list[:1].isupper():
                new_list = new_list[0].upper() + new_list[1:]
            old_list = line[start:end]
            edit = LineEdit(line[:start] + new_list + line[end:], old_list, new_list)
            out.append(ActorRemoval(edit, org, texts[k]))
    return out


_MONEY = re.compile(r"€\s?(?P<n>\d{1,3})(?P<tail>\s?(?:mln|miljoen|mld|miljard))\b")
_PERCENT = re.compile(r"(?<![\d,.])(?P<n>\d{1,2})(?P<tail>%)")


def change_amount(line: str, rng: random.Random) -> LineEdit | None:
    found = [m for pattern in (_MONEY, _PERCENT) for m in pattern.finditer(line)]
    if not found:
        return None
    m = rng.choice(sorted(found, key=lambda x: x.start()))
    value = int(m.group("n"))
    new_value = value + rng.choice((3, 5, 10)) if m.re is _MONEY else value + rng.choice((-5, 5, 10))
    old = m.group(0)
    new = old.replace(m.group("n") + m.group("tail"), f"{new_value}{m.group('tail')}", 1)
    return LineEdit(line[: m.start()] + new + line[m.end() :], old, new)


# Words that carry an organisation's role or a time expression: a rewording leaves them alone so the
# commitment keeps its actors, roles and deadlines.
_KEEP_WORDS = frozenset(
    """met van door voor samen afstemming overleg samenspraak betrokkenheid samenwerking verzoek
    opdracht namens uiterlijk vanaf eind einde begin medio half kwartaal helft voorjaar zomer najaar
    winter jaar jaren jaarlijks maand maanden week weken dagen uur binnen uiterlijk tijdens gedurende
    sinds tussen direct daarna nadat zodra wanneer""".split()
) | frozenset(MONTHS)
REWORDINGS = (
    "op hoofdlijnen",
    "zorgvuldig en transparant",
    "stap voor stap",
    "in gezamenlijkheid",
    "op landelijk niveau",
    "zo concreet mogelijk",
    "helder en toetsbaar",
)
# Words kept clear of an organisation name on either side, so its role cue ("ZN ontwikkelt",
# "in afstemming met V&VN") stays as it was.
ORG_CLEARANCE_WORDS = 2


def reword(line: str, rng: random.Random) -> LineEdit | None:
    """Replace two or three plain words of a commitment by another phrase, keeping its actors."""
    words = list(re.finditer(r"\S+", line))
    orgs = [(m.start(), m.end()) for m in _org_pattern().finditer(line)]
    if not orgs:
        return None
    near: set[int] = set()
    for a, b in orgs:
        idx = [i for i, w in enumerate(words) if w.start() < b and a < w.end()]
        for i in idx:
            near.update(range(i - ORG_CLEARANCE_WORDS, i + ORG_CLEARANCE_WORDS + 1))
    first_org_word = max(i for i, w in enumerate(words) if w.start() < orgs[0][1])

    def plain(i: int) -> bool:
        w = words[i].group(0)
        return (
            i > first_org_word + 1
            and i not in near
            and re.fullmatch(r"[a-zà-ÿ]{4,}", w) is not None
            and w not in _KEEP_WORDS
        )

    spans = [
        (i, n) for n in (3, 2) for i in range(len(words) - n + 1) if all(plain(j) for j in range(i, i + n))
    ]
    if not spans:
        return None
    i, n = rng.choice(spans)
    start, end = words[i].start(), words[i + n - 1].end()
    old = line[start:end]
    new = rng.choice([r for r in REWORDINGS if r != old])
    return LineEdit(line[:start] + new + line[end:], old, new)


# --- agreements to add: fictional content that resembles no agreement of either corpus ----------------


@dataclass(frozen=True)
class NewAgreement:
    title: str
    afspraak: tuple[str, ...]
    wie: tuple[str, ...]
    tijdpad: tuple[str, ...]


NEW_AGREEMENTS = (
    NewAgreement(
        "Inzet van vrijwilligers in de wijk",
        ("Partijen versterken de inzet van vrijwilligers bij het ondersteunen van ouderen die thuis wonen.",),
        (
            "De VNG en MantelzorgNL ontwikkelen een handreiking voor de inzet van vrijwilligers.",
            "Gemeenten nemen de handreiking op in hun lokale beleid.",
        ),
        ("Q2 2031: de handreiking is gereed.", "Eind 2032: alle gemeenten werken met de handreiking."),
    ),
    NewAgreement(
        "Digitale inzage in het zorgdossier",
        (
            "Cliënten krijgen digitaal inzage in hun eigen zorgdossier, op een plek en in een taal die zij begrijpen.",
        ),
        (
            "ZN en ActiZ stellen eisen op voor de digitale inzage.",
            "Zorgaanbieders bieden de inzage aan via een beveiligde omgeving.",
        ),
        ("Medio 2031: de eisen zijn vastgesteld.", "Per 1 maart 2033 is inzage overal mogelijk."),
    ),
    NewAgreement(
        "Hitteplannen voor kwetsbare ouderen",
        ("In iedere regio komt een hitteplan voor kwetsbare ouderen die zelfstandig wonen.",),
        (
            "Het RIVM stelt een landelijk model voor een hitteplan op.",
            "Gemeenten en zorgaanbieders stellen per regio een hitteplan op.",
        ),
        ("Voorjaar van 2032: het model is gereed.", "In de zomer van 2033 heeft iedere regio een hitteplan."),
    ),
)


# --- an abstract view of the agreements of a document, for the field edits -------------------------

PARTS = ("afspraak", "wie", "tijdpad")


@dataclass
class Slot:
    """One line of an agreement part that an edit may change."""

    part: str
    text: str
    bullet: bool
    write: Callable[[str], None]


@dataclass
class Target:
    ref: Ref
    slots: list[Slot]
    full_text: str  # title and every line of the agreement, for "named nowhere else" checks


def field_edit(kind: str, target: Target, rng: random.Random) -> Planted | None:
    """Plant one field-level edit of `kind` in `target`, or None when it offers no place for it."""
    slots = list(target.slots)
    rng.shuffle(slots)
    for slot in slots:
        edit: LineEdit | None = None
        extra: dict[str, Any] = {}
        if kind == DEADLINE_MOVED and slot.part == "tijdpad":
            edit = move_deadline(slot.text, rng)
        elif kind == ACTOR_REMOVED and slot.part == "wie":
            options = actor_removals(slot.text, target.full_text)
            if options:
                choice = rng.choice(options)
                edit, extra = choice.edit, {"org": choice.org}
        elif kind == AMOUNT_CHANGED:
            edit = change_amount(slot.text, rng)
        elif kind == COMMITMENT_REWORDED and slot.part == "wie" and slot.bullet:
            edit = reword(slot.text, rng)
        if edit is None:
            continue
        slot.write(edit.text)
        keep = {"old": edit.old, "new": edit.new} if kind != ACTOR_REMOVED else {}
        return Planted(kind, target.ref, target.ref, edit=(edit.old, edit.new), **keep, **extra)
    return None


# --- source 1: docx-export text ---------------------------------------------------------------------

_BOX_TITLE = re.compile(r"^\t\s*(?P<code>\d{1,2}[a-z]?):\s+(?P<title>\S.*?)\s*$")
_LABEL = re.compile(
    r"^\s*(?P<label>Wat is de afspraak|Wie gaat wat doen|Wat is het tijdpad)\s*[:?]\s*$", re.IGNORECASE
)
_LABEL_PART = {"wat is de afspraak": "afspraak", "wie gaat wat doen": "wie", "wat is het tijdpad": "tijdpad"}
_TEXT_BULLET = re.compile(r"^\s*[·•\-–▪]\s+")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
# The title of an unnumbered box is a short line without closing punctuation at most this many
# lines above its first part label (the HLO has up to two paragraphs of introduction between them).
MAX_TITLE_DISTANCE = 8


@dataclass
class TextBox:
    code: str | None
    title: str
    title_line: int
    start: int  # the title line (numbered) or the first label (unnumbered)
    labels: dict[str, int]
    end: int  # one past the last line of the timeline

    def part_lines(self, part: str) -> list[int]:
        first = self.labels[part] + 1
        later = [i for i in self.labels.values() if i > self.labels[part]]
        stop = min(later) if later else self.end
        return list(range(first, stop))


def parse_boxes(lines: list[str]) -> list[TextBox]:
    """Agreement boxes of a docx-export text: a "\\tN: Title" or a short title line, then the parts."""
    boxes: list[TextBox] = []
    i = 0
    while i < len(lines):
        m = _LABEL.match(lines[i])
        if not m or _LABEL_PART[m.group("label").lower()] != "afspraak":
            i += 1
            continue
        code, title, title_line = _box_title(lines, i, boxes[-1].end if boxes else 0)
        labels = {"afspraak": i}
        j = i + 1
        while j < len(lines) and len(labels) < 3:
            lm = _LABEL.match(lines[j])
            if lm:
                part = _LABEL_PART[lm.group("label").lower()]
                if part in labels:
                    break
                labels[part] = j
            elif _BOX_TITLE.match(lines[j]):
                break
            j += 1
        end = _timeline_end(lines, labels.get("tijdpad", j - 1) + 1)
        if set(labels) == set(PARTS) and title:
            start = title_line if code else i
            boxes.append(TextBox(code, title, title_line, start, labels, end))
        i = end
    return boxes


def _box_title(lines: list[str], label: int, floor: int) -> tuple[str | None, str, int]:
    for k in range(label - 1, max(floor, label - MAX_TITLE_DISTANCE) - 1, -1):
        m = _BOX_TITLE.match(lines[k])
        if m:
            return m.group("code"), m.group("title"), k
    for k in range(label - 1, max(floor, label - MAX_TITLE_DISTANCE) - 1, -1):
        text = _BOOKMARK.sub("", lines[k]).strip()
        if text and len(text) <= 80 and text[0].isupper() and not text.endswith((".", ":", ";", "?")):
            return None, text, k
    return None, "", label


def _timeline_end(lines: list[str], first: int) -> int:
    """The timeline runs to two blank lines in a row, a heading or the next box."""
    last = first - 1
    blanks = 0
    for k in range(first, len(lines)):
        line = lines[k]
        if _BOX_TITLE.match(line) or "[bookmark: _Toc" in line or _LABEL.match(line):
            break
        if not line.strip():
            blanks += 1
            if blanks >= 2 and last >= first:
                break
            continue
        blanks = 0
        last = k
    return last + 1


def _text_targets(lines: list[str], boxes: list[TextBox], taken: set[int]) -> list[tuple[int, Target]]:
    out = []
    for n, box in enumerate(boxes):
        if n in taken:
            continue
        slots = []
        for part in PARTS:
            for k in box.part_lines(part):
                if lines[k].strip():

                    def write(text: str, k: int = k) -> None:
                        lines[k] = text

                    slots.append(Slot(part, lines[k], bool(_TEXT_BULLET.match(lines[k])), write))
        full = "\n".join(lines[box.title_line : box.end])
        out.append((n, Target(Ref(box.code, box.title), slots, full)))
    return out


def _new_code(used: set[str], rng: random.Random) -> str:
    choices = [str(n) for n in range(15, 40) if str(n) not in used]
    code = rng.choice(choices)
    used.add(code)
    return code


def _box_lines(code: str, title: str, afspraak: list[str], wie: list[str], tijdpad: list[str]) -> list[str]:
    out = [f"\t{code}: {title}", "", "\t", "Wat is de afspraak: ", *afspraak, "", "Wie gaat wat doen: "]
    out += [*wie, "", "Wat is het tijdpad: ", *tijdpad]
    return out


def edit_text(text: str, kinds: list[str], rng: random.Random) -> tuple[str, list[Planted]]:
    """Plant edits of the given kinds in a docx-export text, each in another agreement."""
    lines = text.split("\n")
    boxes = parse_boxes(lines)
    used = {b.code for b in boxes if b.code}
    taken: set[int] = set()
    planted: list[Planted] = []
    # (line index, lines to insert, number of lines to remove), applied bottom-up at the end so the
    # indices of the boxes stay valid while edits are planted.
    splices: list[tuple[int, list[str], int]] = []
    for kind in kinds:
        result: Planted | None = None
        if kind in (DEADLINE_MOVED, ACTOR_REMOVED, AMOUNT_CHANGED, COMMITMENT_REWORDED):
            targets = _text_targets(lines, boxes, taken)
            rng.shuffle(targets)
            for n, target in targets:
                result = field_edit(kind, target, rng)
                if result is not None:
                    taken.add(n)
                    break
        elif kind == AGREEMENT_ADDED:
            new = rng.choice(NEW_AGREEMENTS)
            code = _new_code(used, rng)
            body = _box_lines(
                code,
                new.title,
                list(new.afspraak),
                [f"· {w}" for w in new.wie],
                [f"· {t}" for t in new.tijdpad],
            )
            before = rng.choice([b for b in boxes if b.code])
            splices.append((before.start, ["", *body, "", "", ""], 0))
            result = Planted(AGREEMENT_ADDED, ref_to=Ref(code, new.title))
        else:
            free = [(n, b) for n, b in enumerate(boxes) if b.code and n not in taken]
            if kind == SPLIT:
                free = [
                    (n, b) for n, b in free if len([k for k in b.part_lines("wie") if lines[k].strip()]) >= 2
                ]
            if not free:
                continue
            n, box = rng.choice(free)
            taken.add(n)
            ref = Ref(box.code, box.title)
            if kind == AGREEMENT_REMOVED:
                splices.append((box.start, [], box.end - box.start))
                result = Planted(AGREEMENT_REMOVED, ref_from=ref)
            elif kind == RENUMBERED:
                code = _new_code(used, rng)
                lines[box.start] = lines[box.start].replace(f"{box.code}:", f"{code}:", 1)
                result = Planted(RENUMBERED, ref, Ref(code, box.title), old=box.code, new=code)
            elif kind == SPLIT:
                halves = _split_text_box(lines, box)
                splices.append((box.start, halves, box.end - box.start))
                a = Ref(f"{box.code}a", box.title)
                b = Ref(f"{box.code}b", f"{box.title} – vervolg")
                result = Planted(SPLIT, ref_from=ref, parts=(a, b))
        if result is not None:
            planted.append(result)
    # bottom-up; at one index a removal goes before an insertion, so it cannot take inserted lines
    for at, insert, remove in sorted(splices, key=lambda s: (s[0], s[2]), reverse=True):
        lines[at : at + remove] = insert
    return "\n".join(lines), planted


def _halves(items: list[str]) -> tuple[list[str], list[str]]:
    if len(items) < 2:
        return items, items
    cut = (len(items) + 1) // 2
    return items[:cut], items[cut:]


def _split_text_box(lines: list[str], box: TextBox) -> list[str]:
    """Box N as "Na" and "Nb", each with part of its bullets (both keep a one-line part whole)."""
    content = {p: [lines[k] for k in box.part_lines(p) if lines[k].strip()] for p in PARTS}
    first: dict[str, list[str]] = {}
    second: dict[str, list[str]] = {}
    for p in PARTS:
        first[p], second[p] = _halves(content[p])
    a = _box_lines(f"{box.code}a", box.title, first["afspraak"], first["wie"], first["tijdpad"])
    b = _box_lines(
        f"{box.code}b", f"{box.title} – vervolg", second["afspraak"], second["wie"], second["tijdpad"]
    )
    return [*a, "", "", "", *b]


# --- formatting-only edits of docx-export text --------------------------------------------------------

_TERMINAL = (".", ":", ";", "!", "?")
# Lines shorter than this are left whole (titles, labels, table cells).
MIN_REWRAP_CHARS = 100


def rewrap(text: str, rng: random.Random) -> str:
    """Break long lines before a lower-case word, as a hard-wrapped export does; the docx-export reader
    joins a line that goes on in lower case with the one before it, unless that one ends a sentence."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) < MIN_REWRAP_CHARS or line.startswith("\t") or "[bookmark:" in line:
            out.append(line)
            continue
        pieces = [line]
        while len(pieces[-1]) >= MIN_REWRAP_CHARS and rng.random() < 0.8:
            rest = pieces[-1]
            spots = [
                m.start()
                for m in re.finditer(r" (?=[a-zà-ÿ]{3,}(?: |$))", rest)
                if 30 <= m.start() <= len(rest) - 20 and not rest[: m.start()].rstrip().endswith(_TERMINAL)
            ]
            if not spots:
                break
            at = rng.choice(spots)
            pieces[-1:] = [rest[:at], rest[at + 1 :]]
        out.extend(pieces)
    return "\n".join(out)


BULLET_GLYPHS = ("•", "-", "–", "▪")


def other_bullets(text: str, rng: random.Random) -> str:
    glyph = rng.choice(BULLET_GLYPHS)
    return re.sub(r"(?m)^· ", f"{glyph} ", text)


_REF = re.compile(r"\[footnoteRef:(\d+)\]")
_BODY_START = re.compile(r"\[(\d+):\s")


def renumber_footnotes(text: str, rng: random.Random) -> str:
    """Every footnote gets another number, consistently in its marks and its body."""
    numbers = sorted({int(n) for n in _REF.findall(text)})
    offset = rng.choice((50, 100, 300))
    mapping = {n: n + offset for n in numbers}
    text = _REF.sub(lambda m: f"[footnoteRef:{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)
    return _BODY_START.sub(
        lambda m: (
            f"[{mapping[int(m.group(1))]}:{m.group(0)[len(m.group(1)) + 2 :]}"
            if int(m.group(1)) in mapping
            else m.group(0)
        ),
        text,
    )


def _footnote_bodies(text: str) -> list[tuple[int, int]]:
    """Spans of the inline footnote bodies "[N:  ...]" (brackets inside them balanced)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BODY_START.finditer(text):
        if m.start() < pos:
            continue
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
        if depth == 0:
            spans.append((m.start(), i))
            pos = i
    return spans


def move_footnotes(text: str, rng: random.Random) -> str:
    """Move footnote bodies out of their paragraph: each onto a line of its own below the line that
    cites it, or all to the end of the document (as endnotes)."""
    spans = _footnote_bodies(text)
    if not spans:
        return text
    bodies = [text[a:b] for a, b in spans]
    pieces: list[str] = []
    pos = 0
    for a, b in spans:
        pieces.append(text[pos:a].rstrip(" "))
        pos = b
    pieces.append(text[pos:])
    moved = "".join(pieces)
    if rng.random() < 0.5:
        return moved.rstrip("\n") + "\n\n" + "\n".join(bodies) + "\n"
    cuts = [sum(len(p) for p in pieces[: k + 1]) for k in range(len(spans))]
    for cut, body in reversed(list(zip(cuts, bodies, strict=True))):
        nl = moved.find("\n", cut)
        nl = len(moved) if nl == -1 else nl
        moved = moved[:nl] + "\n" + body + moved[nl:]
    return moved


def other_quotes(text: str, rng: random.Random) -> str:
    """Curly quotes straight, or straight quotes curly (apostrophes inside words included)."""
    if rng.random() < 0.6 or not re.search("['\"]", text):
        return text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
    text = re.sub(r"(?:(?<=^)|(?<=[\s(]))'", "‘", text, flags=re.M)
    text = text.replace("'", "’")
    text = re.sub(r'(?:(?<=^)|(?<=[\s(]))"', "“", text, flags=re.M)
    return text.replace('"', "”")


def extra_whitespace(text: str, rng: random.Random) -> str:
    """Double spaces between words, trailing spaces, and more blank lines between blocks."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if line.strip() and not line.startswith("\t") and rng.random() < 0.3:
            line = re.sub(r"(?<=\w) (?=\w)", lambda _: " " * rng.choice((1, 1, 2, 3)), line)
        if line.strip() and rng.random() < 0.2:
            line += " " * rng.choice((1, 2))
        out.append(line)
        if not line.strip() and rng.random() < 0.3:
            out.extend([""] * rng.choice((1, 2)))
    return "\n".join(out)


TEXT_NOISE: dict[str, Callable[[str, random.Random], str]] = {
    "rewrap": rewrap,
    "bullets": other_bullets,
    "footnotes-renumbered": renumber_footnotes,
    "footnotes-moved": move_footnotes,
    "quotes": other_quotes,
    "whitespace": extra_whitespace,
}


def add_noise(text: str, rng: random.Random, at_least: int = 1) -> tuple[str, tuple[str, ...]]:
    """Apply a random, non-empty selection of formatting-only edits; always changes the bytes."""
    names = sorted(TEXT_NOISE)
    chosen = sorted(rng.sample(names, rng.randint(at_least, len(names))), key=names.index)
    noisy = text
    for name in chosen:
        noisy = TEXT_NOISE[name](noisy, rng)
    if noisy == text:
        noisy, chosen = extra_whitespace(noisy + "\n\n", rng), [*chosen, "whitespace"]
    return noisy, tuple(chosen)


# --- source 2: the sample agreement's data model ------------------------------------------------------


@cache
def samples_module() -> ModuleType:
    """corpus/make_samples.py as a module (cheap: it only defines the model and the renderers)."""
    name = "afspraken_make_samples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SAMPLES_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses resolve their annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def sample_blocks() -> list[Any]:
    """The sample onderhandelaarsakkoord as blocks (a fresh copy each call)."""
    return samples_module().agreement_document(final=False)


def _model_ref(agreement: Any) -> Ref:
    return Ref(agreement.number, agreement.title)


def _model_targets(blocks: list[Any], taken: set[int]) -> list[tuple[int, Target]]:
    ms = samples_module()
    out = []
    for n, block in enumerate(blocks):
        if not isinstance(block, ms.Agreement) or n in taken:
            continue
        slots = []
        for part in PARTS:
            for line in getattr(block, part):
                if "{del:" in line.text or "{ins:" in line.text:
                    continue  # tracked changes: the .docx keeps the deleted text as a revision

                def write(text: str, line: Any = line) -> None:
                    line.text = text
                    line.mentions, line.deadlines, line.others = [], [], []

                slots.append(Slot(part, line.text, line.kind == "bullet", write))
        lines = [block.title, *(ln.text for ln in block.intro + block.afspraak + block.wie + block.tijdpad)]
        out.append((n, Target(_model_ref(block), slots, "\n".join(lines))))
    return out


def edit_model(blocks: list[Any], kinds: list[str], rng: random.Random) -> tuple[list[Any], list[Planted]]:
    """Plant edits of the given kinds in a copy of the sample's blocks, each in another agreement."""
    ms = samples_module()
    blocks = copy.deepcopy(blocks)
    agreements = [n for n, b in enumerate(blocks) if isinstance(b, ms.Agreement)]
    used = {blocks[n].number for n in agreements if blocks[n].number}
    taken: set[int] = set()
    planted: list[Planted] = []
    inserts: list[tuple[int, list[Any]]] = []  # (block index, blocks replacing it or inserted after it)
    removals: set[int] = set()
    for kind in kinds:
        result: Planted | None = None
        if kind in (DEADLINE_MOVED, ACTOR_REMOVED, AMOUNT_CHANGED, COMMITMENT_REWORDED):
            targets = _model_targets(blocks, taken)
            rng.shuffle(targets)
            for n, target in targets:
                result = field_edit(kind, target, rng)
                if result is not None:
                    taken.add(n)
                    break
        elif kind == AGREEMENT_ADDED:
            new = rng.choice(NEW_AGREEMENTS)
            code = str(rng.choice([n for n in range(8, 30) if str(n) not in used]))
            used.add(code)
            agreement = ms.Agreement(
                key=f"GEN-{code}",
                number=code,
                title=new.title,
                what="",
                afspraak=[ms.p(t) for t in new.afspraak],
                wie=[ms.b(t) for t in new.wie],
                tijdpad=[ms.b(t) for t in new.tijdpad],
                clusters=[],
            )
            inserts.append((rng.choice(agreements), [agreement]))
            result = Planted(AGREEMENT_ADDED, ref_to=Ref(code, new.title))
        else:
            free = [n for n in agreements if blocks[n].number and n not in taken]
            if kind == SPLIT:
                free = [n for n in free if len(blocks[n].wie) >= 2]
            if not free:
                continue
            n = rng.choice(free)
            taken.add(n)
            block = blocks[n]
            ref = _model_ref(block)
            if kind == AGREEMENT_REMOVED:
                removals.add(n)
                result = Planted(AGREEMENT_REMOVED, ref_from=ref)
            elif kind == RENUMBERED:
                code = str(rng.choice([k for k in range(8, 30) if str(k) not in used]))
                used.add(code)
                block.number = code
                result = Planted(RENUMBERED, ref, Ref(code, block.title), old=ref.code, new=code)
            elif kind == SPLIT:
                parts: dict[str, tuple[list[Any], list[Any]]] = {p: _halves(getattr(block, p)) for p in PARTS}
                a = replace(block, number=f"{block.number}a", **{p: list(parts[p][0]) for p in PARTS})
                b = replace(
                    block,
                    number=f"{block.number}b",
                    title=f"{block.title} – vervolg",
                    intro=[],
                    **{p: copy.deepcopy(list(parts[p][1])) for p in PARTS},
                )
                removals.add(n)
                inserts.append((n, [a, b]))
                result = Planted(SPLIT, ref_from=ref, parts=(_model_ref(a), _model_ref(b)))
        if result is not None:
            planted.append(result)
    out: list[Any] = []
    for n, block in enumerate(blocks):
        if n not in removals:
            out.append(block)
        for at, new_blocks in inserts:
            if at == n:
                out.extend(new_blocks)
    return out, planted


# The sample PDF's cover lists the parties; the text and .docx renderings have no such line.
PDF_COVER_LINE = "ActiZ · Patiëntenfederatie Nederland · V&VN · VNG · Zorgthuisnl · ZN · VWS"


def render_raw(blocks: list[Any], fmt: str, footnote_offset: int = 0) -> bytes:
    """The blocks as docx-export text, .docx (footnotes numbered from 1 + `footnote_offset`) or .pdf."""
    ms = samples_module()
    if fmt == "txt":
        return ms.render_export(blocks)[0].encode("utf-8")
    if fmt == "docx":
        writer = ms.DocxWriter(blocks)
        writer.numbers = {k: v + footnote_offset for k, v in writer.numbers.items()}
        return writer.build()
    return ms.render_pdf(blocks)[0]


def render(
    blocks: list[Any], fmt: str, rng: random.Random, raw: Callable[[str, int], bytes] | None = None
) -> tuple[bytes, tuple[str, ...]]:
    """The blocks in one format with formatting noise: text renderings get `add_noise`, a .docx other
    footnote numbers. `raw(fmt, offset)` may supply a cached rendering of the same blocks."""
    raw = raw or (lambda f, o: render_raw(blocks, f, o))
    if fmt == "txt":
        text = raw("txt", 0).decode("utf-8")
        noisy, noise = add_noise(text, rng) if rng.random() < 0.85 else (text, ())
        return noisy.encode("utf-8"), noise
    if fmt == "docx":
        offset = rng.choice((0, 0, 10, 40))
        return raw("docx", offset), ("footnotes-renumbered",) if offset else ()
    return raw("pdf", 0), ()


# --- the generated corpus ----------------------------------------------------------------------------

# How many pairs each source contributes, and how many of them are formatting-only.
HLO_PAIRS, HLO_FORMATTING_ONLY = 26, 6
SAMPLE_PAIRS, SAMPLE_FORMATTING_ONLY = 34, 8
# The formatting-only sample pairs cover every re-rendering between the three formats.
SAMPLE_RERENDERINGS = (
    ("txt", "docx"),
    ("docx", "pdf"),
    ("txt", "pdf"),
    ("pdf", "txt"),
    ("docx", "txt"),
    ("pdf", "docx"),
    ("txt", "txt"),
    ("docx", "docx"),
)
SUFFIX = {"txt": ".docx-export.txt", "docx": ".docx", "pdf": ".pdf"}


def pair_ids() -> list[str]:
    """The ids of all generated pairs (known before any document is read, for parametrisation)."""
    return [f"hlo-{i:02d}" for i in range(HLO_PAIRS)] + [f"sample-{i:02d}" for i in range(SAMPLE_PAIRS)]


def _kinds_for(index: int, rng: random.Random) -> list[str]:
    """One to three edit kinds: a rotating first kind so every kind is planted often, plus others."""
    first = EDIT_KINDS[index % len(EDIT_KINDS)]
    others = [k for k in EDIT_KINDS if k != first]
    return [first, *rng.sample(others, rng.choice((0, 1, 1, 2)))]


def hlo_pairs(original: Path, text: str, seed: int = SEED) -> list[Pair]:
    """Pairs from a docx-export reference text: the original (or a noisy copy) against an edited,
    noisy copy."""
    pairs = []
    for i in range(HLO_PAIRS):
        pair_id = f"hlo-{i:02d}"
        rng = random.Random(f"{seed}:{pair_id}")
        old: Variant | Path = original
        if i % 4 == 1:
            noisy, noise = add_noise(text, rng)
            old = Variant(f"{pair_id}-old.docx-export.txt", noisy.encode("utf-8"), noise)
        planted: list[Planted] = []
        edited = text
        if i >= HLO_FORMATTING_ONLY:
            edited, planted = edit_text(text, _kinds_for(i - HLO_FORMATTING_ONLY, rng), rng)
        noisy, noise = add_noise(edited, rng)
        new = Variant(f"{pair_id}-new.docx-export.txt", noisy.encode("utf-8"), noise)
        pairs.append(Pair(pair_id, "hlo", old, new, tuple(planted)))
    return pairs


def sample_pairs(seed: int = SEED) -> list[Pair]:
    """Pairs from the sample's data model: the original blocks in one format against edited blocks in
    the same or another format."""
    base = sample_blocks()
    cache: dict[tuple[str, int], bytes] = {}

    def base_raw(fmt: str, offset: int) -> bytes:
        if (fmt, offset) not in cache:
            cache[fmt, offset] = render_raw(base, fmt, offset)
        return cache[fmt, offset]

    pairs = []
    for i in range(SAMPLE_PAIRS):
        pair_id = f"sample-{i:02d}"
        rng = random.Random(f"{seed}:{pair_id}")
        if i < SAMPLE_FORMATTING_ONLY:
            fmt_old, fmt_new = SAMPLE_RERENDERINGS[i]
            blocks, planted = base, []
        else:
            fmt_old, fmt_new = rng.choice(FORMATS), rng.choice(FORMATS)
            blocks, planted = edit_model(base, _kinds_for(i - SAMPLE_FORMATTING_ONLY, rng), rng)
        old_data, old_noise = render(base, fmt_old, rng, base_raw)
        new_data, new_noise = render(blocks, fmt_new, rng, base_raw if blocks is base else None)
        if new_data == old_data:  # the same format without noise: make the renderings differ
            text, new_noise = add_noise(new_data.decode("utf-8"), rng)
            new_data = text.encode("utf-8")
        old = Variant(f"{pair_id}-old{SUFFIX[fmt_old]}", old_data, old_noise)
        new = Variant(f"{pair_id}-new{SUFFIX[fmt_new]}", new_data, new_noise)
        allowed = (PDF_COVER_LINE,) if (fmt_old == "pdf") != (fmt_new == "pdf") else ()
        pairs.append(Pair(pair_id, "sample", old, new, tuple(planted), allowed))
    return pairs


def generate(hlo_text_path: Path | None, seed: int = SEED) -> list[Pair]:
    """All pairs: from the HLO docx-export text when it is available, and from the sample model."""
    pairs: list[Pair] = []
    if hlo_text_path is not None:
        text = hlo_text_path.read_text(encoding="utf-8")
        pairs += hlo_pairs(hlo_text_path, text, seed)
    pairs += sample_pairs(seed)
    return pairs
