"""Headless Chromium for tests: render a page (URL or HTML file), save a screenshot, return its DOM.

    from tests.browser import Browser, browser_skip_reason, render

    if reason := browser_skip_reason():
        pytest.skip(reason)
    page = render(Path("output/reports/a__b.html"), SCREENSHOTS / "review.png")
    assert "Samenvatting" in page.text and "<svg" in page.html

    with Browser() as b:                       # one Chromium for several pages
        b.render("http://127.0.0.1:8001/", SCREENSHOTS / "home.png", wait_for="h1")

The browser is Debian's `chromium` (installed by `make sysdeps`), never a downloaded build. Python's
`playwright` drives it through `executable_path`; without playwright, Chromium's own command line
(`--screenshot`, `--dump-dom`) is the fallback, which renders but cannot wait for a selector.

Also here: `datasette_server(db)`, which runs `afspraken serve` on a free loopback port for a test.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from typing import IO

from tests.paths import ROOT

SCREENSHOTS = ROOT / "output" / "screenshots"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")
# The flags the project starts Chromium with: no sandbox (tests may run as root in a container), no
# GPU, nothing fetched in the background (updates, component downloads), no first-run dialogs.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
VIEWPORT = (1280, 900)
# Local pages load in well under a second; 20 s covers a cold Chromium start on a busy CI machine.
PAGE_TIMEOUT_S = 20


def chromium_path() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_skip_reason() -> str | None:
    """Why browser tests cannot run here, or None."""
    if chromium_path() is None:
        return "chromium is not installed (`make sysdeps` installs Debian's chromium package)"
    return None


@dataclass(frozen=True)
class RenderedPage:
    url: str
    text: str  # the visible text of the rendered page (body innerText)
    html: str  # the DOM after scripts ran, serialised
    screenshot: Path
    engine: str  # "playwright" or "chromium-cli"


def _url(target: str | Path) -> str:
    if isinstance(target, Path) or not re.match(r"^[a-z]+://", str(target)):
        return Path(target).resolve().as_uri()
    return str(target)


class _TextOf(HTMLParser):
    """Visible text of serialised HTML, for the command-line fallback (no innerText there)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    return html_lib.unescape(" ".join(" ".join(parser.parts).split()))


def _have_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


class Browser:
    """One headless Chromium with a fresh profile, for one or more pages."""

    def __init__(self, executable: str | None = None, prefer_playwright: bool = True) -> None:
        self.executable = executable or chromium_path()
        if self.executable is None:
            raise RuntimeError(browser_skip_reason())
        self.engine = "playwright" if prefer_playwright and _have_playwright() else "chromium-cli"
        self._profile: tempfile.TemporaryDirectory[str] | None = None
        self._playwright = None
        self._context = None

    def __enter__(self) -> Browser:
        self._profile = tempfile.TemporaryDirectory(prefix="afspraken-chromium-")
        if self.engine == "playwright":
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            # A persistent context is how playwright takes an explicit, fresh --user-data-dir.
            self._context = self._playwright.chromium.launch_persistent_context(
                self._profile.name,
                executable_path=self.executable,
                headless=True,
                args=list(CHROMIUM_FLAGS),
                viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]},
                timeout=PAGE_TIMEOUT_S * 1000,
            )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._context is not None:
            self._context.close()
        if self._playwright is not None:
            self._playwright.stop()
        if self._profile is not None:
            self._profile.cleanup()

    def render(
        self, target: str | Path, screenshot: Path, wait_for: str | None = None, full_page: bool = True
    ) -> RenderedPage:
        """Open `target` (URL or file), wait for `wait_for` (a CSS selector) if given, save a PNG."""
        url = _url(target)
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if self.engine == "playwright":
            assert self._context is not None, "use Browser() as a context manager"
            page = self._context.new_page()
            try:
                page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_S * 1000)
                if wait_for:
                    page.wait_for_selector(wait_for, timeout=PAGE_TIMEOUT_S * 1000)
                page.screenshot(path=str(screenshot), full_page=full_page)
                return RenderedPage(url, page.inner_text("body"), page.content(), screenshot, self.engine)
            finally:
                page.close()
        return self._render_cli(url, screenshot)

    def _render_cli(self, url: str, screenshot: Path) -> RenderedPage:
        assert self._profile is not None and self.executable is not None, "use Browser() as a context manager"
        base = [
            self.executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={self._profile.name}",
            f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}",
        ]
        screenshot.unlink(missing_ok=True)
        # Current Chromium writes the screenshot and dumps the DOM in one run; older ones did one of the two.
        dom = subprocess.run(
            [*base, f"--screenshot={screenshot}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=PAGE_TIMEOUT_S,
            check=True,
        ).stdout
        if not screenshot.exists():
            subprocess.run(
                [*base, f"--screenshot={screenshot}", url],
                capture_output=True,
                timeout=PAGE_TIMEOUT_S,
                check=True,
            )
        return RenderedPage(url, text_of(dom), dom, screenshot, self.engine)


def render(
    target: str | Path, screenshot: Path, wait_for: str | None = None, full_page: bool = True
) -> RenderedPage:
    """Render one page in a Chromium of its own (see Browser for several pages)."""
    with Browser() as browser:
        return browser.render(target, screenshot, wait_for=wait_for, full_page=full_page)


# --- a Datasette for tests --------------------------------------------------------------------------

SERVE_START_TIMEOUT_S = 30
# The console script's entry point, run by this interpreter (`python -m pipeline.cli` would load
# pipeline.cli twice, as __main__ and as the module the verbs register with).
AFSPRAKEN = (sys.executable, "-c", "import sys; from pipeline.cli import main; sys.exit(main())")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServeProcess:
    proc: subprocess.Popen
    base_url: str
    database: str  # Datasette's name for the database (the file's stem)
    log: IO[str]  # what `afspraken serve` and Datasette printed; closed once it has stopped
    final_output: str | None = None

    def output(self) -> str:
        if self.final_output is not None:
            return self.final_output
        self.log.seek(0)
        return self.log.read()


def fetch(url: str, timeout: float = 10) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # loopback only
        return response.read()


def _wait_until_ready(server: ServeProcess) -> None:
    deadline = time.monotonic() + SERVE_START_TIMEOUT_S
    while True:
        if server.proc.poll() is not None:
            raise RuntimeError(f"afspraken serve exited with {server.proc.returncode}: {server.output()}")
        try:
            fetch(f"{server.base_url}/-/versions.json", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"Datasette did not answer at {server.base_url} in {SERVE_START_TIMEOUT_S} s"
                ) from None
            time.sleep(0.2)


@contextmanager
def datasette_server(db: Path) -> Iterator[ServeProcess]:
    """`afspraken serve` on a free 127.0.0.1 port; stopped with Ctrl-C (SIGINT to its process group).
    After the block, `proc.returncode` and `output()` tell how it stopped."""
    port = free_port()
    # A file, not a pipe: Datasette logs every request, and a full pipe would block it.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [*AFSPRAKEN, "serve", "--port", str(port), "--db", str(db)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, like a terminal's foreground job
        )
        server = ServeProcess(proc, f"http://127.0.0.1:{port}", db.stem, log)
        try:
            _wait_until_ready(server)
            yield server
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            server.final_output = server.output()
