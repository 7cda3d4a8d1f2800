"""Reading the data files (registries, cue phrases, patterns) fast: libyaml's C loader where present."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The pure-Python loader takes ~0.6 s for the organisation registry alone; every worker and every CLI
# call pays it, so the C loader (shipped with PyYAML's wheels) is used whenever it is available.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | Path) -> Any:
    """Parse YAML text, or the YAML file at `source` when it is a Path."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return yaml.load(text, Loader=_LOADER)
