"""Issue 13's reproductions on the README's team server (gunicorn -w 2, dashboard/gunicorn.conf.py).

Finding 2: a Comments cell of 40,000 letters, uploaded on the Data page of an open server, made
every Check, Search and Diff request of its release end in a worker timeout and HTTP 500 after
30 s, for good. Finding 3: a claim of 19,998 characters (`$1 UK ` repeated) cost a minute of a
worker, 1.3 GB and 180 MB of JSON. Here each of those requests must be answered within 2 s (the
issue's own bound, the finding itself: the old code took 30 s or more, so this is no speed
target) with a response that is bounded in size.

The requests are what Chromium sends (recorded from the running server, never guessed), then
sent again over HTTP and timed from the first byte sent to the last byte read (the fastest of
three tries, so that other work on the machine does not decide).
"""

from __future__ import annotations

import base64
import copy
import json
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest

from etl.config import Settings
from etl.store import Store
from tests.e2e.conftest import TeamServer, callback_payload, fetch, running_team_server
from tests.hostile.conftest import hostile_register

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

BOUND_S = 2.0  # the bound: answered within 2 s, where the old code took 30 s and more
MAX_RESPONSE_BYTES = 1_000_000
TRIES = 3
LETTERS = "a" * 40_000
CLAIM = "Turkiye delivered 6 Bayraktar TB2 drones to Pakistan in 2023"
MONEY_CLAIM = ("$1 UK " * 3_334)[:19_998]  # the claim: 3,334 verdict parts, 59-76 s, 180 MB before
# A real article's worth of claims, past the reader's cap of 60: the answer says how many were left out.
MANY_CLAIMS = "Turkiye delivered 6 Bayraktar TB2 drones to Pakistan in 2023 under a $1 million deal. " * 230
POISONED_ROWS = [
    ("Pakistan", "Turkiye", "2021", "9", "Drone-X", "armed drone", "9", "2022; 2023",
     f"deal worth $1 b {LETTERS} designation"),
    ("Pakistan", "Turkiye", "2019", "4", "Frigate-Y", "frigate", "2", "2022", "Incl 2 produced under licence"),
]


@dataclass(frozen=True)
class Recorded:
    """The callback requests Chromium sent for one action, and the claim or search typed."""

    posts: list[dict[str, Any]]
    typed: str = ""


@pytest.fixture(scope="module")
def open_server(store_all: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamServer]:
    """The README's team server with uploads allowed, over a copy of the shared 2024-2026 releases."""
    folder = tmp_path_factory.mktemp("hostile-gunicorn")
    store = folder / "store"
    shutil.copytree(store_all.store_dir, store, ignore=shutil.ignore_patterns("prepared"))
    with running_team_server(store, folder / "server", env={"ARMS_EXPLORER_ALLOW_UPLOADS": "1"}) as server:
        yield server


@pytest.fixture(scope="module")
def upload_answer(open_server: TeamServer) -> bytes:
    """The Data page's answer to the upload of a register whose Comments hold a 40,000-letter word."""
    dependencies = json.loads(fetch(open_server.url + "/_dash-dependencies")[1])
    contents = "data:text/csv;base64," + base64.b64encode(
        hostile_register("18 May 2026 2:29:20 PM", POISONED_ROWS)).decode()
    upload = callback_payload(dependencies, "..upload-result.children",
                              {"upload.contents": [contents], "upload.filename": ["long-word.csv"]})
    status, body = fetch(open_server.url + "/_dash-update-component", upload, timeout=60)
    assert status == 200
    return body


