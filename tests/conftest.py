"""Shared test fixtures: the reference corpus by path (skipped where absent) and golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AFSPRAKEN_SHARED", ROOT.parent / "shared")).resolve()
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def shared_file(relative: str) -> Path:
    """A file of ../shared/corpus (or ../shared/gold); skip the test with a clear reason if absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"reference corpus not available: {path} is absent (tests read ../shared by path)")
    return path


@pytest.fixture
def shared() -> object:
    return shared_file
