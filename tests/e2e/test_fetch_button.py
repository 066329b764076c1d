"""The data page's "Fetch from SIPRI" button: in Chromium, and under gunicorn with two workers.

SIPRI is the replay server of tests/etl/fetch/fetch_server.py on 127.0.0.1, answering with the answer
recorded from SIPRI's backend (../shared/sipri), late where a test needs a slow SIPRI.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from dashboard.fetch import job as fetch_job
from etl.config import Settings
from etl.store import Store
from tests.conftest import RELEASE_2024_FILES, build_store, sipri_file
from tests.e2e.conftest import TeamServer, callback_payload, fetch, serve
from tests.etl.fetch.fetch_server import ReplayServer, Reply, by_layout
from tests.etl.fetch.test_fetch import CLASSIC_CSV, RECORDED, backend_json

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

PAIR = "/?release=2024&supplier=turkiye&recipient=pakistan"
CHART_TEXT = "#tiv-chart .main-svg text"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # urllib honours proxy variables; requests to the replay server must go straight to 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def sipri_replay(delivery_delay_s: float) -> ReplayServer:
    """SIPRI's backend: the recorded delivery-level answer (late by `delivery_delay_s`), a small classic register."""
    recorded = sipri_file(RECORDED).read_bytes()
    return ReplayServer(by_layout(Reply(body=recorded, delay_s=delivery_delay_s),
                                  Reply(body=backend_json(CLASSIC_CSV))))


def fast(settings: Settings, base_url: str) -> Settings:
    return Settings(store_dir=settings.store_dir, sipri_base_url=base_url, fetch_timeout_s=60.0, fetch_retries=0,
                    fetch_backoff_s=0.0, fetch_pause_s=0.0)


def fill_years(page: Any, first: int, last: int) -> None:
    page.fill("#fetch-from-year", str(first))
    page.fill("#fetch-to-year", str(last))


def test_fetch_button_shows_progress_then_the_report_and_the_new_release(
    tmp_path: Path, page: Any, shoot: Any
) -> None:
    with sipri_replay(delivery_delay_s=6.0) as sipri:
        settings = fast(Settings(store_dir=tmp_path / "store"), sipri.base_url)
        with contextlib.contextmanager(serve)(settings) as served:
            page.goto(served.url + "/data")
            page.wait_for_selector("#fetch-start")
            assert page.is_disabled("#fetch-cancel")
            fill_years(page, 2000, 2001)
            page.click("#fetch-start")
            page.wait_for_selector("#fetch-progress", timeout=10_000)
            assert "Fetching from SIPRI: delivery years 2000-2001, started at" in page.inner_text("#fetch-heading")
            page.wait_for_function(
                "() => (document.querySelector('#fetch-message')?.innerText || '').includes('Asking SIPRI for the delivery-level register')",
                timeout=10_000)
            assert page.is_enabled("#fetch-cancel")
            page.wait_for_function("() => /^elapsed 0:0[2-9]$/.test(document.querySelector('#fetch-elapsed')?.innerText)",
                                   timeout=10_000)
            shoot(page, "data-fetch-progress")
            page.wait_for_selector("#fetch-report", timeout=30_000)
            assert page.inner_text("#fetch-ok") == "Stored in release 2024."
            report = page.inner_text("#fetch-report")
            assert "sipri-delivery-rows_2000-2001.csv: delivery-level register, data generated 2025-02-10T10:52:58, " \
                   "release 2024: 1414 records read, 1414 stored" in report
            assert "sipri-trade-register_2000-2001.csv: classic trade register" in report
            assert page.is_disabled("#fetch-cancel")
            page.wait_for_selector("#store-releases a:text('2024')")
            shoot(page, "data-fetch-done")
            page.click("#fetch-explore")
            page.wait_for_selector(CHART_TEXT, timeout=20_000)
    assert len(sipri.requests) == 2


def test_while_sipri_is_slow_other_pages_answer_and_a_second_user_sees_the_running_fetch(
    tmp_path: Path, browser: Any, page: Any, shoot: Any
) -> None:
    store = build_store(tmp_path / "store", RELEASE_2024_FILES)
    with sipri_replay(delivery_delay_s=12.0) as sipri:
        settings = fast(store, sipri.base_url)
        with contextlib.contextmanager(serve)(settings) as served:
            page.goto(served.url + "/data")
            page.wait_for_selector("#fetch-start")
            fill_years(page, 2000, 2001)
            page.click("#fetch-start")
            page.wait_for_selector("#fetch-progress", timeout=10_000)
            began = time.monotonic()
            # Another user, meanwhile: the pair page draws its chart (its callbacks answer).
            other = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
            other.goto(served.url + PAIR)
            other.wait_for_selector(CHART_TEXT, timeout=20_000)
            assert time.monotonic() - began < 12, "the pair page waited for SIPRI"
            job = fetch_job.read_job(settings)
            assert job is not None and job.running, "the fetch ended before the other page answered"
            # The other user opens the data page: it shows the running fetch, and a click starts no other.
            other.goto(served.url + "/data")
            other.wait_for_selector("#fetch-progress", timeout=10_000)
            other.click("#fetch-start")
            other.wait_for_selector("#fetch-busy", timeout=10_000)
            started = job.started_at.strftime("%H:%M UTC")
            assert other.inner_text("#fetch-busy").startswith(f"A fetch started at {started} is running")
            shoot(other, "data-fetch-busy")
            other.click("#fetch-cancel")
            other.wait_for_selector("#fetch-cancelling", timeout=10_000)
            # The first user's page sees the cancel, then the end, by polling.
            page.wait_for_selector("#fetch-cancelling", timeout=10_000)
            page.wait_for_selector("#fetch-cancelled", timeout=30_000)
            assert page.inner_text("#fetch-cancelled") == "The fetch was cancelled; nothing was stored."
            shoot(page, "data-fetch-cancelled")
            other.context.close()
    assert len(sipri.requests) == 1
    assert [i.label for i in Store.from_settings(store).releases()] == ["2024"]
    assert not (Path(store.store_dir) / "snapshots").exists() or not any((Path(store.store_dir) / "snapshots").iterdir())


