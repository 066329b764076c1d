"""The README's team server: its gunicorn command, read from the README, over a store; both workers alike.

No browser: the pair page and its main callback are asked for over HTTP as Chromium asks for
them, several times at once so both workers answer, and every answer must be the same.
"""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.e2e.conftest import TeamServer, callback_payload, fetch, readme_gunicorn_args

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

WORKERS = 2
PAIR = "/?release=2024&supplier=turkiye&recipient=pakistan"


def test_the_readmes_gunicorn_command_runs_two_workers_without_a_shared_control_socket() -> None:
    args = readme_gunicorn_args()
    assert args[args.index("-w") + 1] == str(WORKERS)
    assert "--no-control-socket" in args
    assert args[-1] == "dashboard.app:server"


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
        "context.value": ["interstate", "embargoes"], "context-marks.value": "",
    })
    return page, main


def without_request_token(html: bytes) -> bytes:
    """The index page without the token Dash writes afresh into every copy of it."""
    return re.sub(rb'"end_id":"[^"]*"', b'"end_id":""', html)


def test_two_gunicorn_workers_serve_the_pair_page_alike(team_server_2024: TeamServer) -> None:
    url, access = team_server_2024.url, team_server_2024.access_log
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


def test_the_team_server_leaves_no_control_socket_for_another_server_to_take(team_server_2024: TeamServer) -> None:
    assert fetch(team_server_2024.url + "/_dash-layout")[0] == 200
    home = team_server_2024.home
    assert not list(home.rglob("*.ctl")), "gunicorn opened a control socket (one path per user, shared by every server)"
    log = team_server_2024.log_text()
    assert "Control socket" not in log, log
