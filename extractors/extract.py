"""The extract stage: from a Document to all its facts.

The per-block work (time expressions, organisation mentions) is done once; agreements, progress
sections, dated commitments and references are then assembled from blocks and those facts, and
every fact is given document-level character spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from extractors.agreements import Draft, find_agreements
from extractors.commitments import (
    TaskLinker,
    Unit,
    build_commitment,
    commitment_of,
    sentence_units,
    shift_mention,
    shift_time,
    task_of,
    units_of,
)
from extractors.fast_copy import copy_with, trusted
from extractors.progress import SectionSpan, find_sections, is_dated_commitment, status_statements
from schemas import (
    Agreement,
    AgreementActor,
    Block,
    BlockKind,
    Commitment,
    Document,
    ExtractionResult,
    OrgMention,
    Role,
    TimeExpression,
    TimeKind,
    UnknownOrganisation,
)

if TYPE_CHECKING:
    from extractors.org_matcher import OrgMatcher

MAX_TITLE_CHARS = 160
MAX_KEY_CHARS = 60
_ROLE_RANK = {Role.actor: 0, Role.involved: 1, Role.mentioned: 2}
_ACTOR_FIELDS = frozenset({"organisation_id", "role"})


@dataclass
class BlockFacts:
    """Time expressions and mentions per block, with offsets relative to the block text."""

    times: dict[int, list[TimeExpression]] = field(default_factory=dict)
    mentions: dict[int, list[OrgMention]] = field(default_factory=dict)
    unknown: list[UnknownOrganisation] = field(default_factory=list)  # in document coordinates
    # The sentences of a block, split once: progress documents read each of their blocks for status
    # statements, dated commitments and the section's times.
    _sentences: dict[int, list[Unit]] = field(default_factory=dict)

    def sentences(self, block: Block) -> list[Unit]:
        """`sentence_units(block)`, shared between the stages (they only read the units)."""
        units = self._sentences.get(block.index)
        if units is None:
            units = self._sentences[block.index] = sentence_units(block)
        return units

    def times_in(self, unit: Unit) -> list[TimeExpression]:
        times = self.times.get(unit.block.index)
        if not times:  # most blocks: no list to filter
            return []
        return [t for t in times if unit.start <= t.char_start < unit.end]

    def mentions_in(self, unit: Unit) -> list[OrgMention]:
        mentions = self.mentions.get(unit.block.index)
        if not mentions:
            return []
        return [m for m in mentions if unit.start <= m.char_start < unit.end]


def slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:MAX_KEY_CHARS].rstrip("-") or "afspraak"


# The facts of a block depend only on its text, on whether it is a table (tables get no scan for
# unknown names) and on the document date (the reference of relative time expressions). Renderings
# and versions of one agreement share most paragraphs: on the reference corpus, 58 % of the text of
# the definitive AZWA PDF is in the onderhandelaarsakkoord PDF word for word, and 46 % in the text
# bundle. A worker that met a paragraph before reuses its facts. Bounded, so a long run over a large
# corpus does not grow it without end (an entry is a few hundred bytes).
_BlockKey = tuple[str, bool, date | None]
_BlockValue = tuple[list[TimeExpression], list[OrgMention], list[UnknownOrganisation]]
_MEMO: dict[_BlockKey, _BlockValue] = {}
_memo_matcher: OrgMatcher | None = None  # the matcher the memo's mentions came from
MEMO_ENTRIES = 50_000


def _block_facts(text: str, table: bool, ref: date | None, matcher: OrgMatcher) -> _BlockValue:
    """Time expressions, mentions and unknown names of one block, offsets relative to the block.
    The lists are shared with the memo: callers copy what they keep (no fact is changed in place)."""
    key = (text, table, ref)
    found = _MEMO.get(key)
    if found is None:
        from extractors.temporal import find_time_expressions

        times = find_time_expressions(text, ref)
        mentions, unknown = matcher.find_all(text, unknown=not table)
        found = (times, mentions, unknown)
        if len(_MEMO) >= MEMO_ENTRIES:
            _MEMO.clear()  # rare; simpler than an LRU and as good for documents processed in turn
        _MEMO[key] = found
    return found


def _facts_per_block(doc: Document) -> BlockFacts:
    from extractors.organisations import default_matcher

    global _memo_matcher
    matcher = default_matcher()
    if matcher is not _memo_matcher:  # a rebuilt registry (tests, a long-lived process) starts afresh
        _MEMO.clear()
        _memo_matcher = matcher
    facts = BlockFacts()
    ref = doc.meta.date
    for b in doc.blocks:
        if b.kind in (BlockKind.furniture, BlockKind.footnote):
            continue
        times, mentions, unknown = _block_facts(b.text, b.kind == BlockKind.table, ref, matcher)
        facts.times[b.index] = list(times)
        facts.mentions[b.index] = list(mentions)
        if not unknown:  # most blocks
            continue
        facts.unknown.extend(
            copy_with(
                u,
                {
                    "char_start": u.char_start + b.char_start,
                    "char_end": u.char_end + b.char_start,
                    "block": b.index,
                },
            )
            for u in unknown
        )
    return facts


def extract_facts(doc: Document) -> ExtractionResult:
    facts = _facts_per_block(doc)
    # A timeline goes on while its paragraphs hold dates; "dagelijks" in the narrative after it does not.
    drafts = find_agreements(doc, lambda i: any(t.kind == TimeKind.date for t in facts.times.get(i, [])))
    agreements = [_from_draft(doc, d, facts) for d in drafts]
    sections = find_sections(doc, structured=bool(agreements))
    statements = [s for span in sections for s in status_statements(span, facts.sentences)]
    if not agreements:
        series = [s for s in sections if s.series]
        agreements = (
            [_from_section(doc, s, facts) for s in series] if series else _letter_agreements(doc, facts)
        )
    _unique_keys(agreements)

    claimed: set[tuple[int, int]] = set()
    for a in agreements:
        claimed.update((t.char_start, t.char_end) for t in a.times)
        claimed.update((m.char_start, m.char_end) for m in a.mentions)
    outside_times = [
        shift_time(t, doc.blocks[i])
        for i, ts in facts.times.items()
        for t in ts
        if (t.char_start + doc.blocks[i].char_start, t.char_end + doc.blocks[i].char_start) not in claimed
    ]
    outside_mentions = [
        shift_mention(m, doc.blocks[i])
        for i, ms in facts.mentions.items()
        for m in ms
        if (m.char_start + doc.blocks[i].char_start, m.char_end + doc.blocks[i].char_start) not in claimed
    ]
    return ExtractionResult(
        agreements=agreements,
        time_expressions=outside_times,
        mentions=outside_mentions,
        unknown_organisations=facts.unknown,
        references=_references(doc),
        sections=[s.section for s in sections],
        status_statements=statements,
    )


# --- structured agreement blocks ------------------------------------------------------------------


def _from_draft(doc: Document, draft: Draft, facts: BlockFacts) -> Agreement:
    anchor = draft.anchor
    assert anchor is not None
    head = doc.blocks[anchor.block]
    units: dict[str, list[Unit]] = {}
    for part, entries in draft.parts.items():
        for block_index, start, end in entries:
            units.setdefault(part, []).extend(units_of(doc.blocks[block_index], start, part, end))
    who = units.get("wie") or units.get("afspraak") or []
    commitments: list[Commitment] = []
    for unit in who:
        c = build_commitment(len(commitments), unit, facts.mentions_in(unit), facts.times_in(unit))
        if c is not None:
            commitments.append(c)
    key = anchor.code or slug(anchor.title)
    # The parts after the agreement proper ("Wat zijn de regeldrukeffecten") are text of the block
    # but hold no commitments or deadlines of it.
    all_units = [u for part in ("afspraak", "wie", "tijdpad") for u in units.get(part, [])]
    times = _agreement_times(key, all_units, facts, commitments)
    mentions = [shift_mention(m, u.block) for u in all_units for m in facts.mentions_in(u)]
    mentions += [shift_mention(m, head) for m in facts.mentions.get(head.index, [])]
    last = doc.blocks[max(draft.blocks)]
    return Agreement(
        key=key,
        code=anchor.code,
        title=anchor.title,
        section=draft.section,
        what=" ".join(u.text for u in units.get("afspraak", [])),
        shape=draft.shape,
        commitments=commitments,
        actors=_actors(who, facts, mentions),
        mentions=mentions,
        times=times,
        text="\n\n".join(doc.blocks[i].text for i in sorted(set(draft.blocks))),
        char_start=head.char_start,
        char_end=last.char_end,
        block=head.index,
        page=head.page,
    )


def _agreement_times(
    key: str, units: list[Unit], facts: BlockFacts, commitments: list[Commitment]
) -> list[TimeExpression]:
    by_unit = {(c.block, c.char_start): c.index for c in commitments}
    linker = TaskLinker(commitments)
    out: list[TimeExpression] = []
    for unit in units:
        own = by_unit.get((unit.block.index, unit.doc_start))
        for t in facts.times_in(unit):
            task = task_of(unit.text, t.surface)
            linked = own if own is not None else linker.link(task)
            out.append(shift_time(t, unit.block, agreement_key=key, task=task, commitment=linked))
    return out


def _actors(who: list[Unit], facts: BlockFacts, mentions: list[OrgMention]) -> list[AgreementActor]:
    """Role per organisation: what it does in the who-part; elsewhere in the block it is mentioned."""
    acting = [
        (m.organisation_id, m.role) for u in who for m in facts.mentions_in(u) if m.role != Role.mentioned
    ]
    return _merge_roles(acting + [(m.organisation_id, Role.mentioned) for m in mentions])


# --- progress sections and letters ----------------------------------------------------------------


def _dated_commitments(
    doc: Document, blocks: list[Block], facts: BlockFacts
) -> list[tuple[Unit, list[OrgMention]]]:
    """Forward-looking dated sentences with their actors (inherited from the block's subject)."""
    out: list[tuple[Unit, list[OrgMention]]] = []
    for block in blocks:
        if block.kind not in (BlockKind.paragraph, BlockKind.list_item):
            continue
        subject: list[OrgMention] = []
        for unit in facts.sentences(block):
            own = [m for m in facts.mentions_in(unit) if m.role == Role.actor]
            if is_dated_commitment(unit.text, facts.times_in(unit), doc.meta.date, unit.start):
                out.append((unit, own or subject))
            subject = own or subject
    return out


def _letter_agreements(doc: Document, facts: BlockFacts) -> list[Agreement]:
    content = [b for b in doc.blocks if b.kind not in (BlockKind.furniture, BlockKind.footnote)]
    section = None
    out: list[Agreement] = []
    for block in content:
        if block.kind == BlockKind.heading:
            section = block.text
            continue
        for unit, actors in _dated_commitments(doc, [block], facts):
            title = unit.text.strip()
            if len(title) > MAX_TITLE_CHARS:
                title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + " …"
            key = slug(title)
            commitment = _commitment(0, unit, actors, facts)
            times = [
                shift_time(t, unit.block, agreement_key=key, task=task_of(unit.text, t.surface), commitment=0)
                for t in facts.times_in(unit)
            ]
            mentions = [shift_mention(m, unit.block) for m in facts.mentions_in(unit)]
            out.append(
                Agreement(
                    key=key,
                    code=None,
                    title=title,
                    section=section,
                    what=unit.text.strip(),
                    shape="letter",
                    commitments=[commitment],
                    actors=_roles_from(actors, mentions),
                    mentions=mentions,
                    times=times,
                    text=unit.text.strip(),
                    char_start=unit.doc_start,
                    char_end=unit.doc_end,
                    block=block.index,
                    page=block.page,
                )
            )
    return out


def _from_section(doc: Document, span: SectionSpan, facts: BlockFacts) -> Agreement:
    head = doc.blocks[span.section.block or 0]
    from extractors.cues import agreement_cues

    m = agreement_cues().series.match(span.section.title)
    code = m.group("number") if m else None
    title = (m.group("title") if m else span.section.title).strip() or span.section.title
    commitments = [
        _commitment(i, unit, actors, facts)
        for i, (unit, actors) in enumerate(_dated_commitments(doc, span.blocks, facts))
    ]
    by_unit = {(c.block, c.char_start): c.index for c in commitments}
    times: list[TimeExpression] = []
    mentions: list[OrgMention] = []
    for block in span.blocks:
        for unit in facts.sentences(block):
            for t in facts.times_in(unit):
                times.append(
                    shift_time(
                        t,
                        block,
                        agreement_key=span.section.key,
                        task=task_of(unit.text, t.surface),
                        commitment=by_unit.get((block.index, unit.doc_start)),
                    )
                )
        mentions.extend(shift_mention(m, block) for m in facts.mentions.get(block.index, []))
    paragraphs = [b.text for b in span.blocks if b.kind == BlockKind.paragraph]
    actors = [a for c in commitments for a in c.actors]
    return Agreement(
        key=span.section.key,
        code=code,
        title=title,
        section=span.section.title,
        what=paragraphs[0] if paragraphs else "",
        shape="cluster",
        commitments=commitments,
        actors=_roles_from(actors, mentions),
        mentions=mentions,
        times=times,
        text="\n\n".join(b.text for b in [head, *span.blocks]),
        char_start=span.section.char_start,
        char_end=span.section.char_end,
        block=head.index,
        page=head.page,
    )


def _commitment(index: int, unit: Unit, actors: list[OrgMention], facts: BlockFacts) -> Commitment:
    own = facts.mentions_in(unit)
    c = build_commitment(index, unit, own, facts.times_in(unit))
    if c is not None:
        return c
    # The actor is named in an earlier sentence of the block ("ZN werkt aan ... Het inkoopbeleid
    # wordt 1 juni 2026 gepubliceerd."): the commitment inherits it.
    inherited = [m if m.block is not None else shift_mention(m, unit.block) for m in actors]
    return commitment_of(
        index,
        unit,
        unit.text.strip(),
        "text",
        inherited + [shift_mention(m, unit.block) for m in own],
        [shift_time(t, unit.block) for t in facts.times_in(unit)],
    )


def _roles_from(actors: list[OrgMention], mentions: list[OrgMention]) -> list[AgreementActor]:
    """Actors of the dated commitments act; every other organisation in the section is as mentioned."""
    return _merge_roles(
        [(a.organisation_id, Role.actor) for a in actors] + [(m.organisation_id, m.role) for m in mentions]
    )


def _merge_roles(pairs: list[tuple[str, Role]]) -> list[AgreementActor]:
    """The strongest role per organisation: actor over involved over mentioned."""
    roles: dict[str, Role] = {}
    for organisation_id, role in pairs:
        if organisation_id not in roles or _ROLE_RANK[role] < _ROLE_RANK[roles[organisation_id]]:
            roles[organisation_id] = role
    # Built unvalidated: the ids come from the registry's mentions and the roles are Role members.
    return [
        trusted(AgreementActor, {"organisation_id": o, "role": Role(r)}, _ACTOR_FIELDS)
        for o, r in sorted(roles.items())
    ]


def _unique_keys(agreements: list[Agreement]) -> None:
    seen: dict[str, int] = {}
    for a in agreements:
        n = seen.get(a.key, 0)
        seen[a.key] = n + 1
        if n:
            new_key = f"{a.key}-{n + 1}"
            for t in a.times:
                t.agreement_key = new_key
            a.key = new_key


# --- references ---------------------------------------------------------


def _references(doc: Document) -> list:
    from extractors.references import find_references

    return find_references(doc)
