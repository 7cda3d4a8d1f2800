"""Where tests find the reference corpus (../shared, read by path, never copied) and fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AFSPRAKEN_SHARED", ROOT.parent / "shared")).resolve()
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(relative: str) -> Path:
    """A file under ../shared (e.g. "corpus/text/x.txt"); skip the test with a clear reason if absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"reference corpus not available: {path} is absent (tests read ../shared by path)")
    return path
