"""The real dashboard served on 127.0.0.1 (random free port) and Debian's headless Chromium.

Never downloads a browser: Playwright drives /usr/bin/chromium (installed by .ci/run).
`team_server` starts the README's gunicorn command (read from the README) for the tests that
need the team server itself: several workers, its config's limits, its read-only default.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# ---- the README's team server (gunicorn) ------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
GUNICORN_START_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, payload: dict[str, Any] | None = None, timeout: float = 30) -> tuple[int, bytes]:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - 127.0.0.1 only
        return response.status, response.read()


def readme_gunicorn_args() -> list[str]:
    """The arguments of the README's team-server command (what follows `.venv/bin/gunicorn`)."""
    match = re.search(r"\.venv/bin/gunicorn ([^`\n]+)`", README.read_text(encoding="utf-8"))
    assert match, "the README gives no gunicorn command"
    return shlex.split(match.group(1))


def callback_payload(dependencies: list[dict[str, Any]], output_prefix: str, values: dict[str, Any]) -> dict[str, Any]:
    """The request the browser sends for the callback whose output starts with `output_prefix`."""
    dep = next(d for d in dependencies if d["output"].startswith(output_prefix))

    def prop(p: dict[str, str]) -> dict[str, Any]:
        return {"id": p["id"], "property": p["property"], "value": values[f"{p['id']}.{p['property']}"]}

    outputs = [dict(zip(("id", "property"), o.split("."), strict=True)) for o in dep["output"].strip(".").split("...")]
    return {"output": dep["output"], "outputs": outputs, "inputs": [prop(i) for i in dep["inputs"]],
            "state": [prop(s) for s in dep["state"]], "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}


@dataclass(frozen=True)
class TeamServer:
    """A running `gunicorn` over `store`: its base URL, master process, logs and home folder."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path  # gunicorn's own log (boots, worker timeouts and kills)
    access_log: Path  # one line per request: worker pid, method, path, status
    home: Path
    store: Path

    def worker_pids(self) -> set[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return set()
        return {int(p) for p in text.split()}

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextlib.contextmanager
def running_team_server(store: Path, folder: Path, env: dict[str, str] | None = None,
                        args: list[str] | None = None) -> Iterator[TeamServer]:
    """The README's gunicorn command (or `args`, what follows `gunicorn`) over `store`, on a free
    127.0.0.1 port, in a home of its own (gunicorn's control socket goes there if opened), with the
    access log on; returns once every worker has booted and the app answers; stopped on exit."""
    folder.mkdir(parents=True, exist_ok=True)
    args = list(args or readme_gunicorn_args())
    workers = int(args[args.index("-w") + 1]) if "-w" in args else 1
    if "-b" in args:
        args[args.index("-b") + 1] = f"127.0.0.1:{free_port()}"  # loopback and a free port, not 0.0.0.0:8050
    else:
        args[-1:-1] = ["-b", f"127.0.0.1:{free_port()}"]
    port = args[args.index("-b") + 1].rsplit(":", 1)[1]
    access, log_path, home = folder / "access.log", folder / "gunicorn.log", folder / "home"
    home.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "gunicorn", *args[:-1], "--access-logfile", str(access),
               "--access-logformat", "%(p)s %(m)s %(U)s %(s)s", args[-1]]
    # The workers share their answers as the README's server does, in a folder of this server's own.
    environment = {**os.environ, "ARMS_EXPLORER_STORE": str(store), "HOME": str(home),
                   "ARMS_EXPLORER_ANSWER_CACHE": str(folder / "answers"), **(env or {})}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT)
        server = TeamServer(f"http://127.0.0.1:{port}", process, log_path, access, home, store)
        try:
            deadline = time.monotonic() + GUNICORN_START_SECONDS
            while True:
                try:
                    fetch(server.url + "/_dash-layout", timeout=5)
                    if len(server.worker_pids()) >= workers:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {server.log_text()[-2000:]}")
                time.sleep(0.3)
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def start_team_server(tmp_path: Path) -> Iterator[Callable[..., TeamServer]]:
    """Starts the README's team server: `start_team_server(store, env={...}, args=[...])`; every
    server started is stopped when the test ends."""
    with contextlib.ExitStack() as stack:
        count = 0

        def start(store: Path, env: dict[str, str] | None = None, args: list[str] | None = None) -> TeamServer:
            nonlocal count
            count += 1
            return stack.enter_context(running_team_server(Path(store), tmp_path / f"gunicorn-{count}", env, args))

        yield start


@pytest.fixture
def team_server_2024(start_team_server: Callable[..., TeamServer], store_2024: Settings) -> TeamServer:
    """The README's team server over the shared 2024 release, as the README starts it (read-only)."""
    return start_team_server(store_2024.store_dir)
