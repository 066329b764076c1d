"""Context on the pair page's charts in headless Chromium: UCDP/PRIO's India-Pakistan conflict as
bands on China -> Pakistan (their years read back from the drawn chart and compared with UCDP's
file), named in the legend and the hover, switched off and on through the URL, and a marked date.

Screenshots (1366 and 390 px wide) land in tests/e2e/screenshots/ for people to look at.
"""

from __future__ import annotations

import csv
import math
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import SCREENSHOTS
from tests.etl.context.test_context_data import ucdp_path

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

PAIR = "/?release=2024&supplier=china&recipient=pakistan"
BANDS_JS = """([chart, prefix]) => {
  const gd = document.querySelector('#' + chart + '-chart .js-plotly-plot');
  return (gd.layout.shapes || []).filter(s => (s.legendgroup || '').startsWith(prefix))
    .map(s => ({group: s.legendgroup, x0: s.x0, x1: s.x1, name: s.name, legend: !!s.showlegend}));
}"""


# The years the chart's data spans (a set axis range, else its traces' years), context left out.
DATA_SPAN_JS = """chart => {
  const gd = document.querySelector('#' + chart + '-chart .js-plotly-plot');
  if (gd._fullLayout.xaxis.autorange === false) return gd.layout.xaxis.range;  // a set range (layout.range also holds an autorange)
  const xs = gd.data.filter(t => !['context', 'mark'].includes((t.meta || {}).kind))
    .flatMap(t => [...(t.x || [])]).filter(x => typeof x === 'number');
  return [Math.min(...xs) - 0.5, Math.max(...xs) + 0.5];
}"""


def india_pakistan_rows() -> list[dict[str, str]]:
    with ucdp_path().open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle)
                if {r["side_a"], r["side_b"]} == {"Government of India", "Government of Pakistan"}]


def band_years(bands: list[dict[str, Any]]) -> dict[int, str]:
    """Each year a band covers (a band runs from year - 0.5 to year + 0.5), with its group."""
    return {year: b["group"] for b in bands for year in range(math.ceil(b["x0"]), math.floor(b["x1"]) + 1)}


