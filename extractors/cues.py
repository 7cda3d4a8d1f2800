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


@dataclass(frozen=True)
class CuePattern:
    """A case-insensitive pattern over cue phrases, with a fast path for ASCII text.

    With IGNORECASE the regex engine tries the alternatives at nearly every position of the text;
    lower-casing ASCII text and matching it against the lower-cased phrases without the flag finds
    exactly the same matches (same spans, same groups) in a quarter of the time. Text with other
    characters ("é", "’") takes the case-insensitive pattern, where Unicode case folding applies
    ("ſ" is an "s" there, and "İ" lower-cases to two characters). Match objects of the fast path
    are over the lower-cased text: take text from the original string by their spans.
    """

    any_case: re.Pattern[str]
    ascii_lower: re.Pattern[str] | None  # None when a phrase is not ASCII itself

    @classmethod
    def build(cls, source: Callable[[bool], str], phrases: Iterable[str], flags: int = 0) -> CuePattern:
        """`source(lower)` is the pattern text, with its phrases lower-cased when `lower` is set."""
        ascii_lower = re.compile(source(True), flags) if all(p.isascii() for p in phrases) else None
        return cls(re.compile(source(False), flags | re.IGNORECASE), ascii_lower)

    @classmethod
    def fixed(cls, source: str) -> CuePattern:
        """A pattern without phrases to lower-case: its own text must be lower-case ASCII already."""
        if not (source.isascii() and source == source.lower()):
            raise ValueError(f"not lower-case ASCII: {source!r}")
        return cls(re.compile(source, re.IGNORECASE), re.compile(source))

    def _for(self, text: str) -> tuple[re.Pattern[str], str]:
        if self.ascii_lower is not None and text.isascii():
            return self.ascii_lower, text.lower()
        return self.any_case, text

    def search(self, text: str) -> re.Match[str] | None:
        pattern, subject = self._for(text)
        return pattern.search(subject)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern, subject = self._for(text)
        return pattern.finditer(subject)


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
        lambda lower: rf"(?<!\w)(?P<label>{_alternation(long_phrases, lower)})\s*(?:[:?]\s*|$)", long_phrases
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


def _scout(phrases: Iterable[str]) -> re.Pattern[str]:
    r"""Where one of the lower-case phrases starts after a non-word character: "(?<!\w)" checked
    after the first letter, so that the regex engine skips to the next candidate letter instead of
    trying every position."""
    by_first: dict[str, list[str]] = {}
    for p in phrases:
        by_first.setdefault(p[0], []).append(p[1:])
    return re.compile(
        "|".join(rf"{re.escape(first)}(?<!\w.)(?:{_alternation(rests)})" for first, rests in by_first.items())
    )


def _scouted(scout: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match starts where `scout` matches: the
    scout finds the candidates, the pattern itself is tried only there (no match is empty)."""
    pos = 0
    while (hit := scout.search(text, pos)) is not None:
        m = pattern.match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
        else:
            yield m
            pos = m.end()


@dataclass(frozen=True)
class StatusCues:
    priority: tuple[str, ...]
    pattern: CuePattern  # one named group per status: a sentence is scanned once
    # For ASCII text: where a cue may start (lower-cased phrases). The status pattern tries its five
    # groups at every position; the scout finds the few word starts that begin a cue twice as fast.
    scout: re.Pattern[str] | None

    def statuses(self, sentence: str) -> set[str]:
        lower = self.pattern.ascii_lower
        if self.scout is not None and lower is not None and sentence.isascii():
            found = _scouted(self.scout, lower, sentence.lower())
        else:
            found = self.pattern.finditer(sentence)
        return {m.lastgroup for m in found if m.lastgroup}


@cache
def status_cues() -> StatusCues:
    data = _data("status_cues.yaml")
    cues: dict[str, list[str]] = data["cues"]

    def source(lower: bool) -> str:
        groups = "|".join(f"(?P<{status}>{_alternation(phrases, lower)})" for status, phrases in cues.items())
        return rf"(?<!\w)(?:{groups})(?!\w)"

    phrases = [p for group in cues.values() for p in group]
    pattern = CuePattern.build(source, phrases)
    scout = _scout([p.lower() for p in phrases]) if pattern.ascii_lower is not None else None
    return StatusCues(priority=tuple(data["priority"]), pattern=pattern, scout=scout)
