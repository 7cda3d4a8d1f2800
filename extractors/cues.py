"""Cue phrases for agreement structure and progress status, loaded once from the data files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extractors.datafile import load_yaml


def _data(name: str) -> dict:
    return load_yaml(resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8"))


def _alternation(phrases: list[str], lower: bool = False) -> str:
    if lower:
        phrases = [p.lower() for p in phrases]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


# Characters on which lower-casing and re.IGNORECASE disagree: "İ" lower-cases to two characters
# (caught by the length test of `lowered`), and IGNORECASE matches "ı" to "i" and "ſ" to "s" though
# neither lower-cases to them. tests/test_facts_cue_fast.py checks every code point.
_CASE_TRAPS = ("ı", "ſ")


def lowered(text: str) -> str | None:
    """`text` lower-cased, where lower-cased phrases match it exactly where the phrases match `text`
    case-insensitively: same length, and every character keeps its \\w, \\s and \\d class. None for
    text with a case trap (rare), which then takes the case-insensitive pattern."""
    lower = text.lower()
    if text.isascii():
        return lower
    if len(lower) != len(text) or any(map(text.__contains__, _CASE_TRAPS)):
        return None
    return lower


@dataclass(frozen=True)
class CuePattern:
    """A case-insensitive pattern over cue phrases, with a fast path over lower-cased text.

    With IGNORECASE the regex engine tries the alternatives at nearly every position of the text;
    lower-casing the text and matching it against the lower-cased phrases without the flag finds
    exactly the same matches (same spans, same groups) in a quarter of the time. Text with a case
    trap ("ı", "ſ", "İ": see `lowered`) takes the case-insensitive pattern. Match objects of the fast
    path are over the lower-cased text: take text from the original string by their spans.

    A pattern whose every match starts at one of its phrases, after a non-word character, may have
    a scout (see `Scout`): the pattern is then tried only where the scout finds a phrase start.
    """

    any_case: re.Pattern[str]
    lower: re.Pattern[str] | None  # None when a phrase holds a case trap itself
    scout: Scout | None = None

    @classmethod
    def build(
        cls, source: Callable[[bool], str], phrases: Iterable[str], flags: int = 0, scouted: bool = False
    ) -> CuePattern:
        """`source(lower)` is the pattern text, with its phrases lower-cased when `lower` is set.
        `scouted`: every match starts at a phrase, after a non-word character."""
        phrases = list(phrases)
        if any(lowered(p) is None for p in phrases):
            return cls(re.compile(source(False), flags | re.IGNORECASE), None)
        scout = Scout.of([p.lower() for p in phrases]) if scouted else None
        return cls(re.compile(source(False), flags | re.IGNORECASE), re.compile(source(True), flags), scout)

    @classmethod
    def fixed(cls, source: str) -> CuePattern:
        """A pattern without phrases to lower-case: its own text must be lower-case ASCII already."""
        if not (source.isascii() and source == source.lower()):
            raise ValueError(f"not lower-case ASCII: {source!r}")
        return cls(re.compile(source, re.IGNORECASE), re.compile(source))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lower = lowered(text) if self.lower is not None else None
        if lower is None:
            return self.any_case.finditer(text)
        if self.scout is not None:
            return self.scout.finditer(self.lower, lower)
        return self.lower.finditer(lower)

    def search(self, text: str) -> re.Match[str] | None:
        if self.scout is None and self.lower is not None and (lower := lowered(text)) is not None:
            return self.lower.search(lower)
        return next(iter(self.finditer(text)), None)


@dataclass(frozen=True)
class AgreementCues:
    part_label: re.Pattern[str]  # at the start of a block; group "label" or "short"
    inline_label: CuePattern  # a multi-word label inside or at the end of a block
    part_names: dict[str, str]  # lower-cased phrase -> part
    agreement_phrase: re.Pattern[str]
    series: re.Pattern[str]
    future: CuePattern
    past: CuePattern

    def part_of(self, label: str) -> str:
        key = re.sub(r"\s+", " ", label.strip().lower())
        return self.part_names.get(key, "other")


@cache
def agreement_cues() -> AgreementCues:
    data = _data("agreement_cues.yaml")
    names: dict[str, str] = {}
    for part, phrases in data["parts"].items():
        names.update({p.lower(): part for p in phrases})
    short: dict[str, str] = {}
    for part, phrases in data["short_labels"].items():
        short.update({p.lower(): part for p in phrases})
    names.update(short)
    long_phrases = list(names.keys() - short.keys())
    long_alt = _alternation(long_phrases)
    short_alt = _alternation(list(short))
    label = re.compile(
        rf"^\s*(?:(?P<label>{long_alt})\s*[:?]?|(?P<short>{short_alt})\s*[:?])\s*", re.IGNORECASE
    )
    series = re.compile(
        rf"^(?P<word>{_alternation(data['series_words'])})\s+(?P<number>\d{{1,2}}[a-z]?)\b[:.]?\s*(?P<title>.*)$",
        re.IGNORECASE,
    )
    inline = CuePattern.build(
        lambda lower: rf"(?<!\w)(?P<label>{_alternation(long_phrases, lower)})\s*(?:[:?]\s*|$)",
        long_phrases,
        scouted=True,
    )
    return AgreementCues(
        part_label=label,
        inline_label=inline,
        part_names=names,
        agreement_phrase=re.compile(rf"^\s*(?:{_alternation(data['agreement_phrases'])})\b", re.IGNORECASE),
        series=series,
        future=_words(data["future_cues"]),
        past=_words(data["past_cues"]),
    )


def _words(phrases: list[str]) -> CuePattern:
    """Any of the phrases as whole words."""
    return CuePattern.build(lambda lower: rf"\b(?:{_alternation(phrases, lower)})\b", phrases)


@dataclass(frozen=True)
class Scout:
    r"""Where a match of a phrase pattern may start: at one of its (lower-case) phrases, after a
    non-word character or at the start of the text. The pattern itself is then tried only there.

    Phrases that share one first letter are found by that letter, "(?<!\w)" checked behind it: the
    regex engine skips to the next such letter as it would to a substring. Phrases of many first
    letters are found after the non-word character before them, in " " + text (so a match starts
    where its phrase starts in the text): the engine skips to the next non-word character and tries
    the phrases there by their first letter, twice as fast as trying a letter at nearly every
    position and checking behind it."""

    pattern: re.Pattern[str]
    padded: bool  # searched in " " + text

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Scout:
        by_first: dict[str, list[str]] = {}
        for p in phrases:
            by_first.setdefault(p[0], []).append(p[1:])
        branches = [rf"{re.escape(first)}(?:{_alternation(rests)})" for first, rests in by_first.items()]
        if len(branches) == 1:
            return cls(re.compile(branches[0].replace("(?:", r"(?<!\w.)(?:", 1)), padded=False)
        return cls(re.compile(rf"\W(?:{'|'.join(branches)})"), padded=True)

    def finditer(self, pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)` for a pattern whose every match starts at a phrase of the scout
        (no match is empty)."""
        subject = " " + text if self.padded else text
        pos = 0
        while (hit := self.pattern.search(subject, pos)) is not None:
            m = pattern.match(text, hit.start())
            if m is None:
                pos = hit.start() + 1
            else:
                yield m
                pos = m.end()


@dataclass(frozen=True)
class StatusCues:
    priority: tuple[str, ...]
    # One named group per status: a sentence is scanned once. Scouted: the pattern tries its five
    # groups at every position; the scout finds the few word starts that begin a cue twice as fast.
    pattern: CuePattern

    def statuses(self, sentence: str) -> set[str]:
        return {m.lastgroup for m in self.pattern.finditer(sentence) if m.lastgroup}


@cache
def status_cues() -> StatusCues:
    data = _data("status_cues.yaml")
    cues: dict[str, list[str]] = data["cues"]

    def source(lower: bool) -> str:
        groups = "|".join(f"(?P<{status}>{_alternation(phrases, lower)})" for status, phrases in cues.items())
        return rf"(?<!\w)(?:{groups})(?!\w)"

    phrases = [p for group in cues.values() for p in group]
    return StatusCues(
        priority=tuple(data["priority"]), pattern=CuePattern.build(source, phrases, scouted=True)
    )
