"""`extractors.fast_copy.copy_with` gives what pydantic's `model_copy(update=...)` gives."""

from __future__ import annotations

from datetime import date

from extractors.fast_copy import copy_with
from extractors.org_matcher import _mention
from schemas.facts import Modifier, OrgMention, Role, TimeExpression, UnknownOrganisation


def _same(a: object, b: object) -> None:
    assert a == b
    assert type(a) is type(b)
    assert a.model_dump() == b.model_dump()  # type: ignore[attr-defined]
    assert a.model_dump_json() == b.model_dump_json()  # type: ignore[attr-defined]
    assert a.model_fields_set == b.model_fields_set  # type: ignore[attr-defined]
    assert list(a.__dict__) == list(b.__dict__)


def test_copy_with_equals_model_copy() -> None:
    t = TimeExpression(
        surface="eind 2026",
        value="2026",
        modifier=Modifier.approx,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        char_start=3,
        char_end=12,
    )
    update = {"char_start": 103, "char_end": 112, "block": 7, "agreement_key": "a1", "task": "x"}
    _same(copy_with(t, update), t.model_copy(update=update))
    m = OrgMention(organisation_id="vws", surface="VWS", role=Role.actor, char_start=3, char_end=6)
    _same(copy_with(m, {"block": 2}), m.model_copy(update={"block": 2}))
    fast = _mention("vws", "VWS", Role.actor, 3, 6)
    _same(copy_with(fast, {"char_start": 10}), fast.model_copy(update={"char_start": 10}))
    u = UnknownOrganisation(surface="NLZVE", context="de NLZVE gaat", char_start=1, char_end=6)
    _same(copy_with(u, {}), u.model_copy(update={}))


def test_copy_with_leaves_the_original_alone() -> None:
    t = TimeExpression(surface="2026", value="2026", char_start=0, char_end=4)
    copy_with(t, {"char_start": 9})
    assert t.char_start == 0 and t.model_fields_set == {"surface", "value", "char_start", "char_end"}
