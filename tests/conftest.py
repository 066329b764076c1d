"""Shared fixtures: the real SIPRI files in ../shared/sipri and stores built from them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.config import Settings
from etl.ingest import ingest, read_paths

REPO = Path(__file__).resolve().parents[1]
# In-process apps over the session's stores must not read each other's answers from the on-disk
# cache (a test that patches a query expects it to run); the tests of that cache, and the team
# servers the e2e tests start, give it a folder of their own.
os.environ.setdefault("ARMS_EXPLORER_ANSWER_CACHE", "off")
SIPRI_DIR = Path(os.environ.get("ARMS_EXPLORER_SIPRI_DIR", REPO.parent / "shared" / "sipri"))
SKIP_REASON = (
    f"the real SIPRI files are not at {SIPRI_DIR} (they live in ../shared/sipri in the project's "
    "workplace and are never committed; set ARMS_EXPLORER_SIPRI_DIR to point elsewhere)"
)

RELEASE_2024_FILES = (
    "trade-register_2024-10-13.subset.csv",
    "delivery-rows_2024-04-16_1950-1989.subset.csv",
    "delivery-rows_2024-04-13_1990-2023.subset.csv",
    "tiv-imports_2024-10-13.subset.csv",
    "tiv-exports_2024-10-13.subset.csv",
)
RELEASE_2025_FILES = ("trade-register_2025-03-13.subset.csv",)
RELEASE_2026_FILES = ("trade-register_2026-05-18.subset.csv",)


def sipri_file(name: str) -> Path:
    """Path of a shared SIPRI file; skips the test (with the reason) where the folder is absent."""
    path = SIPRI_DIR / name
    if not path.exists():
        pytest.skip(SKIP_REASON)
    return path


@pytest.fixture(scope="session")
def sipri_dir() -> Path:
    if not SIPRI_DIR.is_dir():
        pytest.skip(SKIP_REASON)
    return SIPRI_DIR


def build_store(root: Path, *groups: tuple[str, ...]) -> Settings:
    """A store at `root` holding the shared files of the given releases."""
    settings = Settings(store_dir=root)
    for names in groups:
        ingest(read_paths([sipri_file(n) for n in names]), settings)
    return settings


@pytest.fixture(scope="session")
def store_all(tmp_path_factory: pytest.TempPathFactory, sipri_dir: Path) -> Settings:
    """A store with the shared 2024, 2025 and 2026 releases (read-only: do not ingest into it)."""
    return build_store(
        tmp_path_factory.mktemp("store_all"),
        RELEASE_2024_FILES,
        RELEASE_2025_FILES,
        RELEASE_2026_FILES,
    )


@pytest.fixture(scope="session")
def store_2024(tmp_path_factory: pytest.TempPathFactory, sipri_dir: Path) -> Settings:
    """A store with the shared 2024 release only (register, delivery rows, TIV tables)."""
    return build_store(tmp_path_factory.mktemp("store_2024"), RELEASE_2024_FILES)


@pytest.fixture
def empty_store(tmp_path: Path) -> Settings:
    return Settings(store_dir=tmp_path / "store")
