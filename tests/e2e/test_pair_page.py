"""The pair page in headless Chromium: chart downloads, choosing a deal in the timeline, the XLSX
export, and the register paged, filtered and sorted on the server.

Screenshots land in tests/e2e/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

PAIR = "/?release=2024&supplier=turkiye&recipient=pakistan"
CREDIT = "Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024."
ROWS = "#register .ag-pinned-left-cols-container .ag-row"
KINDS_JS = """id => document.querySelector('#' + id + ' .js-plotly-plot').data.map(t => (t.meta || {}).kind || '')"""


def open_pair(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#tiv-chart .main-svg text", timeout=20_000)
    page.wait_for_selector("#register .ag-cell[col-id='designation']", timeout=20_000)
    page.wait_for_function("() => location.search.includes('deal=')")  # the first update has landed


def download(page: Any, selector: str, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download(timeout=20_000) as waiting:
        page.click(selector)
    target = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(target)
    return waiting.value.suggested_filename, target.read_bytes()


@pytest.mark.parametrize("chart", ["tiv", "timeline"])
def test_charts_download_as_png_and_svg_with_the_credit_inside(served_2024: Any, page: Any, tmp_path: Path, chart: str) -> None:
    open_pair(page, served_2024.url + PAIR)
    name, png = download(page, f"section.chart:has(#{chart}-chart) button:text-is('PNG')", tmp_path)
    assert name == f"sipri_Turkiye_to_Pakistan_1948-2023_release-2024_{chart}.png"
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    name, svg = download(page, f"section.chart:has(#{chart}-chart) button:text-is('SVG')", tmp_path)
    assert name.endswith(f"_{chart}.svg")
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<svg") and "Source: SIPRI Arms Transfers Database" in text


def test_clicking_a_deal_in_the_timeline_marks_it_in_the_register_and_charts(served_2024: Any, page: Any, shoot: Any) -> None:
    open_pair(page, served_2024.url + PAIR)
    assert "chosen deal" not in page.evaluate(KINDS_JS, "tiv-chart")
    # The order mark of the newest deal (the timeline's top row), found through plotly's own axes.
    page.locator("#timeline-chart .nsewdrag").scroll_into_view_if_needed()
    spot = page.evaluate("""() => {
      const gd = document.querySelector('#timeline-chart .js-plotly-plot');
      const t = gd.data.find(d => d.name && d.name.startsWith('order (hollow'));
      const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      return {deal: t.customdata[0], x: box.left + xa.d2p(t.x[0]), y: box.top + ya.d2p(t.y[0])};
    }""")
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_timeout(150)
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function("deal => location.search.includes('deal=' + deal)", arg=spot["deal"], timeout=10_000)
    page.wait_for_function("() => document.querySelector('#tiv-chart .js-plotly-plot').data.some(t => (t.meta || {}).kind === 'chosen deal')")
    assert "chosen deal" in page.evaluate(KINDS_JS, "timeline-chart")
    chosen = page.locator(f"{ROWS}.register-chosen")
    chosen.wait_for(timeout=10_000)
    weight = chosen.locator(".ag-cell[col-id='designation']").evaluate("td => getComputedStyle(td).fontWeight")
    assert int(weight) >= 600
    shoot(page, "pair-deal-chosen-from-timeline")


def test_xlsx_export_opens_with_its_about_sheet(served_2024: Any, page: Any, tmp_path: Path) -> None:
    open_pair(page, served_2024.url + PAIR)
    name, content = download(page, "#download-xlsx", tmp_path)
    assert name == "sipri_Turkiye_to_Pakistan_1948-2023_release-2024.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == ["Deals", "About"]
    about = [row[0] for row in book["About"].iter_rows(values_only=True)]
    assert CREDIT in about
    assert any(str(line).startswith("Query: Turkiye -> Pakistan; 1948-2023") for line in about)
    deals = list(book["Deals"].iter_rows(values_only=True))
    assert deals[0][:2] == ("deal_id", "supplier") and len(deals) == 1 + 11


def test_the_register_pages_filters_and_sorts_on_the_server(served_2024: Any, page: Any, tmp_path: Path, shoot: Any) -> None:
    open_pair(page, served_2024.url + "/?release=2024&supplier=turkiye")  # every recipient: several pages
    count = page.inner_text("#register-count")
    assert "page 1 of" in count
    assert page.locator(ROWS).count() == 25
    # SIPRI's own column name on the header's hover; the designation column pinned at the left.
    page.hover("#register .ag-header-cell:not(.ag-floating-filter)[col-id='designation'] .ag-header-cell-label")
    page.wait_for_selector(".ag-tooltip", timeout=10_000)
    assert "SIPRI: Weapon designation" in page.inner_text(".ag-tooltip")
    assert page.locator("#register .ag-pinned-left-cols-container .ag-cell[col-id='designation']").count() == 25
    total = int(count.split()[0].replace(",", ""))
    page.click("#register-next")
    page.wait_for_function("() => document.querySelector('#register-count').innerText.includes('page 2 of')")
    # Filter under the Designation header, as a person types it.
    page.click("#register .ag-floating-filter[col-id='designation'] input")
    page.keyboard.type("MilGem")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#register-count').innerText.includes('match the filter')")
    designations = page.locator("#register .ag-cell[col-id='designation']").all_inner_texts()
    assert designations and set(designations) == {"MilGem"}
    # The export holds every deal the filter keeps, and says so.
    name, content = download(page, "#download-csv", tmp_path)
    text = content.decode("utf-8")
    assert "register filter: Designation contains 'MilGem'" in text
    assert len([line for line in text.splitlines() if not line.startswith("#")]) == 1 + len(designations)
    # Sorting by order year (descending) is the server's, across every page.
    page.click("#register .ag-floating-filter[col-id='designation'] input")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('#register-count').innerText.startsWith('{total:,} deals')")
    header = page.locator("#register .ag-header-cell:not(.ag-floating-filter)[col-id='order_year'] .ag-header-cell-label")
    header.click()
    page.wait_for_function("() => location.search.includes('rsort=order_year%3Aasc')")
    header.click()
    page.wait_for_function("() => location.search.includes('rsort=order_year%3Adesc')")
    page.wait_for_load_state("networkidle")
    years = [int(y.rstrip("?")) for y in page.locator("#register .ag-cell[col-id='order_year']").all_inner_texts()]
    assert years == sorted(years, reverse=True)
    shoot(page, "pair-register-sorted")


# Every autosize redraw of a chart (plotly's `relayout {autosize: true}`), by chart, from the moment
# each chart's div appears; and the width each chart is drawn at.
RESIZES_JS = """() => {
  window.__resizes = {};
  const seen = new WeakSet();
  new MutationObserver(() => document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
    if (seen.has(gd) || !gd.on) return;
    seen.add(gd);
    const id = gd.closest('[id$="-chart"]').id;
    gd.on('plotly_relayout', (e) => { if (e && e.autosize) window.__resizes[id] = (window.__resizes[id] || 0) + 1; });
  })).observe(document, {childList: true, subtree: true});
}"""
WIDTHS_JS = """() => Object.fromEntries([...document.querySelectorAll('.js-plotly-plot')].map(
  (gd) => [gd.closest('[id$="-chart"]').id, gd._fullLayout.width]))"""


def test_charts_are_drawn_once_as_the_page_opens_and_still_follow_the_window(served_2024: Any, page: Any) -> None:
    page.add_init_script(f"({RESIZES_JS})()")
    open_pair(page, served_2024.url + PAIR)
    page.wait_for_selector("#overlay-chart .main-svg", timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # plotly.js would redraw 100 ms after dcc.Graph's resize request
    assert page.evaluate("() => window.__resizes") == {}, "a chart was drawn again at the size it already had"
    wide = page.evaluate(WIDTHS_JS)
    assert set(wide) == {"tiv-chart", "timeline-chart", "shares-chart", "overlay-chart"}
    page.set_viewport_size({"width": 1000, "height": 900})
    page.wait_for_function("w => Object.entries(w).every(([id, width]) => { const gd = document.querySelector("
                           "'#' + id + ' .js-plotly-plot'); return gd._fullLayout.width < width - 100; })", arg=wide,
                           timeout=10_000)
    assert set(page.evaluate("() => window.__resizes")) == set(wide), "every chart follows a narrower window"
