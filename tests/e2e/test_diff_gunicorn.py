"""Two researchers open the whole-release diff at once on the README's team server (gunicorn -w 2).

Both must get their page (the summary by pair, a page of rows) and no worker may be killed: the
diff of two whole releases is prepared once, by one worker, while the other waits for it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.config import Settings
from tests.e2e.test_pair_gunicorn import REPO, fetch, free_port, readme_gunicorn_args

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

START_SECONDS = 60


def worker_pids(master: int) -> set[int]:
    try:
        return {int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()}
    except OSError:
        return set()


@pytest.fixture
def team_server(store_all: Settings, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path, Path]]:
    """The README's gunicorn command over a fresh copy of the three shared releases (nothing prepared
    yet); (base URL, the master process, its log, the store)."""
    store = tmp_path / "store"
    shutil.copytree(store_all.store_dir, store, ignore=shutil.ignore_patterns("prepared"))
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    args = readme_gunicorn_args()
    args[args.index("-b") + 1] = f"127.0.0.1:{port}"
    log_path = tmp_path / "gunicorn.log"
    env = {**os.environ, "ARMS_EXPLORER_STORE": str(store), "HOME": str(home)}
    with open(log_path, "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", *args], cwd=REPO, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    fetch(url + "/_dash-layout", timeout=5)
                    if len(worker_pids(server.pid)) == 2:
                        break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {log_path.read_text()[-2000:]}")
                time.sleep(0.3)
            yield url, server, log_path, store
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def test_two_users_open_the_whole_release_diff_at_once_and_both_get_their_page(team_server, browser):
    url, server, log_path, store = team_server
    workers = worker_pids(server.pid)
    assert len(workers) == 2
    users = [browser.new_context(viewport={"width": 1366, "height": 900}) for _ in range(2)]
    try:
        pages = [context.new_page() for context in users]
        errors: list[str] = []
        for page in pages:
            page.on("pageerror", lambda exc: errors.append(str(exc)))
        for page in pages:  # both asked before either is waited for
            page.goto(f"{url}/diff?from=2024&to=2026", wait_until="commit")
        statuses = []
        for page in pages:
            page.wait_for_selector("#diff-pairs", timeout=60_000)
            assert page.locator("#diff-pairs tbody tr").count() == 25
            statuses.append(page.inner_text("#diff-rows"))
            assert "choose a pair" in page.inner_text("#diff-results").lower()
        assert statuses[0] == statuses[1] and re.match(r"Pairs 1–25 of \d+ ", statuses[0]), statuses
        assert not errors, errors
    finally:
        for context in users:
            context.close()
    log = log_path.read_text()
    assert "WORKER TIMEOUT" not in log and "was sent SIGKILL" not in log, log[-2000:]
    assert worker_pids(server.pid) == workers, "a worker was replaced"
    # The two releases were matched once, for both workers.
    assert [p.name for p in store.rglob("prepared/diff-*.parquet")] == ["diff-from-2024-g1.parquet"]
