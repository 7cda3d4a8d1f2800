"""Headless Chromium renders the Datasette home and a canned query page; screenshots in output/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import SCREENSHOTS, Browser, browser_skip_reason, datasette_server

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the module: starting it takes about 2 s."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    with Browser() as b:
        yield b


def _is_screenshot(path: Path) -> bool:
    # A blank page compresses to a few hundred bytes; a rendered one is tens of kilobytes.
    return path.read_bytes()[:8] == PNG_SIGNATURE and path.stat().st_size > 5_000


def test_render_a_local_file(browser: Browser, tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(
        "<!doctype html><html><body><h1>Samenvatting</h1><svg width='200' height='20'>"
        "<rect width='120' height='20' fill='#369'/></svg><script>document.body.append('script ran')</script>"
        "</body></html>",
        encoding="utf-8",
    )
    page = browser.render(page_file, tmp_path / "page.png", wait_for="h1")
    assert "Samenvatting" in page.text and "script ran" in page.text
    assert "<svg" in page.html and page.url.startswith("file://")
    assert (tmp_path / "page.png").read_bytes()[:8] == PNG_SIGNATURE


@pytest.mark.corpus
@pytest.mark.slow
def test_datasette_home_and_a_canned_query_render(browser: Browser, reference_db: Path) -> None:
    with datasette_server(reference_db) as server:
        home = browser.render(f"{server.base_url}/", SCREENSHOTS / "datasette-home.png", wait_for="h1")
        assert "afspraken" in home.text  # the metadata's title
        assert server.database in home.text

        query = browser.render(
            f"{server.base_url}/{server.database}/moties?status=afgedaan",
            SCREENSHOTS / "datasette-moties.png",
            wait_for="table.rows-and-columns",
        )
        assert "Moties and their status" in query.text
        assert "kst-36600-XVI-61" in query.text
        assert "motie van de leden Thiadens en Eerdmans" in query.text

    for shot in ("datasette-home.png", "datasette-moties.png"):
        assert _is_screenshot(SCREENSHOTS / shot), shot


def test_command_line_fallback_renders_without_playwright(browser: Browser, tmp_path: Path) -> None:
    # Where the playwright package is missing, Chromium's own --screenshot/--dump-dom still work.
    page_file = tmp_path / "fallback.html"
    page_file.write_text("<!doctype html><h1>Tijdlijn</h1><script>document.write('<p>dom ok</p>')</script>")
    with Browser(prefer_playwright=False) as cli_browser:
        page = cli_browser.render(page_file, tmp_path / "fallback.png")
    assert page.engine == "chromium-cli"
    assert "Tijdlijn" in page.text and "dom ok" in page.text
    assert (tmp_path / "fallback.png").read_bytes()[:8] == PNG_SIGNATURE
