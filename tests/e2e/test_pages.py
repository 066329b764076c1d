"""The real dashboard in headless Chromium: a pair from a link, a new recipient, exports, uploads.

Screenshots land in tests/e2e/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

PAIR = "/?release=2024&supplier=turkiye&recipient=pakistan"
CHART_TEXT = "#tiv-chart .main-svg text"
TOTALS_JS = """() => {
  const gd = document.querySelector('#tiv-chart .js-plotly-plot');
  const t = gd.data.find(d => d.meta && d.meta.kind === 'total');
  return Object.fromEntries(t.x.map((x, i) => [String(x), t.text[i]]));
}"""


def open_pair(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(CHART_TEXT, timeout=20_000)
    page.wait_for_selector("#register .ag-cell[col-id='designation']", timeout=20_000)


def choose_recipient(page: Any, name: str, value: str) -> None:
    """Clears the recipient dropdown, searches for `name` and picks the option `value`."""
    page.click("#recipient .dash-dropdown-clear")
    page.click("#recipient")
    page.fill(".dash-dropdown-search", name)
    page.click(f"label.dash-dropdown-option:has(input[value='{value}'])")
    page.keyboard.press("Escape")


def test_a_link_opens_the_pair_with_its_chart_and_table(served_2024: Any, page: Any, shoot: Any) -> None:
    open_pair(page, served_2024.url + PAIR)
    totals = page.evaluate(TOTALS_JS)
    assert totals["2023"] == "223.6" and totals["2022"] == "4.8"
    # 76 years are too many for labels side by side: the totals are in the hover, not printed over each other.
    assert page.locator("#tiv-chart g.textpoint text").count() == 0
    designations = page.locator("#register .ag-cell[col-id='designation']").all_inner_texts()
    assert "MilGem" in designations and "Bayraktar TB2" in designations
    assert "50?" in page.locator("#register .ag-cell[col-id='units_ordered']").all_inner_texts()
    assert "Turkiye: 11th of 35" in page.inner_text("#headline")
    assert "Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024." in page.inner_text("#tiv-credit")
    shoot(page, "pair-turkiye-pakistan")
    open_pair(page, served_2024.url + PAIR + "&from=2004&to=2023")
    page.wait_for_function("() => document.querySelectorAll('#tiv-chart g.textpoint text').length > 0", timeout=20_000)
    drawn = page.locator("#tiv-chart g.textpoint text").all_text_contents()
    assert "223.6" in drawn and "4.8" in drawn


def test_changing_the_recipient_updates_chart_table_and_link(served_2024: Any, page: Any, shoot: Any) -> None:
    open_pair(page, served_2024.url + PAIR)
    choose_recipient(page, "Azerb", "azerbaijan")
    page.wait_for_function("() => location.search.includes('recipient=azerbaijan')", timeout=10_000)
    page.wait_for_function("() => document.querySelector('#tiv-chart .gtitle').textContent.includes('Azerbaijan')")
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"#register .ag-cell[col-id='recipient']\")].every(td => td.innerText === 'Azerbaijan')"
    )
    assert "Azerbaijan" in (page.text_content("#shares-chart .gtitle") or "")
    shoot(page, "pair-turkiye-azerbaijan")
    # The link now holds the new view: opening it shows the same.
    link = page.url
    open_pair(page, link)
    assert page.inner_text("#recipient .dash-dropdown-value").startswith("Azerbaijan")


def test_csv_export_downloads_the_views_deals_with_provenance(served_2024: Any, page: Any, tmp_path: Path) -> None:
    open_pair(page, served_2024.url + PAIR)
    page.wait_for_function("() => location.search.includes('recipient=pakistan')")
    with page.expect_download() as waiting:
        page.click("#download-csv")
    download = waiting.value
    assert download.suggested_filename == "sipri_Turkiye_to_Pakistan_1948-2023_release-2024.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024")
    assert "# Query: Turkiye -> Pakistan; 1948-2023; view: http://127.0.0.1" in text
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert rows[0].startswith("deal_id,supplier,")
    assert len(rows) == 1 + 11
    assert any(",MilGem,frigate," in row for row in rows)


def test_a_malformed_link_falls_back_with_a_notice(served_2024: Any, page: Any, shoot: Any) -> None:
    open_pair(page, served_2024.url + "/?supplier=Atlantis&recipient=pakistan&from=19x0&to=2023&by=%3Cscript%3E")
    notice = page.inner_text("#link-notice")
    assert "The link's supplier 'Atlantis' names no SIPRI supplier" in notice
    assert "'from' year '19x0' is not a year" in notice
    assert "not one of category, designation" in notice
    assert "Traceback" not in page.content()
    shoot(page, "pair-malformed-link")


def test_dropping_an_html_page_shows_its_one_sentence_error(served_empty: Any, page: Any, tmp_path: Path, shoot: Any) -> None:
    page.goto(served_empty.url + "/")
    page.wait_for_selector("#empty-store")
    shoot(page, "empty-store")
    page.click("#add-data-link")
    page.wait_for_selector("#upload")
    bad = tmp_path / "trade-register.csv"
    bad.write_text("<!DOCTYPE html><html><head><title>SIPRI</title></head><body>Please sign in</body></html>")
    page.set_input_files("#upload input[type=file]", str(bad))
    page.wait_for_selector("#upload-error", timeout=10_000)
    error = page.inner_text("#upload-error")
    assert error.startswith("trade-register.csv") and "\n" not in error.strip()
    assert "html" in error.lower()
    shoot(page, "data-upload-error")


def test_dropping_sipri_files_fills_the_store(served_empty: Any, page: Any, sipri_dir: Path, shoot: Any) -> None:
    page.goto(served_empty.url + "/data")
    page.wait_for_selector("#upload")
    page.set_input_files("#upload input[type=file]", [str(sipri_dir / "trade-register_2024-10-13.subset.csv")])
    page.wait_for_selector("#upload-report", timeout=30_000)
    assert "records read" in page.inner_text("#upload-report")
    shoot(page, "data-upload-ok")
    page.click("text=Explore release 2024")
    page.wait_for_selector(CHART_TEXT, timeout=20_000)


def test_the_nav_links_every_page_on_one_line_and_marks_the_current_one(served_2024: Any, page: Any, shoot: Any) -> None:
    open_pair(page, served_2024.url + PAIR)
    links = page.locator(".nav a")
    assert links.all_inner_texts() == ["Pair", "Check", "Search", "Profile", "Compare", "Flows", "Diff", "Data"]
    page.wait_for_selector("#nav-pair.active")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len({round(b["y"]) for b in boxes}) == 1
    assert boxes[-1]["x"] + boxes[-1]["width"] <= page.viewport_size["width"]
    page.click("#nav-check")
    page.wait_for_function("() => location.pathname === '/check'")
    page.wait_for_selector("#nav-check.active")
    assert page.locator(".nav a.active").all_inner_texts() == ["Check"]
    shoot(page, "nav-check-active")


def test_a_page_that_fails_shows_one_sentence_above_it_until_the_reader_moves_on(
    served_2024: Any, page: Any, monkeypatch: pytest.MonkeyPatch, shoot: Any
) -> None:
    import dash

    from etl.errors import StoreError

    sentence = "/srv/store/releases/2024/g1/deals.parquet: this store file is damaged; ingest release 2024's SIPRI files again"

    def failing_layout(**_query: Any) -> Any:  # a page that does not catch its own error
        raise StoreError(sentence)

    monkeypatch.setitem(dash.page_registry["pages.diff"], "layout", failing_layout)  # served from this process
    page.goto(served_2024.url + "/diff")
    page.wait_for_selector("#page-error .alert-error", timeout=20_000)
    assert page.inner_text("#page-error") == sentence
    assert "Traceback" not in page.inner_text("body")
    shoot(page, "page-error-boundary")
    page.click("#nav-check")
    page.wait_for_selector("#check-text", timeout=20_000)
    assert page.inner_text("#page-error") == ""
