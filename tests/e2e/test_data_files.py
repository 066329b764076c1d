"""The Data page's list of files per release, and the admin's Remove control, in Chromium.

Issue 13, finding 4: a fabricated file dropped on the Data page joined a release and was cited as
SIPRI's, and no page listed who added what or took a file out. Here, on an open server, a file
uploaded on the page is listed as uploaded, the pair's chart credit says the release holds it, and
its Remove control takes it out: the list, the figures and the credit are as before. On a
read-only server the list is there, the control is not (the callback's refusal of a hand-made
removal is tests/hostile/test_read_only_server.py's).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from etl.config import Settings
from etl.store import Store
from tests.e2e.conftest import Served, serve
from tests.e2e.test_pages import PAIR, TOTALS_JS, open_pair
from tests.hostile.conftest import hostile_register

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

# One made-up Turkiye -> Pakistan deal, delivered in 2023 (21.6 TIV): it changes the pair's 2023 total.
FABRICATED = hostile_register("13 Oct 2024 10:00:00 AM", [
    ("Pakistan", "Turkiye", "2021", "9", "Made-Up Drone", "armed drone", "9", "2023", "")])
UPLOADED_NOTE = "includes 1 file uploaded by a user of this server, not verified as SIPRI's: made-up.csv"


def served_copy(store_2024: Settings, tmp_path: Path, **changes: Any) -> Iterator[Served]:
    store = tmp_path / "store"
    shutil.copytree(store_2024.store_dir, store, ignore=shutil.ignore_patterns("prepared"))
    yield from serve(Settings(store_dir=store, **changes))


@pytest.fixture
def open_site(store_2024: Settings, tmp_path: Path) -> Iterator[Served]:
    yield from served_copy(store_2024, tmp_path, allow_uploads=True)


@pytest.fixture
def read_only_site(store_2024: Settings, tmp_path: Path) -> Iterator[Served]:
    yield from served_copy(store_2024, tmp_path, allow_uploads=False)


def listed(page: Any) -> list[dict[str, str]]:
    """The rows of the Data page's file list, by column heading."""
    heads = page.locator("#store-files thead th").all_inner_texts()
    out = []
    for row in page.locator("#store-files tbody tr").all():
        out.append(dict(zip(heads, row.locator("td").all_inner_texts(), strict=True)))
    return out


def test_the_list_shows_every_file_with_how_when_sha_date_and_rows(read_only_site: Served, page: Any) -> None:
    page.goto(read_only_site.url + "/data")
    page.wait_for_selector("#store-files tbody tr")
    rows = listed(page)
    files = Store(read_only_site.settings.store_dir).release("2024").files
    assert sorted(r["File"] for r in rows) == sorted(f["name"] for f in files)
    register = next(r for r in rows if r["File"] == "trade-register_2024-10-13.subset.csv")
    entry = next(f for f in files if f["name"] == register["File"])
    assert register["How it came"] == "ingest (command line)" and register["sha256"] == entry["sha256"][:12]
    assert register["Data generated"] == "13 Oct 2024" and register["Rows stored"] == f"{entry['records_stored']:,}"
    assert register["Added"].startswith(entry["added_at"][:10]) and register["Added"].endswith("UTC")
    early = next(r for r in rows if r["File"] == "delivery-rows_2024-04-16_1950-1989.subset.csv")
    assert early["Data generated"] == "16 Apr 2024"
    # Read-only: no Remove control, no upload.
    assert "Remove" not in page.locator("#store-files thead").inner_text()
    assert page.locator("#store-files button").count() == 0 and page.locator("#upload").count() == 0


def test_an_uploaded_file_is_listed_and_credited_as_uploaded_and_remove_takes_it_out(
    open_site: Served, page: Any, tmp_path: Path, shoot: Any
) -> None:
    url = open_site.url
    open_pair(page, url + PAIR)
    assert page.evaluate(TOTALS_JS)["2023"] == "223.6"
    assert "uploaded" not in page.inner_text("#tiv-credit")

    page.goto(url + "/data")
    page.wait_for_selector("#store-files tbody tr")
    before = listed(page)
    made_up = tmp_path / "made-up.csv"
    made_up.write_bytes(FABRICATED)
    page.set_input_files("#upload input[type=file]", str(made_up))
    page.wait_for_selector("#upload-ok", timeout=30_000)
    page.wait_for_function("n => document.querySelectorAll('#store-files tbody tr').length === n", arg=len(before) + 1)
    row = next(r for r in listed(page) if r["File"] == "made-up.csv")
    assert row["How it came"] == "upload (Data page)" and row["Rows stored"] == "1"

    open_pair(page, url + PAIR)
    # 223.6 + the made-up deal's 21.6, marked as including a figure spread over years by us (≈):
    # the made-up register has no delivery-level rows.
    assert page.evaluate(TOTALS_JS)["2023"] == "≈245.2"
    assert UPLOADED_NOTE in page.inner_text("#tiv-credit")

    page.goto(url + "/data")
    page.wait_for_selector("#store-files tbody tr")
    page.once("dialog", lambda dialog: dialog.accept())  # "Remove made-up.csv from release 2024? ..."
    page.locator("#store-files tbody tr", has_text="made-up.csv").locator("button", has_text="Remove").click()
    page.wait_for_selector("#remove-ok", timeout=30_000)
    assert "Removed made-up.csv from release 2024; the release was rebuilt from its 5 other file(s)." in \
        page.inner_text("#remove-ok")
    assert sorted(r["File"] for r in listed(page)) == sorted(r["File"] for r in before)
    shoot(page, "data-files-after-remove")

    open_pair(page, url + PAIR)
    assert page.evaluate(TOTALS_JS)["2023"] == "223.6"
    assert "uploaded" not in page.inner_text("#tiv-credit")


def test_cancelling_the_confirmation_removes_nothing(open_site: Served, page: Any) -> None:
    page.goto(open_site.url + "/data")
    page.wait_for_selector("#store-files tbody tr")
    manifest = Store(open_site.settings.store_dir).manifest()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#store-files tbody tr").first.locator("button", has_text="Remove").click()
    page.wait_for_timeout(1_000)  # what a removal would take to answer; nothing may have changed
    assert page.locator("#remove-ok").count() == 0
    assert Store(open_site.settings.store_dir).manifest() == manifest
