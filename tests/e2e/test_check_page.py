"""The check page in headless Chromium: paste a claim, edit a part, see verdicts, export them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from etl.config import Settings
from tests.e2e.conftest import Served, screenshot, serve

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

CLAIM = "China delivered 36 J-10C fighter jets to Pakistan."


@pytest.fixture(scope="module")
def served_all(store_all: Settings) -> Iterator[Served]:
    yield from serve(store_all)


def verdicts(page: object) -> list[str]:
    return page.locator(".verdict-card").evaluate_all(  # type: ignore[attr-defined]
        "cards => cards.map(c => c.dataset.verdict)")


def test_paste_edit_a_part_see_verdicts_and_export(served_all, page, tmp_path: Path):
    page.goto(f"{served_all.url}/check")
    page.fill("#check-text", CLAIM)
    page.click("#check-parse")
    page.wait_for_selector(".verdict-card")
    # The parts read from the text are shown, editable.
    assert page.input_value("#check-part-quantity") == "36"
    assert page.input_value("#check-part-weapon") == "J-10C"
    assert "China" in page.inner_text("#check-parsed")
    assert verdicts(page) == ["partly_recorded"]  # SIPRI counts 20 delivered
    assert "not 36" in page.inner_text("#check-verdicts")
    screenshot(page, "check-parsed")

    # Edit a part: the quantity SIPRI records turns the verdict to recorded, and the URL keeps it.
    page.fill("#check-part-quantity", "20")
    page.press("#check-part-quantity", "Enter")
    page.click("#check-run")
    page.wait_for_function("() => document.querySelector('.verdict-card')?.dataset.verdict === 'recorded'")
    query = parse_qs(urlparse(page.url).query)
    assert query["quantity"] == ["20"] and query["text"] == [CLAIM]
    assert "J-10C" in page.inner_text("#check-verdicts")
    assert "Source: SIPRI Arms Transfers Database" in page.inner_text("#check-credit")
    screenshot(page, "check-edited")

    # Export as JSON and Markdown.
    with page.expect_download() as download_info:
        page.click("#check-download-json")
    path = tmp_path / "check.json"
    download_info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [p["verdict"] for p in data["parts"]] == ["recorded"]
    assert data["claim"]["weapons"][0]["quantity"] == 20
    with page.expect_download() as download_info:
        page.click("#check-download-md")
    path = tmp_path / "check.md"
    download_info.value.save_as(path)
    markdown = path.read_text(encoding="utf-8")
    assert markdown.startswith("# Claim check") and "Source: SIPRI Arms Transfers Database" in markdown

    # The link alone shows the same check.
    link = page.url
    page.goto(link)
    page.wait_for_selector(".verdict-card")
    assert verdicts(page) == ["recorded"]


def test_every_verdict_kind_shows_with_money_and_coverage(served_all, page):
    page.goto(f"{served_all.url}/check")
    page.fill("#check-text", "The United States will deliver 24 MH-60R helicopters and assault rifles to India "
                             "under a $2.6 billion deal")
    page.click("#check-parse")
    page.wait_for_selector(".verdict-card")
    assert verdicts(page) == ["recorded", "outside_coverage", "not_checkable"]
    text = page.inner_text("#check-verdicts")
    assert "$2.6 b" in text and "covers only major conventional weapons" in text
    screenshot(page, "check-verdict-kinds")


def test_a_claim_naming_no_country_gets_one_sentence(served_all, page):
    page.goto(f"{served_all.url}/check")
    page.fill("#check-text", "Drones were delivered last year.")
    page.click("#check-parse")
    page.wait_for_selector("#check-notice .alert")
    assert "names no country" in page.inner_text("#check-notice")
    assert page.locator(".verdict-card").count() == 0
