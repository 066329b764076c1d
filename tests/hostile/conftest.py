"""A store we write ourselves with hostile cells (markup, formulas) in two releases, and the app over it.

No SIPRI data: the register is synthetic, with real country names so claims and links resolve.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import dash
import pytest

from etl.config import Settings
from etl.ingest import ingest

# Debian's headless Chromium and a page in it, as the browser tests use them.
from tests.e2e.conftest import browser, page  # noqa: F401 - fixtures for test_markup_in_browser.py
from tests.etl.formats.test_formats import CLASSIC_HEADER, PREAMBLE

SCRIPT = "<script>window.__pwned = 1; alert('comment')</script>"
IMG = "<img src=x id=injected-img onerror=\"window.__pwned = 2; alert('designation')\">"
BOLD = "<b id=injected-bold>bold</b>"
HOSTILE_DESIGNATION = f"{IMG}Drone-X {BOLD}"
HOSTILE_COMMENT = f"{SCRIPT} deal worth $1 b {BOLD}"
FORMULAS = ("=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+2", "-3+4", "@SUM(1,2)", "\t=1", "\r=2")

# (recipient, supplier, order year, ordered, designation, description, delivered, delivery years, comments)
ROWS = [
    ("Pakistan", "Turkiye", "2021", "9", HOSTILE_DESIGNATION, "armed drone", "9", "2022; 2023", HOSTILE_COMMENT),
    ("Pakistan", "Turkiye", "2019", "4", FORMULAS[0], FORMULAS[1], "2", "2022", FORMULAS[2]),
    ("Pakistan", "Turkiye", "2018", "2", FORMULAS[3], "frigate", "1", "2023", FORMULAS[4]),
    ("India", "Russia", "2018", "5", "S-400 Triumf", "SAM system", "3", "2021; 2022", FORMULAS[5]),
    ("India", "United States", "2020", "24", "MH-60R Seahawk", "ASW helicopter", "6", "2021; 2022", ""),
]


def hostile_register(generated: str, rows: list[tuple[str, ...]] = ROWS) -> bytes:
    """A classic register (SIPRI's 16 columns, preamble, Latin-1) with the given rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for recipient, supplier, year, ordered, designation, description, delivered, years, comments in rows:
        writer.writerow([recipient, supplier, year, "", ordered, "", designation, description, delivered, "", years,
                         "New", comments, "2.4", "21.6", "21.6"])
    preamble = PREAMBLE.replace("18 May 2026 2:29:20 PM", generated)
    return (preamble + CLASSIC_HEADER + "\n" + buffer.getvalue()).encode("latin-1")


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Releases 2025 and 2026 of the hostile register."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("hostile") / "store")
    ingest([("hostile-2025.csv", hostile_register("13 Mar 2025 10:00:00 AM", ROWS[1:]))], settings)
    ingest([("hostile-2026.csv", hostile_register("18 May 2026 2:29:20 PM"))], settings)
    return settings


@pytest.fixture(scope="session")
def hostile_app(hostile_store: Settings) -> dash.Dash:
    from dashboard.app import create_app

    return create_app(hostile_store)


@pytest.fixture
def in_hostile_request(hostile_app: dash.Dash) -> Iterator[dash.Dash]:
    with hostile_app.server.test_request_context():
        yield hostile_app


def page_of(name: str) -> ModuleType:
    from tests.dashboard.conftest import page_module

    return page_module(name)


CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="session")
def upload_app(tmp_path_factory: pytest.TempPathFactory) -> dash.Dash:
    """An app over a store of its own, which the upload tests may fill."""
    from dashboard.app import create_app

    return create_app(Settings(store_dir=tmp_path_factory.mktemp("uploads") / "store"))


@pytest.fixture
def in_upload_request(upload_app: dash.Dash) -> Iterator[dash.Dash]:
    with upload_app.server.test_request_context():
        yield upload_app
