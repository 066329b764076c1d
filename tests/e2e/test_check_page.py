"""The check page in headless Chromium: paste an article, see each claim marked and checked on its
own pair, correct a claim in place, reopen the link, export."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from etl.config import Settings
from tests.conftest import REPO
from tests.e2e.conftest import Served, screenshot, serve

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

ARTICLE = REPO.parent / "shared" / "articles" / "turkiye-pakistan-ties-2025.txt"


@pytest.fixture(scope="module")
def served_all(store_all: Settings) -> Iterator[Served]:
    yield from serve(store_all)


def article_text() -> str:
    if not ARTICLE.exists():
        pytest.skip(f"the shared article is not at {ARTICLE}")
    return ARTICLE.read_text(encoding="utf-8")


def claim_pairs(page: object) -> list[str]:
    return page.locator(".claim-card").evaluate_all(  # type: ignore[attr-defined]
        "cards => cards.map(c => c.dataset.pair)")


def part_verdicts(page: object, claim: int) -> list[str]:
    return page.locator(f"#claim-{claim} .verdict-card").evaluate_all(  # type: ignore[attr-defined]
        "cards => cards.map(c => c.dataset.verdict)")


def test_the_whole_article_pasted_gives_each_claim_on_its_own_pair(served_all, page, tmp_path: Path):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{served_all.url}/check")
    page.fill("#check-text", article_text())
    page.fill("#check-date", "2025-05-20")
    page.click("#check-run")
    page.wait_for_selector(".claim-card")
    pairs = claim_pairs(page)
    assert pairs[:3] == ["Turkiye -> Pakistan", "Pakistan -> Turkiye", "Turkiye -> Pakistan"]
    # Turkiye -> Pakistan: loitering munitions not recorded, TB2 and Akinci earlier deals, $900 m not checkable.
    assert part_verdicts(page, 1) == ["not_recorded", "partly_recorded", "partly_recorded", "not_checkable"]
    first = page.inner_text("#claim-1")
    assert "9 (estimate) ordered in 2021" in first and "no new order recorded" in first
    assert "$50 m" not in first  # the Pakistani trainer deal's value is another pair's
    assert part_verdicts(page, 2)[0] == "outside_coverage"  # mortar shells
    assert part_verdicts(page, 3) == ["not_recorded"]  # SONGAR: SIPRI records transfers, not use
    # The text is shown with each claim's sentence marked by its verdict; the rest is plain.
    marks = page.locator("#check-marked .mark").evaluate_all("m => m.map(x => x.dataset.verdict)")
    assert marks[:3] == ["not_recorded", "not_recorded", "not_recorded"]
    assert page.locator("#check-marked .mark-none").count() >= 25
    assert "Last week, a high-powered Turkish delegation" in (page.text_content("#check-no-claim") or "")
    screenshot(page, "check-article-desktop")
    # A long text travels as a short id: the link stays short and reopens the same check.
    query = parse_qs(urlparse(page.url).query)
    assert "t" in query and "text" not in query and len(page.url) < 300
    page.goto(page.url)
    page.wait_for_selector(".claim-card")
    assert claim_pairs(page)[:3] == pairs[:3]
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "check-article-phone")
    # Tables scroll inside their card: nothing of the check page reaches past the screen's edge
    # except inside a scrolling box.
    overflowing = page.evaluate("""() => [...document.querySelectorAll('.check-page *')]
        .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + '.' + e.className)""")
    assert overflowing == []
    # nor does text inside a box (a long address in a caveat) widen the page
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 391


def test_a_claim_corrected_in_place_is_checked_again_and_kept_in_the_link(served_all, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    text = "Pakistan and Turkey signed a deal for Akinci drones. Pakistan bought J-10C fighters."
    page.goto(f"{served_all.url}/check")
    page.fill("#check-text", text)
    page.click("#check-run")
    page.wait_for_selector(".claim-card")
    # No direction stated: both ways are checked, and the one SIPRI records says so.
    assert claim_pairs(page) == ["Pakistan -> Turkiye", "Turkiye -> Pakistan", "(supplier not stated) -> Pakistan"]
    assert part_verdicts(page, 2) == ["recorded"]
    assert part_verdicts(page, 3) == ["not_checkable"]  # no supplier named: no pair checked
    # Correct claim 3's supplier in place.
    page.click("#claim-3 .claim-fixes summary")
    page.fill("#claim-3 .fix-supplier input", "China")
    page.press("#claim-3 .fix-supplier input", "Enter")
    page.click("#check-recheck")
    page.wait_for_function("() => document.querySelector('#claim-3')?.dataset.pair === 'China -> Pakistan'")
    assert part_verdicts(page, 3) == ["recorded"]
    query = parse_qs(urlparse(page.url).query)
    assert query["c2.supplier"] == ["China"] and query["text"] == [text]
    page.goto(page.url)
    page.wait_for_selector("#claim-3")
    assert part_verdicts(page, 3) == ["recorded"]
    # Cards link to the pair and diff views they speak of.
    href = page.get_attribute("#claim-3 .claim-links a", "href")
    assert href is not None and "supplier=china" in href and "recipient=pakistan" in href


def test_exports_carry_every_claim_and_the_credit(served_all, page, tmp_path: Path):
    import openpyxl

    page.goto(f"{served_all.url}/check?text=Turkey+delivered+Bayraktar+TB2+drones+to+Pakistan+in+2022.")
    page.wait_for_selector(".claim-card")
    files = {}
    for button, name in (("#check-download-json", "c.json"), ("#check-download-md", "c.md"),
                         ("#check-download-csv", "c.csv"), ("#check-download-xlsx", "c.xlsx")):
        with page.expect_download() as download_info:
            page.click(button)
        path = tmp_path / name
        download_info.value.save_as(path)
        files[name] = path
    data = json.loads(files["c.json"].read_text(encoding="utf-8"))
    assert [p["verdict"] for c in data["claims"] for p in c["parts"]] == ["recorded"]
    assert set(data) >= {"release", "data_generated", "citation", "claims", "no_claim"}
    assert "Source: SIPRI Arms Transfers Database" in files["c.md"].read_text(encoding="utf-8")
    assert "Source: SIPRI Arms Transfers Database" in files["c.csv"].read_text(encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(files["c.xlsx"].read_bytes()))
    rows = list(book["Claims"].values)
    assert rows[0][:2] == ("claim", "sentence") and rows[1][11] == "recorded"


def test_a_text_with_no_claim_says_so(served_all, page):
    page.goto(f"{served_all.url}/check")
    page.fill("#check-text", "The two ministers met in Ankara to discuss trade.")
    page.click("#check-run")
    page.wait_for_selector("#check-table .muted")
    assert "No arms-transfer claim" in page.inner_text("#check-table")
    assert page.locator(".claim-card").count() == 0