@pytest.fixture(scope="module")
def recorded(open_server: TeamServer, upload_answer: bytes, browser: Any) -> dict[str, Recorded]:
    """Check, Search and the whole-release Diff of release 2026 (after the upload), as Chromium asks."""
    calls: list[dict[str, Any]] = []

    def seen(req: Any) -> None:
        if req.method == "POST" and urlsplit(req.url).path == "/_dash-update-component":
            calls.append(json.loads(req.post_data or "{}"))

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.on("request", seen)
    out: dict[str, Recorded] = {}
    try:
        url = open_server.url
        page.goto(f"{url}/check?release=2026", wait_until="networkidle", timeout=60_000)
        calls.clear()
        page.fill("#check-text", CLAIM)
        page.click("#check-run")
        page.wait_for_selector(".claim-card", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        out["check"], calls[:] = Recorded(list(calls), CLAIM), []
        page.goto(f"{url}/search?release=2026", wait_until="networkidle", timeout=60_000)
        calls.clear()
        page.fill("#search-text", "drones")
        page.click("#search-run")
        page.wait_for_selector("#search-table, #search-empty", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        out["search"], calls[:] = Recorded(list(calls), "drones"), []
        page.goto(f"{url}/diff?from=2024&to=2026", timeout=60_000)
        page.wait_for_selector("#diff-pairs", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        out["diff"] = Recorded(list(calls))
    finally:
        context.close()
    for name, action in out.items():
        assert action.posts, f"recording {name} caught no callback request; the page has changed"
    return out


def replaced(value: Any, old: str, new: str) -> Any:
    """A recorded request with the text typed (`old`) replaced by `new` wherever it was sent."""
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, list):
        return [replaced(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: replaced(v, old, new) for k, v in value.items()}
    return value


def timed(url: str, payload: dict[str, Any]) -> tuple[float, int, bytes]:
    """(wall seconds, status, body) of one callback request."""
    started = time.perf_counter()
    status, body = fetch(url + "/_dash-update-component", payload, timeout=60)
    return time.perf_counter() - started, status, body


def answered_within_bound(server: TeamServer, action: str, posts: list[dict[str, Any]], what: str,
                          bound_s: float | None = BOUND_S,
                          fresh: Callable[[dict[str, Any], int], dict[str, Any]] | None = None) -> list[bytes]:
    """Every recorded request of `action`, asked twice over (so both workers have answered one
    before the timed round): each answered with 200, no error shown, within `bound_s` (None: within
    the server's own request budget, past which it answers 503) and under 1 MB. `fresh(payload, n)`
    makes each timed try a text the server has not read yet (it keeps its last few readings)."""
    for payload in posts:  # each worker reads the release once, as after a restart
        for _ in range(2):
            fetch(server.url + "/_dash-update-component", payload, timeout=60)
    bodies = []
    for payload in posts:
        # The fastest of three: the machine's other work can hold a worker off the CPU for a
        # while, which says nothing of what the request costs (a regression costs every try).
        tries = [timed(server.url, fresh(payload, n) if fresh else payload) for n in range(TRIES)]
        seconds, status, body = min(tries, key=lambda t: t[0])
        output = str(payload.get("output", ""))[:60]
        assert all(t[1] == 200 for t in tries), f"{action} {output}: HTTP {[t[1] for t in tries]}"
        assert b"alert-error" not in body, f"{action} {output}: an error shown {body[:300]!r}"
        assert bound_s is None or seconds < bound_s, (
            f"{action}'s callback {output} took {seconds:.1f} s on {what}; issue 13 asks for an answer "
            f"within {bound_s:g} s (the old code: a worker timeout and HTTP 500 after 30 s)")
        assert len(body) < MAX_RESPONSE_BYTES, f"{action} {output}: a response of {len(body):,} bytes"
        print(f"{action} on {what}: {output[:30]} {seconds:.2f} s, {len(body):,} bytes")
        bodies.append(body)
    return bodies


def test_a_40000_letter_comments_cell_is_reported_at_upload_with_its_line_and_not_stored(
    open_server: TeamServer, upload_answer: bytes
) -> None:
    text = upload_answer.decode()
    assert "Stored in release 2026" in text
    assert "line 6" in text and "Comments cell holds 40,000 characters without a space" in text, text[:2000]
    store = Store(open_server.store)
    release = store.release("2026")
    long_word = next(f for f in release.files if f["name"] == "long-word.csv")
    assert long_word["origin"] == "upload" and long_word["records_reported"] == 1
    assert not store.table(release, "deals")["comments"].str.contains(LETTERS[:1000], regex=False).any()


def test_check_search_and_diff_of_the_release_with_the_long_word_answer_within_2_s(
    open_server: TeamServer, recorded: dict[str, Recorded]
) -> None:
    what = "release 2026 after the 40,000-letter Comments cell was uploaded"
    check = b"".join(answered_within_bound(open_server, "Check", recorded["check"].posts, what))
    assert b"Bayraktar TB-2" in check and b"claim-card" in check
    search = b"".join(answered_within_bound(open_server, "Search", recorded["search"].posts, what))
    assert b"(page 1 of " in search  # a page of the deals found
    diff = b"".join(answered_within_bound(open_server, "Diff", recorded["diff"].posts, what))
    assert b"diff-pairs" in diff
    log = open_server.log_text()
    assert "WORKER TIMEOUT" not in log and "SIGKILL" not in log, log[-2000:]


def test_the_19998_character_money_claim_is_answered_within_2_s_with_a_bounded_response(
    open_server: TeamServer, recorded: dict[str, Recorded]
) -> None:
    check = recorded["check"]
    posts = [replaced(copy.deepcopy(p), check.typed, MONEY_CLAIM) for p in check.posts]
    assert any(MONEY_CLAIM in json.dumps(p) for p in posts)
    answers = answered_within_bound(open_server, "Check", posts, "the 19,998-character claim of '$1 UK '",
                                    fresh=lambda p, n: replaced(copy.deepcopy(p), MONEY_CLAIM, MONEY_CLAIM[:-2] + f"{n:2d}"))
    text = b"".join(answers).decode()
    # No claim of an arms transfer in it (the old code made 3,334 verdict parts of it): said so.
    assert "Sentences with no arms-transfer claim" in text and "claim-card" not in text
    # The link keeps the text under a short id, not the 19,998 characters.
    searches = [json.loads(a)["response"].get("check-url", {}).get("search", "") for a in answers]
    assert any(searches) and all(len(s) < 200 for s in searches), searches
    assert "WORKER TIMEOUT" not in open_server.log_text()


def test_an_article_past_the_claim_cap_is_answered_in_the_request_budget_and_says_how_many_were_left_out(
    open_server: TeamServer, recorded: dict[str, Recorded]
) -> None:
    assert len(MANY_CLAIMS) < 20_000
    check = recorded["check"]
    posts = [replaced(copy.deepcopy(p), check.typed, MANY_CLAIMS) for p in check.posts]
    # A whole article's budget is the server's per-request one (issue 13: "the same budget"), not 2 s.
    answers = answered_within_bound(open_server, "Check", posts, "an article of 230 claims", bound_s=None)
    text = b"".join(answers).decode()
    assert "170 claim(s) after the first 60 were not checked" in text, text[:1000]
