"""Fact models built from values the extractor computed and trusts, without pydantic's overhead.

`copy_with` is pydantic's `model_copy(update=...)`; `trusted` builds a model from all its field
values without validating them (OrgMatcher builds every mention this way: validating, or even
`model_construct`, cost more than the rest of the role assignment).

Every time expression and mention is copied once or twice on its way into a result (shifted from
block to document coordinates, then tied to an agreement): some 10,000 copies for the reference
corpus. `model_copy` goes through `__copy__`, `copy.copy` of each attribute dict and a config
lookup, about four times the work of building the copy directly.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__


def copy_with(model: M, update: dict[str, Any]) -> M:
    """The same as `model.model_copy(update=update)` (no validation, fields set grows by the update
    keys); tests/test_fast_copy.py checks that the two agree. A model with extra fields or private
    attributes (none in schemas.facts) takes pydantic's own path."""
    if model.__pydantic_extra__ is not None or model.__pydantic_private__ is not None:
        return model.model_copy(update=update)
    return _build(type(model), {**model.__dict__, **update}, model.__pydantic_fields_set__ | update.keys())


def trusted(cls: type[M], values: dict[str, Any], fields_set: frozenset[str] | set[str]) -> M:
    """A `cls` holding `values` (every field, in declaration order), not validated."""
    return _build(cls, values, set(fields_set))


def _build(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    built = object.__new__(cls)
    _set(built, "__dict__", values)
    _set(built, "__pydantic_extra__", None)
    _set(built, "__pydantic_fields_set__", fields_set)
    _set(built, "__pydantic_private__", None)
    return built
