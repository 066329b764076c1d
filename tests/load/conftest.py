"""The real server (gunicorn, 2 workers, 127.0.0.1) over a store built for the load tests.

Sizes and durations come from the environment so CI stays within a few minutes while a person
can run the issue's full figures with the same code (`benchmarks/bench_load.py` does 50 x 60 s):

    ARMS_LOAD_USERS (default 20)   ARMS_LOAD_SECONDS (default 20)   ARMS_LOAD_DEALS (default 10000)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks.bench_load import CHROMIUM, Gunicorn
from tests.conftest import SIPRI_DIR, SKIP_REASON

USERS = int(os.environ.get("ARMS_LOAD_USERS", "20"))
SECONDS = float(os.environ.get("ARMS_LOAD_SECONDS", "20"))
DEALS = int(os.environ.get("ARMS_LOAD_DEALS", "10000"))
WORKERS = 2


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, which records the callback payloads the simulated users send."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    return CHROMIUM


@pytest.fixture(scope="session")
def load_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three releases of ARMS_LOAD_DEALS deals each, built from the shared subsets (read-only)."""
    if not SIPRI_DIR.is_dir():
        pytest.skip(SKIP_REASON)
    from benchmarks.bench_load import fullsize_store

    return fullsize_store(tmp_path_factory.mktemp("load"), DEALS)


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[Callable[..., Gunicorn]]:
    """Starts gunicorn over a store (`gunicorn(store)`); every server started is stopped afterwards."""
    started: list[Gunicorn] = []

    def start(store: Path, workers: int = WORKERS) -> Gunicorn:
        server = Gunicorn(store, tmp_path / f"gunicorn-{len(started)}.log", workers=workers)
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


def copy_store(store: Path, target: Path) -> Path:
    """A private copy of a store, for a test that damages or changes it."""
    shutil.copytree(store, target)
    return target
