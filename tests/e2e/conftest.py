"""The real dashboard served on 127.0.0.1 (random free port) and Debian's headless Chromium.

Never downloads a browser: Playwright drives /usr/bin/chromium (installed by .ci/run).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from etl.config import Settings

CHROMIUM = os.environ.get("ARMS_EXPLORER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"


@dataclass(frozen=True)
class Served:
    url: str
    settings: Settings


def serve(settings: Settings) -> Iterator[Served]:
    """The dashboard for `settings`, served from a thread until the generator is closed."""
    from dashboard.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}", settings)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def served_2024(store_2024: Settings) -> Iterator[Served]:
    yield from serve(store_2024)


@pytest.fixture
def served_empty(empty_store: Settings) -> Iterator[Served]:
    yield from serve(empty_store)


# Module scope, not session: a sync Playwright left running blocks any other one in the process
# (tests/hostile imports this fixture; tests/load drives its own Chromium).
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def shoot() -> object:
    """Takes a full-page screenshot by name (see `screenshot`)."""
    return screenshot


def screenshot(page: object, name: str) -> Path:
    """A full-page screenshot in tests/e2e/screenshots/ (git-ignored), for people to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
