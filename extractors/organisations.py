"""Organisations: the curated registry, the matcher and the role of each mention (public API).

    from extractors.organisations import Registry, default_matcher

    reg = Registry.load()                      # extractors/data/organisations.yaml, cached
    reg.resolve("het Zorginstituut").id        # 'zorginstituut'
    reg.members("team-overheid")               # [Organisation(nza), ...]
    m = default_matcher()                      # built once per process
    m.find("VWS start in afstemming met ActiZ een verkenning.")
    # [OrgMention(organisation_id='vws', role=actor, ...), OrgMention(organisation_id='actiz', role=involved, ...)]
    m.find_unknown("De Galan Groep voert een nulmeting uit.")

The implementation lives in small modules: org_registry (data and resolution), org_tokens (the
tokenizer), org_matcher (phrase matching and the mention rules), org_phrases (the pattern tables), org_roles (actor / involved /
mentioned) and org_unknown (names for curation). docs/organisations.md describes the rules.
"""

from __future__ import annotations

from extractors.org_matcher import COMPOUND_MENTION_HEADS, OrgMatcher, default_matcher
from extractors.org_registry import KINDS, Registry, RegistryError, normalise_name
from extractors.org_roles import RoleLexicon
from schemas.facts import Organisation, OrgMention, Role, UnknownOrganisation


def find_mentions(text: str) -> list[OrgMention]:
    """Registry organisations in `text` with their roles, using the default matcher."""
    return default_matcher().find(text)


def find_unknown_organisations(text: str) -> list[UnknownOrganisation]:
    """Organisation-like names in `text` that the registry does not know, for curation."""
    return default_matcher().find_unknown(text)


__all__ = [
    "COMPOUND_MENTION_HEADS",
    "KINDS",
    "OrgMatcher",
    "OrgMention",
    "Organisation",
    "Registry",
    "RegistryError",
    "Role",
    "RoleLexicon",
    "UnknownOrganisation",
    "default_matcher",
    "find_mentions",
    "find_unknown_organisations",
    "normalise_name",
]