# ---- under gunicorn: two workers, one job file ------------------------------------------------------


class FetchPanel:
    """The data page's fetch callbacks, asked for over HTTP as Chromium asks for them."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dependencies = json.loads(fetch(url + "/_dash-dependencies")[1])

    def _call(self, trigger: str, values: dict[str, Any]) -> dict[str, Any]:
        deps = [d for d in self.dependencies if f"{d['inputs'][0]['id']}.{d['inputs'][0]['property']}" == trigger]
        payload = callback_payload(deps, "..fetch-status.children", values)
        status, body = fetch(self.url + "/_dash-update-component", payload)
        assert status == 200
        return json.loads(body)["response"]  # type: ignore[no-any-return]

    def start(self, first: int = 2000, last: int = 2001) -> str:
        return json.dumps(self._call("fetch-start.n_clicks", {
            "fetch-start.n_clicks": 1, "fetch-from-year.value": first, "fetch-to-year.value": last,
            "fetch-suppliers.value": "", "fetch-recipients.value": ""})["fetch-status"])

    def cancel(self) -> str:
        return json.dumps(self._call("fetch-cancel.n_clicks", {"fetch-cancel.n_clicks": 1})["fetch-status"])

    def poll(self) -> tuple[str, bool]:
        """(the status shown, as JSON text; whether polling stops)."""
        response = self._call("fetch-poll.n_intervals", {"fetch-poll.n_intervals": 1})
        return json.dumps(response["fetch-status"]), response["fetch-poll"]["disabled"]


def answered_by(access_log: Path) -> set[str]:
    """Pids of the workers that answered a callback, from gunicorn's access log."""
    time.sleep(0.2)  # the log is written after the answer
    served = [line.split() for line in access_log.read_text().splitlines()]
    return {pid for pid, method, *_ in served if method == "POST"}


def poll_until_ended(panel: FetchPanel, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown, ended = panel.poll()
        if ended:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"the fetch did not end within {seconds} s")


def test_two_gunicorn_workers_share_one_fetch_its_cancel_and_a_dead_worker_s_end(
    tmp_path: Path, start_team_server: Callable[..., TeamServer]
) -> None:
    store = tmp_path / "store"
    with sipri_replay(delivery_delay_s=10.0) as sipri:
        env = {"ARMS_EXPLORER_SIPRI_URL": sipri.base_url,
               "ARMS_EXPLORER_FETCH_PAUSE": "0", "ARMS_EXPLORER_FETCH_RETRIES": "0",
               "ARMS_EXPLORER_FETCH_TIMEOUT": "60",
               "ARMS_EXPLORER_ALLOW_UPLOADS": "1"}  # the team server is read-only for data otherwise
        server = start_team_server(store, env=env)  # the README's command
        panel = FetchPanel(server.url)
        began = time.monotonic()
        assert "Fetching from SIPRI: " in panel.start()
        assert time.monotonic() - began < 5, "starting the fetch waited for SIPRI"
        job = fetch_job.read_job(Settings(store_dir=store))
        assert job is not None and job.running
        # Every worker shows the same running fetch (polls go to both: see the access log).
        started = job.started_at.strftime("%H:%M UTC")
        for _ in range(10):  # which worker accepts a connection is up to them
            with ThreadPoolExecutor(max_workers=8) as pool:
                polls = list(pool.map(lambda _: panel.poll(), range(24)))
            assert all(f"started at {started}" in shown and not ended for shown, ended in polls)
            if len(answered_by(server.access_log)) == 2:
                break
        assert len(answered_by(server.access_log)) == 2, "one worker answered every callback"
        assert f"A fetch started at {started} is running" in panel.start(1990, 1991)
        assert "Cancelling: the fetch stops at its next step" in panel.cancel()
        # SIPRI's late answer arrives, then the fetch stops without storing anything.
        assert "The fetch was cancelled; nothing was stored." in poll_until_ended(panel)
        assert not (store / "manifest.json").exists()

        # A worker killed while it fetches: any worker then says so, and a new fetch may start.
        assert "Fetching from SIPRI: " in panel.start()
        job = fetch_job.read_job(Settings(store_dir=store))
        assert job is not None and job.running
        os.kill(job.pid, signal.SIGKILL)
        shown = poll_until_ended(panel)
        assert (f"stopped without finishing: the server process running it (pid {job.pid}) has ended, "
                "perhaps in a restart; fetch again.") in shown
        assert "Fetching from SIPRI: " in panel.start()
        assert "The fetch was cancelled" in (panel.cancel() and poll_until_ended(panel))
        assert not (store / "manifest.json").exists()
    # The last fetch may be cancelled before it has asked SIPRI anything.
    assert len(sipri.requests) in (2, 3)
