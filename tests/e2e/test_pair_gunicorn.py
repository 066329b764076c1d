"""The README's team server: its gunicorn command, read from the README, over a store; both workers alike.

No browser: the pair page and its main callback are asked for over HTTP as Chromium asks for
them, several times at once so both workers answer, and every answer must be the same.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from etl.config import Settings

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
WORKERS = 2
START_SECONDS = 60
PAIR = "/?release=2024&supplier=turkiye&recipient=pakistan"


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


def test_the_readmes_gunicorn_command_runs_two_workers_without_a_shared_control_socket() -> None:
    args = readme_gunicorn_args()
    assert args[args.index("-w") + 1] == str(WORKERS)
    assert "--no-control-socket" in args
    assert args[-1] == "dashboard.app:server"


@pytest.fixture
def team_server(store_2024: Settings, tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """The README's gunicorn command on a free 127.0.0.1 port, in a home of its own;
    (base URL, access log with worker pids, that home)."""
    port = free_port()
    access = tmp_path / "access.log"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "ARMS_EXPLORER_STORE": str(store_2024.store_dir), "HOME": str(home)}
    args = readme_gunicorn_args()
    args[args.index("-b") + 1] = f"127.0.0.1:{port}"  # loopback and a free port, not the README's 0.0.0.0:8050
    command = [
        sys.executable, "-m", "gunicorn", *args[:-1],
        "--access-logfile", str(access), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s",
        args[-1],
    ]
    with open(tmp_path / "gunicorn.log", "wb") as log:
        server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    fetch(url + "/_dash-layout", timeout=5)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"gunicorn did not start: {(tmp_path / 'gunicorn.log').read_text()[-2000:]}")
                    time.sleep(0.3)
            yield url, access, home
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def callback_payload(dependencies: list[dict[str, Any]], output_prefix: str, values: dict[str, Any]) -> dict[str, Any]:
    """The request the browser sends for the callback whose output starts with `output_prefix`."""
    dep = next(d for d in dependencies if d["output"].startswith(output_prefix))

    def prop(p: dict[str, str]) -> dict[str, Any]:
        return {"id": p["id"], "property": p["property"], "value": values[f"{p['id']}.{p['property']}"]}

    outputs = [dict(zip(("id", "property"), o.split("."), strict=True)) for o in dep["output"].strip(".").split("...")]
    return {"output": dep["output"], "outputs": outputs, "inputs": [prop(i) for i in dep["inputs"]],
            "state": [prop(s) for s in dep["state"]], "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}


def pair_payloads(url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the pages router drawing the pair page from its link, the page's main callback) for Turkiye -> Pakistan."""
    dependencies = json.loads(fetch(url + "/_dash-dependencies")[1])
    page = callback_payload(dependencies, ".._pages_content.children",
                            {"_pages_location.pathname": "/", "_pages_location.search": PAIR[1:]})
    main = callback_payload(dependencies, "..url.search...view-notice.children", {
        "release.value": "2024", "supplier.value": ["turkiye"], "recipient.value": ["pakistan"],
        "years.value": [1950, 2023], "category.value": [], "by.value": "category", "options.value": ["open-orders"],
        "shares.value": "5y", "chosen-deal.data": None, "compare-release.value": None, "url.href": url + PAIR,
        "url.search": PAIR[1:], "register-state.data": None, "register-key.data": None,
    })
    return page, main


def without_request_token(html: bytes) -> bytes:
    """The index page without the token Dash writes afresh into every copy of it."""
    return re.sub(rb'"end_id":"[^"]*"', b'"end_id":""', html)


def test_two_gunicorn_workers_serve_the_pair_page_alike(team_server: tuple[str, Path, Path]) -> None:
    url, access, _ = team_server
    page, main = pair_payloads(url)
    requests = 12
    with ThreadPoolExecutor(max_workers=4) as pool:
        index = list(pool.map(lambda _: fetch(url + PAIR), range(requests)))
        pages = list(pool.map(lambda _: fetch(url + "/_dash-update-component", page), range(requests)))
        answers = list(pool.map(lambda _: fetch(url + "/_dash-update-component", main), range(requests)))
    assert {status for status, _ in index + pages + answers} == {200}
    assert len({without_request_token(body) for _, body in index}) == 1
    assert len({body for _, body in pages}) == 1, "the workers laid the pair page out differently"
    assert b"Deal register" in pages[0][1] and b"turkiye" in pages[0][1]
    assert len({body for _, body in answers}) == 1, "the workers drew the pair differently"
    response = json.loads(answers[0][1])["response"]
    assert "recipient=pakistan" in response["url"]["search"]
    totals = next(t for t in response["tiv-chart"]["figure"]["data"] if (t.get("meta") or {}).get("kind") == "total")
    assert dict(zip(totals["x"], totals["text"], strict=True))[2023] == "223.6"
    # Every request is in the access log with the pid of the worker that answered it.
    time.sleep(0.5)
    served = [line.split() for line in access.read_text().splitlines()]
    callbacks = {pid for pid, method, path, _ in served if method == "POST" and path == "/_dash-update-component"}
    assert len(callbacks) == WORKERS, f"one worker answered every callback: {served}"


def test_the_team_server_leaves_no_control_socket_for_another_server_to_take(team_server: tuple[str, Path, Path]) -> None:
    url, _, home = team_server
    assert fetch(url + "/_dash-layout")[0] == 200
    assert not list(home.rglob("*.ctl")), "gunicorn opened a control socket (one path per user, shared by every server)"
    log = (home.parent / "gunicorn.log").read_text()
    assert "Control socket" not in log, log
