"""`copy_with`: pydantic's `model_copy(update=...)` for the small fact models, without its overhead.

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
    copied = object.__new__(type(model))
    _set(copied, "__dict__", {**model.__dict__, **update})
    _set(copied, "__pydantic_extra__", None)
    _set(copied, "__pydantic_fields_set__", model.__pydantic_fields_set__ | update.keys())
    _set(copied, "__pydantic_private__", None)
    return copied