def shoot_chart(page: Any, chart: str, name: str) -> None:
    """One chart's panel alone, to judge its bands, legend and credit at that width."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(f"section.chart:has(#{chart}-chart)").screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def open_pair(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#tiv-chart .main-svg text", timeout=20_000)
    page.wait_for_function("() => location.search.includes('context=')", timeout=20_000)
    page.wait_for_function(
        "() => (document.querySelector('#tiv-chart .js-plotly-plot').layout.shapes || []).length > 0", timeout=20_000)


def test_china_to_pakistan_shows_the_india_pakistan_conflict_years_of_ucdp_s_file(served_2024: Any, page: Any, shoot: Any) -> None:
    rows = india_pakistan_rows()
    assert {r["conflict_id"] for r in rows} == {"218"} and len(rows) == 27  # the file's README
    open_pair(page, served_2024.url + PAIR)
    query = parse_qs(urlparse(page.url).query)
    first, last = int(query["from"][0]), int(query["to"][0])
    expected = {int(r["year"]): f"ucdp-218-{r['intensity_level']}" for r in rows if first <= int(r["year"]) <= last}
    assert len(expected) == 27  # the view runs from the release's first year, 1948
    for chart in ("tiv", "timeline"):
        bands = page.evaluate(BANDS_JS, [chart, "ucdp-218-"])
        lo, hi = page.evaluate(DATA_SPAN_JS, chart)
        # Every conflict-year of the file in the chart's span is a band in its intensity's group,
        # and no other year is (the timeline's span starts with the oldest of the deals it shows).
        shown = {y: g for y, g in expected.items() if lo <= y <= hi}
        assert band_years(bands) == shown and len(shown) >= 8, chart
    legend = page.locator("#tiv-chart .legendtext").all_text_contents()
    assert "interstate conflict India-Pakistan, 1,000+ deaths" in legend
    assert "interstate conflict India-Pakistan, 25-999 deaths" in legend
    assert "EU arms embargo on China" in legend
    # The hover names the conflict: the handle at the top of the 2016 band.
    page.locator("#tiv-chart .nsewdrag").scroll_into_view_if_needed()
    spot = page.evaluate("""() => {
      const gd = document.querySelector('#tiv-chart .js-plotly-plot');
      const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis9, handle = gd.data.find(t => (t.meta || {}).event === 'ucdp-218-1');
      return {x: box.left + xa.d2p(2016), y: box.top + ya.d2p(handle.y[0])};
    }""")
    page.mouse.move(spot["x"], spot["y"])
    hover = page.locator("#tiv-chart .hoverlayer .hovertext")
    hover.first.wait_for(timeout=5_000)
    text = " ".join(hover.all_text_contents())
    assert "interstate conflict India-Pakistan, 25-999 deaths" in text and "2016" in text
    shoot(page, "pair-context-china-pakistan-1366")
    shoot_chart(page, "tiv", "pair-context-china-pakistan-tiv-1366")
    shoot_chart(page, "timeline", "pair-context-china-pakistan-timeline-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(800)
    shoot(page, "pair-context-china-pakistan-390")
    shoot_chart(page, "tiv", "pair-context-china-pakistan-tiv-390")


def test_the_checklist_switches_the_conflicts_off_and_the_link_keeps_it(served_2024: Any, page: Any) -> None:
    open_pair(page, served_2024.url + PAIR + "&from=2000&to=2023")
    assert page.evaluate(BANDS_JS, ["tiv", "ucdp-"])
    page.get_by_label("interstate conflicts (UCDP/PRIO)").uncheck()
    page.wait_for_function("() => location.search.includes('context=embargoes&')", timeout=10_000)
    page.wait_for_function("""() => !(document.querySelector('#tiv-chart .js-plotly-plot').layout.shapes || [])
                              .some(s => (s.legendgroup || '').startsWith('ucdp-'))""", timeout=10_000)
    assert page.evaluate(BANDS_JS, ["tiv", "embargo-eu-china"])  # the embargo is still drawn
    link = page.url
    page.goto(link)
    page.wait_for_selector("#tiv-chart .main-svg text", timeout=20_000)
    page.wait_for_timeout(1000)
    assert not page.evaluate(BANDS_JS, ["tiv", "ucdp-"])
    assert not page.get_by_label("interstate conflicts (UCDP/PRIO)").is_checked()


def test_a_marked_date_is_a_dashed_line_named_in_the_legend(served_2024: Any, page: Any) -> None:
    open_pair(page, served_2024.url + PAIR + "&from=2010&to=2023&marks=2019-02-14+visit")
    [line] = page.evaluate("""() => (document.querySelector('#tiv-chart .js-plotly-plot').layout.shapes || [])
                               .filter(s => s.type === 'line')""")
    assert line["x0"] == pytest.approx(2019 + 44 / 365, abs=0.002) and line["line"]["dash"] == "dash"
    assert "marked: visit, 14 Feb 2019" in page.locator("#tiv-chart .legendtext").all_text_contents()
    page.fill("#context-marks", "2021-06 contract signing")
    page.keyboard.press("Enter")
    page.wait_for_function("() => decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes('marks=2021-06 contract signing')",
                           timeout=10_000)
    page.wait_for_function("""() => (document.querySelector('#tiv-chart .js-plotly-plot').layout.shapes || [])
                              .some(s => s.type === 'line' && Math.abs(s.x0 - 2021.414) < 0.01)""", timeout=10_000)


def test_the_profile_draws_the_entity_s_conflicts_and_keeps_the_switch_in_its_link(served_2024: Any, page: Any, shoot: Any) -> None:
    page.goto(served_2024.url + "/profile?release=2024&entity=pakistan&from=2000&to=2023")
    page.wait_for_selector("#profile-imports-chart .main-svg text", timeout=20_000)
    page.wait_for_function("() => location.search.includes('context=')", timeout=20_000)
    expected = {int(r["year"]) for r in india_pakistan_rows() if 2000 <= int(r["year"]) <= 2023}
    for chart in ("profile-imports", "profile-exports"):
        page.wait_for_function("c => (document.querySelector('#' + c + '-chart .js-plotly-plot').layout.shapes || []).length",
                               arg=chart, timeout=10_000)
        assert set(band_years(page.evaluate(BANDS_JS, [chart, "ucdp-218-"]))) == expected, chart
    section = page.locator("section.chart:has(#profile-imports-chart)")
    section.screenshot(path=str(SCREENSHOTS / "profile-context-pakistan-1366.png"))
    page.get_by_label("interstate conflicts (UCDP/PRIO)").uncheck()
    page.wait_for_function("() => location.search.includes('context=embargoes')", timeout=10_000)
    page.wait_for_function("""() => !(document.querySelector('#profile-imports-chart .js-plotly-plot').layout.shapes || [])
                              .some(s => (s.legendgroup || '').startsWith('ucdp-'))""", timeout=10_000)
