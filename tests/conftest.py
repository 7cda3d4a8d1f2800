"""Shared pytest options: golden files are compared unless --update-golden rewrites them."""

from __future__ import annotations

import pytest


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


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A database of the whole reference corpus plus the project's samples, built once per session."""
    from pipeline.console import Reporter
    from pipeline.orchestrate import extract, local_executor
    from tests.paths import CORPUS, ROOT

    if not CORPUS.exists():
        pytest.skip(f"reference corpus not available: {CORPUS} is absent (tests read ../shared by path)")
    db = tmp_path_factory.mktemp("reference") / "afspraken.db"
    stats = extract([CORPUS, ROOT / "corpus"], db, local_executor(2), Reporter(quiet=True))
    assert stats.failed == 0, "the reference corpus must load without failures"
    return db
