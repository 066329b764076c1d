"""The diff page (and the search page) in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from etl.config import Settings
from tests.e2e.conftest import Served, screenshot, serve

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]


@pytest.fixture(scope="module")
def served_all(store_all: Settings) -> Iterator[Served]:
    yield from serve(store_all)


def rows(page: object) -> dict[str, str]:
    """Deal name -> change, for each row of the diff table."""
    found = page.locator("#diff-table tbody tr").evaluate_all(  # type: ignore[attr-defined]
        "rows => rows.map(r => [r.children[2].innerText, r.dataset.change, r.children[4].innerText])")
    return {name: (change, detail) for name, change, detail in found}


def test_diff_from_a_link_shows_relabelled_and_changed_deals(served_all, page):
    page.goto(f"{served_all.url}/diff?from=2024&to=2026&supplier=turkiye&recipient=pakistan")
    page.wait_for_selector("#diff-table")
    found = rows(page)
    change, detail = found["Bayraktar TB2 → Bayraktar TB-2"]
    assert change == "changed" and "units_delivered: 6? → 9?" in detail
    assert found["MilGem"][0] == "changed" and "units_delivered: 1 → 2" in found["MilGem"][1]
    assert found["Akinci"][0] == "changed"
    assert found["ASELPOD"][0] == "not_comparable"
    assert "holds no deal without deliveries" in page.inner_text(".diff-scopes")
    assert "Source: SIPRI Arms Transfers Database" in page.inner_text("#diff-credit")
    screenshot(page, "diff-turkiye-pakistan")


def test_changing_the_from_release_updates_table_and_url(served_all, page):
    page.goto(f"{served_all.url}/diff?from=2024&to=2026&supplier=turkiye&recipient=pakistan")
    page.wait_for_selector("#diff-table")
    page.click("#diff-from")
    page.get_by_role("option", name="2025 (data generated 13 Mar 2025)").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('from') === '2025'")
    # 2025 already holds the 2022 ASELPOD order (5 delivered): now changed, no longer not comparable.
    page.wait_for_function(
        "() => [...document.querySelectorAll('#diff-table tbody tr')].some("
        "r => r.children[2].innerText === 'ASELPOD' && r.dataset.change === 'changed')")
    found = rows(page)
    assert "units_delivered: 5 → 10?" in found["ASELPOD"][1]
    assert "designation: Bayraktar TB2 → Bayraktar TB-2" in found["Bayraktar TB2 → Bayraktar TB-2"][1]
    assert parse_qs(urlparse(page.url).query)["to"] == ["2026"]
    screenshot(page, "diff-2025-2026")


def test_bare_diff_opens_on_a_page_of_pairs_that_link_to_each_pairs_diff(served_all, page):
    page.goto(f"{served_all.url}/diff?from=2024&to=2026")
    page.wait_for_selector("#diff-pairs")
    assert page.locator("#diff-pairs tbody tr").count() == 25
    assert page.locator("#diff-table").count() == 0  # no deal rows until a pair is chosen
    status = page.inner_text("#diff-rows")
    assert status.startswith("Pairs 1–25 of ")
    total = int(status.split(" of ")[1].split(" ")[0].replace(",", ""))
    assert total > 25
    page.click("#diff-next")
    page.wait_for_function("() => document.querySelector('#diff-rows').innerText.startsWith('Pairs 26–')")
    assert parse_qs(urlparse(page.url).query)["page"] == ["2"]
    page.fill("#diff-filter", "turkiye pakistan")
    page.press("#diff-filter", "Enter")
    # Turkiye -> Pakistan and Pakistan -> Turkiye: every pair naming both words, on one page.
    page.wait_for_function("() => /^Pairs 1–[12] of [12] /.test(document.querySelector('#diff-rows').innerText)")
    assert page.locator("#diff-pairs tbody tr").count() <= 2
    screenshot(page, "diff-bare-summary")
    page.get_by_role("link", name="Turkiye -> Pakistan", exact=True).click()
    page.wait_for_selector("#diff-table")
    query = parse_qs(urlparse(page.url).query)
    assert query["supplier"] == ["turkiye"] and query["recipient"] == ["pakistan"]
    assert rows(page)["Bayraktar TB2 → Bayraktar TB-2"][0] == "changed"
    assert page.inner_text("#diff-rows").endswith("(page 1 of 1).")


def test_a_supplier_alone_pages_its_deals_on_the_server(served_all, page):
    page.goto(f"{served_all.url}/diff?from=2025&to=2026&supplier=turkiye")
    page.wait_for_selector("#diff-table")
    assert page.locator("#diff-table tbody tr").count() == 25
    first = page.inner_text("#diff-table tbody tr:first-child")
    page.click("#diff-next")
    page.wait_for_function("() => document.querySelector('#diff-rows').innerText.startsWith('Rows 26–')")
    assert page.inner_text("#diff-table tbody tr:first-child") != first
    page.click("#diff-prev")
    page.wait_for_function("() => document.querySelector('#diff-rows').innerText.startsWith('Rows 1–25 ')")
    assert page.is_disabled("#diff-prev")


def test_from_equal_to_to_is_one_sentence(served_all, page):
    page.goto(f"{served_all.url}/diff?from=2026&to=2026")
    page.wait_for_selector("#diff-results .alert")
    assert "choose two different releases" in page.inner_text("#diff-results")


def test_search_page_links_each_deal_to_its_pair_page(served_all, page):
    page.goto(f"{served_all.url}/search?q=TB2&release=all&f=pakistan")
    page.wait_for_selector("#search-table")
    assert page.input_value("#search-filter") == "pakistan"
    link = page.get_by_role("link", name="Turkiye -> Pakistan").first
    href = link.get_attribute("href")
    assert href.startswith("/?") and "supplier=turkiye" in href and "recipient=pakistan" in href
    assert "deal(s) for 'TB2'" in page.inner_text("#search-count")
    screenshot(page, "search-tb2")
    page.fill("#search-text", "loitering munitions")
    page.press("#search-text", "Enter")
    page.wait_for_function("() => document.querySelector('#search-results').innerText.includes('Harop')")
    assert parse_qs(urlparse(page.url).query)["q"] == ["loitering munitions"]


def test_drones_through_the_search_controls_is_a_page_of_rows_with_the_count(served_all, page):
    page.goto(f"{served_all.url}/search")
    page.fill("#search-text", "drones")
    page.click("#search-run")
    page.wait_for_selector("#search-table")
    assert page.locator("#search-table tbody tr").count() == 25
    count = page.inner_text("#search-count")
    total = int(count.split(" deal(s)")[0].replace(",", ""))
    assert total > 25
    assert page.inner_text("#search-rows") == f"Deals 1–25 of {total:,} (page 1 of {-(-total // 25)})."
    page.click("#search-next")
    page.wait_for_function("() => document.querySelector('#search-rows').innerText.startsWith('Deals 26–')")
    assert parse_qs(urlparse(page.url).query)["page"] == ["2"]
    page.fill("#search-filter", "pakistan")
    page.press("#search-filter", "Enter")
    page.wait_for_function("() => document.querySelector('#search-rows').innerText.startsWith('Deals 1–')")
    pairs = page.locator("#search-table tbody tr td:first-child").all_inner_texts()
    assert pairs and all("Pakistan" in p for p in pairs)
    page.click("#search-sort")
    page.get_by_role("option", name="Newest order first").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'newest'")
    years = [int(y.rstrip("?")) for y in page.locator("#search-table tbody tr td:nth-child(6)").all_inner_texts()
             if y.rstrip("?").isdigit()]
    assert years == sorted(years, reverse=True)
