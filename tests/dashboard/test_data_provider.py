"""One reader of release tables for the whole dashboard: a release is read from the store once
per worker, whichever pages ask for it, and checking, searching and diffing on the shared frames
gives what they give on the store's own tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import queries
from dashboard.verify import queries as verify_queries
from etl.config import Settings
from etl.store import Store
from etl.verify.article import ReleaseData, check_text


@pytest.fixture
def fresh_caches() -> None:
    queries.clear_caches()
    verify_queries.clear_caches()


def test_every_page_reads_a_release_from_the_store_once(
    store_2024: Settings, fresh_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    original = Store.table

    def counting(self: Store, release, name, categories=()):  # type: ignore[no-untyped-def]
        reads.append(f"{release.label}/{name}")
        return original(self, release, name, categories)

    monkeypatch.setattr(Store, "table", counting)
    queries.release_data(store_2024, "2024")             # the pair, profile, compare, flows pages
    verify_queries.verify_data(store_2024, "2024")       # search
    verify_queries.check_data(store_2024, "2024")        # check
    assert sorted(reads) == ["2024/deals", "2024/deliveries"]
    whole = verify_queries.verify_data(store_2024, "2024").deals
    slim = queries.release_data(store_2024, "2024").deals
    assert len(whole) == len(slim) and list(whole["deal_id"]) == list(slim["deal_id"])


def test_checking_on_the_shared_frames_gives_the_stores_verdicts(store_2024: Settings, fresh_caches: None) -> None:
    text = ("Turkey will supply Pakistan with MilGem corvettes. Pakistan received Bayraktar TB2 drones "
            "from Turkiye in 2022. China delivered J-10C fighters to Pakistan.")
    shared = verify_queries.check_data(store_2024, "2024")
    plain = ReleaseData.load(Store.from_settings(store_2024), "2024")
    # the two differ in how they hold text (categories against plain strings), not in what they say
    assert isinstance(shared.deals["designation"].dtype, pd.CategoricalDtype)
    assert not isinstance(plain.deals["designation"].dtype, pd.CategoricalDtype)
    ours, theirs = (json.dumps(check_text(text, d).as_dict(), sort_keys=True, default=str) for d in (shared, plain))
    assert ours == theirs
    assert '"verdict": "recorded"' in ours or '"verdict": "partly_recorded"' in ours


def test_only_the_provider_reads_store_tables() -> None:
    """A page that read the store itself would hold a second copy of a release per worker.
    (`verify_queries` reads only the results it prepared itself, never a release's tables.)"""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "dashboard"
    readers = sorted(
        str(path.relative_to(root)) for path in root.rglob("*.py")
        if re.search(r"\.table\(", path.read_text(encoding="utf-8"))
    )
    assert readers == ["data.py"], readers


def test_a_dashboard_worker_reads_arrow_on_the_system_allocator() -> None:
    """The team server's worker imports `dashboard.app` first (gunicorn dashboard.app:server):
    Arrow's own default pool is then the C allocator, whose freed pages go back to the system
    (mimalloc kept ~20 MB per worker)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    out = subprocess.run(
        [sys.executable, "-c", "import dashboard.app, pyarrow; print(pyarrow.default_memory_pool().backend_name)"],
        capture_output=True, text=True, check=True, env=env,
    )
    assert out.stdout.strip() == "system"
