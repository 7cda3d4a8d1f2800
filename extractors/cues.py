"""Cue phrases for agreement structure and progress status, loaded once from the data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extractors.datafile import load_yaml


def _data(name: str) -> dict:
    return load_yaml(resources.files("extractors").joinpath("data", name).read_text(encoding="utf-8"))


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class AgreementCues:
    part_label: re.Pattern[str]  # at the start of a block; group "label" or "short"
    inline_label: re.Pattern[str]  # a multi-word label inside or at the end of a block
    part_names: dict[str, str]  # lower-cased phrase -> part
    agreement_phrase: re.Pattern[str]
    series: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]

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
    long_alt = _alternation(list(names.keys() - short.keys()))
    short_alt = _alternation(list(short))
    label = re.compile(
        rf"^\s*(?:(?P<label>{long_alt})\s*[:?]?|(?P<short>{short_alt})\s*[:?])\s*", re.IGNORECASE
    )
    series = re.compile(
        rf"^(?P<word>{_alternation(data['series_words'])})\s+(?P<number>\d{{1,2}}[a-z]?)\b[:.]?\s*(?P<title>.*)$",
        re.IGNORECASE,
    )
    inline = re.compile(rf"(?<!\w)(?P<label>{long_alt})\s*(?:[:?]\s*|$)", re.IGNORECASE)
    return AgreementCues(
        part_label=label,
        inline_label=inline,
        part_names=names,
        agreement_phrase=re.compile(rf"^\s*(?:{_alternation(data['agreement_phrases'])})\b", re.IGNORECASE),
        series=series,
        future=re.compile(rf"\b(?:{_alternation(data['future_cues'])})\b", re.IGNORECASE),
        past=re.compile(rf"\b(?:{_alternation(data['past_cues'])})\b", re.IGNORECASE),
    )


@dataclass(frozen=True)
class StatusCues:
    priority: tuple[str, ...]
    pattern: re.Pattern[str]  # one named group per status: a sentence is scanned once

    def statuses(self, sentence: str) -> set[str]:
        return {m.lastgroup for m in self.pattern.finditer(sentence) if m.lastgroup}


@cache
def status_cues() -> StatusCues:
    data = _data("status_cues.yaml")
    groups = "|".join(f"(?P<{status}>{_alternation(phrases)})" for status, phrases in data["cues"].items())
    pattern = re.compile(rf"(?<!\w)(?:{groups})(?!\w)", re.IGNORECASE)
    return StatusCues(priority=tuple(data["priority"]), pattern=pattern)
