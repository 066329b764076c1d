"""The pair page's deal register as an AG Grid, two releases on one chart, and the yearly series'
downloads, in headless Chromium over the real releases (2024, 2025, 2026 subsets).

Screenshots land in tests/e2e/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from etl.config import Settings
from tests.e2e.conftest import Served, screenshot, serve
from tests.e2e.test_research_pages import OVERLAPS_JS

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

TIMEOUT_MS = 20_000
PAIR_2025 = "/?release=2025&supplier=turkiye&recipient=pakistan&from=2004&to=2024"
CELLS = "#register .ag-cell[col-id='{}']"


@pytest.fixture(scope="module")
def served_all(store_all: Settings) -> Iterator[Served]:
    yield from serve(store_all)


def open_pair(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#tiv-chart .main-svg text", timeout=TIMEOUT_MS)
    page.wait_for_selector(CELLS.format("designation"), timeout=TIMEOUT_MS)
    page.wait_for_function("() => location.search.includes('rpage=')", timeout=TIMEOUT_MS)


def cells(page: Any, column: str) -> list[str]:
    return page.locator(CELLS.format(column)).all_inner_texts()


def test_register_updates_stay_small_and_the_grid_breaks_no_content_security_rule(served_all: Served, page: Any) -> None:
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    sizes: list[int] = []

    def record(response: Any) -> None:
        if "_dash-update-component" in response.url and "register.rowData" in (response.request.post_data or ""):
            sizes.append(len(response.body()))

    page.on("response", record)
    open_pair(page, served_all.url + "/?release=2025&supplier=turkiye")  # every recipient: several pages
    page.click("#register .ag-floating-filter[col-id='order_year'] input")
    page.keyboard.type("> 2000")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#register-count').innerText.includes('match the filter')")
    page.click("#register .ag-header-cell:not(.ag-floating-filter)[col-id='tiv_delivered_m'] .ag-header-cell-label")
    page.wait_for_function("() => location.search.includes('rsort=tiv_delivered_m%3Aasc')", timeout=TIMEOUT_MS)
    page.click("#register-next")
    page.wait_for_function("() => location.search.includes('rpage=2')", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert len(cells(page, "designation")) == 25
    assert sizes and max(sizes) < 100_000, sizes
    violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
    assert not violations, violations


def test_the_column_chooser_hides_and_shows_a_column(served_all: Served, page: Any) -> None:
    open_pair(page, served_all.url + PAIR_2025)
    assert cells(page, "comments")
    page.click("#register-columns-summary")
    page.click("#register-columns label:has-text('Comments')")
    page.wait_for_function("() => !document.querySelector(\"#register .ag-cell[col-id='comments']\")", timeout=TIMEOUT_MS)
    assert cells(page, "designation"), "the pinned designation column stays"
    page.click("#register-columns label:has-text('Comments')")
    page.wait_for_selector(CELLS.format("comments"), timeout=TIMEOUT_MS)


def test_the_register_shows_the_deal_in_the_older_release_and_the_chart_overlays_both(served_all: Served, page: Any,
                                                                                    browser: Any) -> None:
    open_pair(page, served_all.url + PAIR_2025)
    assert "compare=2024" in page.url, "the default comparison is the release before"
    header = page.inner_text("#register .ag-header-cell:not(.ag-floating-filter)[col-id='in_compare_release']")
    assert header.strip() == "In release 2024"
    rows = dict(zip(cells(page, "designation"), cells(page, "in_compare_release"), strict=True))
    assert rows["Bayraktar TB2"].startswith("ordered not given, delivered 6?")  # 9 in 2025: SIPRI revised it
    assert "9" == [d for n, d in zip(cells(page, "designation"), cells(page, "units_delivered"), strict=True) if n == "Bayraktar TB2"][0]
    page.wait_for_selector("#overlay-chart .legend .traces", timeout=TIMEOUT_MS)
    legend = page.locator("#overlay-chart .legendtext").all_text_contents()
    assert legend[0].startswith("bars: release 2025") and legend[1].startswith("line: release 2024")
    drawn = page.evaluate("""() => {
      const gd = document.querySelector('#overlay-chart .js-plotly-plot');
      return gd.data.map(t => ({kind: t.meta.kind, colour: (t.marker || {}).color, line: (t.line || {}).color,
                                hover: t.hovertext ? t.hovertext[t.x.indexOf(2022)] : ''}));
    }""")
    assert [d["kind"] for d in drawn] == ["current release", "compared release", "pattern key"]
    assert drawn[0]["colour"] != drawn[1]["line"]
    assert "Release 2025:" in drawn[0]["hover"] and "Release 2024:" in drawn[0]["hover"] and "Difference" in drawn[0]["hover"]
    assert page.evaluate(OVERLAPS_JS, ["overlay-chart"]) == []
    screenshot(page, "register-grid-two-releases-1366")
    # The comparison release is the reader's to pick, and the link keeps it.
    page.click("#compare-release")
    page.click(".dash-dropdown-option:has-text('2026')")
    page.wait_for_function("() => location.search.includes('compare=2026')", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector(\"#register .ag-header-cell[col-id='in_compare_release']\").innerText.includes('2026')",
                           timeout=TIMEOUT_MS)
    page.wait_for_function("() => [...document.querySelectorAll('#overlay-chart .legendtext')].some(t => t.textContent.startsWith('line: release 2026'))",
                           timeout=TIMEOUT_MS)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        small = phone.new_page()
        open_pair(small, served_all.url + PAIR_2025)
        small.wait_for_selector("#overlay-chart .legend .traces", timeout=TIMEOUT_MS)
        small.wait_for_load_state("networkidle")
        small.wait_for_timeout(300)
        widths = small.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => gd._fullLayout._size.w)")
        assert widths and min(widths) >= 250, widths
        assert small.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert small.evaluate(OVERLAPS_JS, ["overlay-chart"]) == []
        screenshot(small, "register-grid-two-releases-390")
    finally:
        phone.close()


def test_the_yearly_series_downloads_as_csv_and_xlsx_under_the_chart(served_all: Served, page: Any, tmp_path: Path) -> None:
    open_pair(page, served_all.url + "/?release=2024&supplier=turkiye&recipient=pakistan&from=2004&to=2023")
    with page.expect_download(timeout=TIMEOUT_MS) as waiting:
        page.click("#series-csv")
    assert waiting.value.suggested_filename == "sipri_Turkiye_to_Pakistan_2004-2023_release-2024_yearly.csv"
    target = tmp_path / "series.csv"
    waiting.value.save_as(target)
    text = target.read_text("utf-8")
    assert "# Data generated: 13 Oct 2024 (SIPRI, release 2024)" in text and "delivery_year,TIV (millions)" in text
    with page.expect_download(timeout=TIMEOUT_MS) as waiting:
        page.click("#series-xlsx")
    assert waiting.value.suggested_filename.endswith("_yearly.xlsx")
    page.click(".series-tools summary")
    code = page.inner_text("#series-code")
    assert code.startswith("import pandas as pd") and "deliveries.parquet" in code and json.dumps("turkiye")[1:-1] in code


def test_clicking_a_deals_row_marks_it_in_the_charts_and_again_clears_it(served_all: Served, page: Any) -> None:
    open_pair(page, served_all.url + PAIR_2025)
    page.wait_for_selector("#overlay-chart .main-svg", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.__overlay = document.querySelector('#overlay-chart .js-plotly-plot').data; }")
    page.locator(CELLS.format("designation"), has_text="MilGem").first.click()
    page.wait_for_function("() => /deal=[^&]+/.test(location.search)", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector('#tiv-chart .js-plotly-plot').data.some(t => (t.meta || {}).kind === 'chosen deal')",
                           timeout=TIMEOUT_MS)
    assert page.locator("#register .register-chosen .ag-cell[col-id='designation']").first.inner_text() == "MilGem"
    # The two-release chart does not mark deals: choosing one leaves it as drawn.
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.querySelector('#overlay-chart .js-plotly-plot').data === window.__overlay")
    page.locator(CELLS.format("designation"), has_text="MilGem").first.click()
    page.wait_for_function("() => /deal=(&|$)/.test(location.search)", timeout=TIMEOUT_MS)
    page.wait_for_function("() => !document.querySelector('#register .register-chosen')", timeout=TIMEOUT_MS)


def test_no_register_cell_cuts_off_its_text_and_rows_grow_for_wrapped_comments(served_all: Served, page: Any) -> None:
    open_pair(page, served_all.url + PAIR_2025)
    page.wait_for_load_state("networkidle")
    # Only text columns are measured for the row's height: a figure's cell must still show it whole.
    clipped = page.evaluate("""() => [...document.querySelectorAll('#register .ag-row .ag-cell')]
      .filter((c) => c.scrollHeight > c.clientHeight + 1)
      .map((c) => c.getAttribute('col-id') + ': ' + c.innerText)""")
    assert clipped == []
    heights = page.evaluate("() => [...document.querySelectorAll('#register .ag-center-cols-container .ag-row')]"
                            ".map((r) => r.getBoundingClientRect().height)")
    assert heights and max(heights) > min(heights) + 10, "a deal's long Comments wrap and its row grows to fit them"
