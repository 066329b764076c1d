"""Two researchers open the whole-release diff at once on the README's team server (gunicorn -w 2).

Both must get their page (the summary by pair, a page of rows) and no worker may be killed: the
diff of two whole releases is prepared once, by one worker, while the other waits for it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from etl.config import Settings
from tests.e2e.conftest import TeamServer

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

@pytest.fixture
def team_server(start_team_server: Callable[..., TeamServer], store_all: Settings, tmp_path: Path) -> TeamServer:
    """The README's gunicorn command over a fresh copy of the three shared releases (nothing prepared yet)."""
    store = tmp_path / "store"
    shutil.copytree(store_all.store_dir, store, ignore=shutil.ignore_patterns("prepared"))
    return start_team_server(store)


def test_two_users_open_the_whole_release_diff_at_once_and_both_get_their_page(team_server: TeamServer, browser):
    url, store = team_server.url, team_server.store
    workers = team_server.worker_pids()
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
    log = team_server.log_text()
    assert "WORKER TIMEOUT" not in log and "was sent SIGKILL" not in log, log[-2000:]
    assert team_server.worker_pids() == workers, "a worker was replaced"
    # The two releases were matched once, for both workers.
    assert [p.name for p in store.rglob("prepared/diff-*.parquet")] == ["diff-from-2024-g1.parquet"]
