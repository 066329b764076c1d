"""Researchers beside attackers on the README's team server: no failed researcher action, no killed worker.

Issue 13's load test: long claims near the reader's 50,000-character limit, 40,000-letter words
uploaded on an open server, whole-release diffs with no pause and hostile links, sent by a few
attackers while researchers browse (`benchmarks/bench_load.py --attackers`, the benchmark's own
code, with fewer users for a shorter time). Before issue 13, one long word uploaded made every
Check, Search and Diff of its release end in a worker timeout, and two long claims got both
workers killed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_load import ATTACKS, measure_under_attack, print_attacks, print_summary
from tests.load.conftest import SECONDS, USERS, WORKERS

pytestmark = [pytest.mark.load, pytest.mark.sipri]

ATTACKERS = 3


@pytest.mark.parametrize("uploads", [True, False], ids=["open-server", "read-only"])
def test_researchers_beside_attackers_lose_no_action_and_no_worker(
    load_store: Path, chromium: str, tmp_path: Path, uploads: bool
) -> None:
    summary = measure_under_attack(load_store, USERS, ATTACKERS, max(SECONDS, 20.0), WORKERS,
                                   tmp_path / "gunicorn.log", uploads=uploads, baseline_s=3.0, compare=False)
    print_summary(summary)
    print_attacks(summary)
    assert summary["failed"] == 0, summary["failures"]
    assert summary["worker_events"] == {"restarts": 0, "timeouts": 0, "killed": 0, "crashed": 0}
    assert summary["attack_harm"] == []
    # Every kind of attack was sent, and answered.
    assert set(summary["attacks"]) == set(ATTACKS)
    uploads_answered = summary["attacks"]["long_word_upload"]["statuses"]
    assert set(uploads_answered) == {"200"}, uploads_answered
    # On the open server the uploads were stored (the long word reported, not stored); read-only: none.
    assert (summary["release_files_after"] > summary["release_files_before"]) is uploads
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in log, log[-3000:]
