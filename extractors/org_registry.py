"""The curated organisation registry (data/organisations.yaml) and name resolution.

The registry is data: ids, names, abbreviations, aliases, kinds and coalition members. This module
loads and validates it, and resolves a written name to its entry irrespective of case, a leading
article, spacing, hyphen spacing and a trailing annotation in parentheses ("Staatscommissie
(zorgstelsel)", "Zorginstitituut (typo)").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.datafile import load_yaml
from schemas.facts import Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PATH = DATA_DIR / "organisations.yaml"

KINDS = frozenset(
    {
        "ministry",
        "regulator",
        "inspectorate",
        "branch",
        "patient_client",
        "insurer",
        "knowledge",
        "municipality",
        "coalition",
        "role_group",
        "programme_body",
        "government",
        "company",
    }
)
# Articles dropped before comparing names; "uw" is not one ("uw Kamer" is an alias as written).
ARTICLES = ("de ", "het ", "een ", "'t ", "’t ")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_SPACES = re.compile(r"\s+")
_HYPHEN_SPACES = re.compile(r"\s*-\s*(?=\w)")
# Space after a hyphen, except in an ellipsis ("ECD- en EPD-leveranciers").
_HYPHEN_GAP = re.compile(r"-\s+(?!(?:en|of|tot)\b)")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


class RegistryError(ValueError):
    """The registry file is malformed (duplicate id, unknown member, unknown kind...)."""


def normalise_name(text: str) -> str:
    """Comparison key for a name: NFC, quotes unified, lower case, single spaces, no leading article.

    Hyphen spacing is closed up ("AZWA- partijen" == "AZWA-partijen") but elliptical hyphens keep
    their space ("ECD- en EPD-leveranciers"), because a word follows only after "en"/"of".
    """
    s = unicodedata.normalize("NFC", text).translate(_QUOTES).strip()
    s = _SPACES.sub(" ", s).lower()
    s = _HYPHEN_GAP.sub("-", s)
    for art in ARTICLES:
        if s.startswith(art):
            s = s[len(art) :]
            break
    return s.strip(" .,;:")


def _looks_like_acronym(form: str) -> bool:
    letters = "".join(filter(str.isalpha, form))
    upper = sum(map(str.isupper, letters))
    # All capitals (ZIN, V&VN) or short with two capitals (NZa): the matcher's acronym rule.
    return (
        bool(letters)
        and " " not in form.strip()
        and (upper == len(letters) or (len(letters) <= 4 and upper >= 2))
    )


@dataclass(frozen=True)
class Entry:
    """One registry entry with the matcher-only fields the Organisation schema does not carry."""

    org: Organisation
    case_sensitive: frozenset[str] = frozenset()
    after: dict[str, tuple[str, ...]] = field(default_factory=dict)
    resolve_only: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.org.id

    def surface_forms(self) -> Iterator[str]:
        """Every name the matcher searches for (name, abbreviation, aliases; resolve-only excluded)."""
        seen: set[str] = set()
        for form in (self.org.name, self.org.abbreviation, *self.org.aliases):
            if form and form not in seen and form not in self.resolve_only:
                seen.add(form)
                yield form


class Registry:
    """Organisations by id, with name resolution. Load with `Registry.load()` (cached default)."""

    def __init__(self, entries: list[Entry], path: Path | None = None) -> None:
        self.path = path
        self._entries: dict[str, Entry] = {}
        for e in entries:
            if e.id in self._entries:
                raise RegistryError(f"{path}: duplicate id {e.id!r}")
            self._entries[e.id] = e
        self._validate()
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._folded_names: set[str] = set()  # folded forms of names that are not acronyms
        for e in self._entries.values():
            for form in (*e.surface_forms(), *e.resolve_only, e.id):
                self._exact.setdefault(unicodedata.normalize("NFC", form).strip(), e.id)
                key = normalise_name(form)
                self._folded.setdefault(key, e.id)
                if not _looks_like_acronym(form):
                    self._folded_names.add(key)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """The registry in `path` (default: extractors/data/organisations.yaml, loaded once)."""
        if path is None:
            return _default_registry()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> Registry:
        raw = load_yaml(path.read_text(encoding="utf-8"))
        if not isinstance(raw, list):
            raise RegistryError(f"{path}: expected a list of entries")
        entries: list[Entry] = []
        for item in raw:
            try:
                org = Organisation(
                    id=item["id"],
                    name=item["name"],
                    abbreviation=item.get("abbreviation"),
                    aliases=[a for a in item.get("aliases") or [] if a],
                    kind=item["kind"],
                    members=list(item.get("members") or []),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise RegistryError(f"{path}: bad entry {item!r}: {exc}") from exc
            after = {k: tuple(v) for k, v in (item.get("after") or {}).items()}
            entries.append(
                Entry(
                    org=org,
                    case_sensitive=frozenset(item.get("case_sensitive") or ()),
                    after=after,
                    resolve_only=tuple(item.get("resolve_only") or ()),
                )
            )
        return cls(entries, path)

    def _validate(self) -> None:
        for e in self._entries.values():
            if e.org.kind not in KINDS:
                raise RegistryError(f"{self.path}: {e.id}: unknown kind {e.org.kind!r}")
            for m in e.org.members:
                if m not in self._entries:
                    raise RegistryError(f"{self.path}: {e.id}: unknown member {m!r}")
            forms = set(e.surface_forms())
            for alias in (*e.case_sensitive, *e.after):
                if alias not in forms:
                    raise RegistryError(f"{self.path}: {e.id}: {alias!r} is not one of its names")

    @property
    def entries(self) -> list[Organisation]:
        return [e.org for e in self._entries.values()]

    def entry(self, org_id: str) -> Entry:
        return self._entries[org_id]

    def raw_entries(self) -> list[Entry]:
        return list(self._entries.values())

    def get(self, org_id: str) -> Organisation | None:
        e = self._entries.get(org_id)
        return e.org if e else None

    def members(self, org_id: str) -> list[Organisation]:
        e = self._entries.get(org_id)
        return [self._entries[m].org for m in e.org.members] if e else []

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._entries

    def knows(self, name: str) -> bool:
        """Whether `name` is one of the registry's names: exactly as written for acronyms (so that
        "ZIN" is known and "Zin" is not), else case- and article-insensitively."""
        name = unicodedata.normalize("NFC", name).strip()
        return name in self._exact or normalise_name(name) in self._folded_names

    def resolve(self, text: str) -> Organisation | None:
        """The entry a written name refers to, or None.

        Tries the exact form, then the case/article/spacing-insensitive form, then without a trailing
        note in parentheses, and finally lets the matcher read the text: a combined form such as
        "ministeries van VWS en Financiën" resolves to its first organisation.
        """
        if not text or not text.strip():
            return None
        exact = unicodedata.normalize("NFC", text).strip()
        org_id = self._exact.get(exact) or self._folded.get(normalise_name(exact))
        if org_id is None:
            stripped = _TRAILING_NOTE.sub("", exact)
            if stripped and stripped != exact:
                org_id = self._exact.get(stripped) or self._folded.get(normalise_name(stripped))
                exact = stripped
        if org_id is None:
            from extractors.org_matcher import OrgMatcher  # local: the matcher imports this module

            found = OrgMatcher.for_registry(self).find(exact)
            if found:
                org_id = found[0].organisation_id
        return self._entries[org_id].org if org_id else None


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    return Registry._read(DEFAULT_PATH)
