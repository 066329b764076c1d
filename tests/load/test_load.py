"""Simulated researchers against the real server: no failed request, a killed worker, an ingest mid-browse.

Each test starts gunicorn (2 workers, 127.0.0.1), records the callback payloads Chromium sends,
and replays them from many threads (`benchmarks/bench_load.py`, the benchmark's own code).
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_load import (
    ACTIONS,
    Call,
    LoadResult,
    check_response,
    print_summary,
    record_flows,
    run_users,
    store_pairs,
    warm_up,
)
from etl.config import Settings
from etl.ingest import ingest, read_paths
from tests.conftest import RELEASE_2024_FILES, sipri_file
from tests.etl.formats.test_formats import PREAMBLE, synthetic_classic
from tests.load.conftest import SECONDS, USERS, WORKERS

pytestmark = [pytest.mark.load, pytest.mark.sipri]


def _report(result: LoadResult, users: int, label: str) -> dict[str, Any]:
    summary = result.summary()
    summary.update(users=users, workers=WORKERS, release=label, pairs=0, worker_rss_mb=[],
                   failures=[d.error for d in result.failures()][:10],
                   static={"requests_per_s": float("nan"), "per_action": {}})
    print_summary(summary)
    return summary


def test_many_users_browse_without_a_failed_request(load_store: Path, gunicorn: Any, chromium: str) -> None:
    server = gunicorn(load_store)
    label, pairs = store_pairs(load_store)
    flows = record_flows(server.url, label, pairs[0])
    warm_up(server.url, flows, pairs, WORKERS)
    result = run_users(server.url, flows, pairs, USERS, SECONDS)
    summary = _report(result, USERS, label)
    assert result.failures() == []
    assert set(summary["per_action"]) == set(ACTIONS)
    assert all(a["p95_ms"] is not None for a in summary["per_action"].values())
    assert "Traceback" not in server.log_text()


def test_a_killed_worker_is_replaced_and_no_request_after_the_restart_fails(
    load_store: Path, gunicorn: Any, chromium: str
) -> None:
    server = gunicorn(load_store)
    label, pairs = store_pairs(load_store)
    flows = record_flows(server.url, label, pairs[0])
    warm_up(server.url, flows, pairs, WORKERS)
    seconds = max(SECONDS, 12.0)
    box: dict[str, LoadResult] = {}
    users = threading.Thread(target=lambda: box.update(r=run_users(server.url, flows, pairs, USERS, seconds)))
    users.start()
    time.sleep(seconds / 3)
    before = server.worker_pids()
    victim = before[0]
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    restarted_at = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = server.worker_pids()
        if victim not in now and len(now) == WORKERS:
            restarted_at = time.monotonic()
            break
        time.sleep(0.05)
    users.join(timeout=seconds + 200)
    result = box["r"]
    _report(result, USERS, label)
    assert restarted_at is not None, "gunicorn did not replace the killed worker within 30 s"
    late_failures = [d for d in result.failures() if d.started >= restarted_at]
    assert late_failures == []
    # Answered all along: actions finished while the worker was down or booting, and after.
    assert any(d.ok and killed_at <= d.ended for d in result.done)
    assert sum(1 for d in result.done if d.ok and d.started >= restarted_at) >= 5
    in_flight = [d for d in result.failures() if d.started < restarted_at]
    print(f"worker {victim} killed; replaced after {(restarted_at - killed_at) * 1000:.0f} ms; "
          f"{len(in_flight)} action(s) in flight on it failed")


# ---- an ingest while users browse ---------------------------------------------------------------

_DATE = re.compile(r"data generated (\d{1,2} [A-Z][a-z]{2} \d{4})")
PAIR = ("turkiye", "pakistan")
ADDED = {"1 Dec 2024": 3, "2 Dec 2024": 2, "3 Dec 2024": 4}


def _generation_file(date: str, deals: int) -> bytes:
    """A classic register of the same release (2024) adding `deals` Turkiye -> Pakistan deals."""
    preamble = PREAMBLE.replace("Data generated: 18 May 2026 2:29:20 PM", f"Data generated: {date}")
    rows = [f"Pakistan,Turkiye,2021,,9,,Test-Drone {date} {i},armed drone,9,,2022; 2023,New,,2.4,21.6,21.6"
            for i in range(deals)]
    return synthetic_classic(*rows, preamble=preamble)


def _find(value: Any, key: str) -> Any:
    """The `children` of the component whose id is `key`, anywhere in a Dash response."""
    if isinstance(value, dict):
        props = value.get("props")
        if isinstance(props, dict) and props.get("id") == key:
            return props.get("children")
        for item in value.values():
            found = _find(item, key)
            if found is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _find(item, key)
            if found is not None:
                return found
    return None


def test_an_ingest_while_users_browse_gives_whole_releases_and_shows_at_once(
    tmp_path: Path, gunicorn: Any, chromium: str
) -> None:
    settings = Settings(store_dir=tmp_path / "store")
    ingest(read_paths([sipri_file(n) for n in RELEASE_2024_FILES[:3]]), settings)
    server = gunicorn(settings.store_dir)
    flows = record_flows(server.url, "2024", PAIR)
    seen: list[tuple[float, str, str, int]] = []  # (time, what, date, deals)
    lock = threading.Lock()

    def observe(action: str, call: Call, status: int, body: bytes) -> str | None:
        problem = check_response(action, call, status, body)
        if problem or call.method != "POST" or status != 200:
            return problem
        text = body.decode("utf-8")
        dates = set(_DATE.findall(text))
        if "view-notice.children" in call.output:
            deals = _find(json.loads(text)["response"]["headline"]["children"], "headline-deals")
            what = "pair view"
        elif call.output == "download.data":
            content = json.loads(text)["response"]["download"]["data"]["content"]
            deals = sum(1 for line in content.splitlines() if not line.startswith("#")) - 1
            what = "CSV export"
        else:
            return None
        if len(dates) != 1:
            return f"{what}: one response names {len(dates)} data dates: {sorted(dates)}"
        with lock:
            seen.append((time.monotonic(), what, dates.pop(), int(deals)))
        return None

    warm_up(server.url, flows, [PAIR], WORKERS)
    seconds = max(SECONDS, 20.0)
    box: dict[str, LoadResult] = {}
    users = threading.Thread(target=lambda: box.update(r=run_users(
        server.url, flows, [PAIR], USERS, seconds, check=observe, actions=ACTIONS[:3], think_s=(0.0, 0.2))))
    users.start()
    ingested_at = []
    for date, count in ADDED.items():
        time.sleep(seconds / (len(ADDED) + 2))
        ingest([(f"generation-{date}.csv", _generation_file(date, count))], settings)
        ingested_at.append(time.monotonic())
    users.join(timeout=seconds + 200)
    result = box["r"]
    assert result.failures() == []
    # Each data date comes with exactly one deal count: never one release's date with another's rows.
    counts: dict[str, set[int]] = defaultdict(set)
    for _t, _what, date, deals in seen:
        counts[date].add(deals)
    assert all(len(c) == 1 for c in counts.values()), dict(counts)
    base = counts["13 Oct 2024"].pop()
    added = 0
    for date, count in ADDED.items():
        added += count
        assert counts.get(date) in (None, {base + added}), (date, counts.get(date))
    # The newest generation is what every request after the last ingest sees (no restart).
    after = [(what, date) for t, what, date, _ in seen if t > ingested_at[-1] + 3.0]
    assert after and all(date == "3 Dec 2024" for _, date in after), after[:5]
    print(f"{len(seen)} responses checked; dates seen: {sorted(counts)}")
