"""Research-grade pages in headless Chromium (issue 14): colours that cannot be misread, pickers
that pick the actor meant, context that travels, phone width, a first view worth seeing.

Screenshots land in tests/e2e/screenshots/ (git-ignored) for people to look at.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

TIMEOUT_MS = 20_000

# For a stacked bar chart: each legend entry's swatch fill, and the fills of the bars drawn for
# that series (a patterned bar's fill is a <pattern>: its background rect's fill is the colour).
FILLS_JS = """id => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  const fillOf = path => {
    const fill = path.style.fill;
    const ref = fill.match(/url\\("?#([^")]+)"?\\)/);
    if (!ref) return fill;
    const rect = gd.querySelector('pattern[id="' + ref[1] + '"] rect');
    return rect ? getComputedStyle(rect).fill : fill;
  };
  const legend = [...gd.querySelectorAll('.legend .traces')].map(t => ({
    name: t.querySelector('.legendtext').textContent, fill: fillOf(t.querySelector('.legendpoints path'))}));
  const bars = {};
  const opacities = new Set();
  for (const g of gd.querySelectorAll('.barlayer g.trace')) {
    const trace = g.__data__[0].trace;
    if ((trace.meta || {}).kind === 'legend' || (trace.meta || {}).kind === 'pattern key') continue;
    const fills = [...g.querySelectorAll('path')].filter(p => p.getAttribute('d') && p.getAttribute('d') !== 'M0,0Z').map(fillOf);
    bars[trace.name] = [...new Set([...(bars[trace.name] || []), ...fills])];
    for (const p of g.querySelectorAll('path')) {
      const style = getComputedStyle(p);
      opacities.add(String(Number(style.opacity) * Number(style.fillOpacity)));
    }
  }
  return {legend, bars, opacities: [...opacities]};
}"""


def test_profile_of_pakistan_draws_each_supplier_in_its_legend_colour_and_no_two_alike(served_2024: Any, page: Any) -> None:
    page.goto(f"{served_2024.url}/profile?release=2024&entity=pakistan&from=1950&to=2023")
    page.wait_for_selector("#profile-imports-chart .legend .traces", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    drawn = page.evaluate(FILLS_JS, "profile-imports-chart")
    # The context's bands (conflicts, embargoes) have legend entries of their own, after the data's.
    context = ("interstate conflict", "internal", "internationalised", "extrasystemic", "EU ", "UN ", "OSCE ", "marked:")
    suppliers = [e for e in drawn["legend"] if not e["name"].startswith(("dotted", "hatched", "cross", *context))]
    names = [e["name"] for e in suppliers]
    assert names[0] == "China" and "United States" in names and names[-1] == "other suppliers"
    fills = [e["fill"] for e in suppliers]
    assert len(set(fills)) == len(fills), f"two suppliers share a colour: {suppliers}"
    for entry in suppliers:
        # Every bar of the supplier, SIPRI's estimates (dotted) included, is in the swatch's colour.
        assert drawn["bars"][entry["name"]] == [entry["fill"]], entry["name"]
    assert drawn["opacities"] == ["1"], "a tint (a lighter bar) reads as another supplier's colour"
    assert "dotted: SIPRI's estimate (?)" in [e["name"] for e in drawn["legend"]]
    screenshot(page, "research-profile-pakistan-colours")


PICKERS = [
    # (page, dropdown, a multi-choice dropdown is cleared first)
    ("/?release=2024&supplier=china&recipient=pakistan", "supplier", True),
    ("/?release=2024&supplier=china&recipient=pakistan", "recipient", True),
    ("/profile?release=2024&entity=pakistan", "profile-entity", False),
    ("/compare?release=2024&pairs=china:pakistan", "compare-add-supplier", False),
    ("/compare?release=2024&pairs=china:pakistan", "compare-add-recipient", False),
    ("/flows?release=2024&recipient=pakistan", "flows-supplier", True),
    ("/flows?release=2024&recipient=pakistan", "flows-recipient", True),
    ("/flows?release=2024&recipient=pakistan", "flows-map", False),
]


def pick_by_typing(page: Any, dropdown: str, text: str, clear: bool) -> str:
    """Types `text` into the dropdown's search key by key and presses Enter as a quick typist does
    (50 ms a key, 150 ms from the last key to Enter: Dash's dropdown itself needs a moment to
    filter on a loaded machine); the label chosen."""
    picker = page.locator(f"#{dropdown}")
    if clear and page.locator(f"#{dropdown} .dash-dropdown-clear").count():
        page.click(f"#{dropdown} .dash-dropdown-clear")
    picker.click()
    # A single-choice dropdown opens with its chosen option focused: the search box is clicked first.
    page.click(".dash-dropdown-search")
    page.keyboard.type(text, delay=50)
    page.wait_for_timeout(150)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    items = page.locator(f"#{dropdown} .dash-dropdown-value-item")
    items.last.wait_for(timeout=TIMEOUT_MS)
    return items.last.inner_text()


@pytest.mark.parametrize(("path", "dropdown", "clear"), PICKERS, ids=[p[1] for p in PICKERS])
def test_turkey_and_enter_picks_turkiye_the_state_in_every_picker(served_2024: Any, page: Any, path: str, dropdown: str,
                                                                   clear: bool) -> None:
    page.goto(served_2024.url + path)
    page.wait_for_selector(f"#{dropdown}", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert pick_by_typing(page, dropdown, "Turkey", clear) == "Turkiye (state)"


def test_aliases_pick_the_state_not_an_actor_named_after_it(served_2024: Any, page: Any) -> None:
    page.goto(f"{served_2024.url}/profile?release=2024&entity=pakistan")
    page.wait_for_selector("#profile-entity", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    assert pick_by_typing(page, "profile-entity", "UK", False) == "United Kingdom (state)"
    page.wait_for_function("() => location.search.includes('entity=united-kingdom')", timeout=TIMEOUT_MS)
    assert pick_by_typing(page, "profile-entity", "USSR", False) == "Soviet Union (historical state)"
    assert pick_by_typing(page, "profile-entity", "Turkiye", False) == "Turkiye (state)"
    # A state before the actor named after it; where only the actor answers, the actor.
    assert pick_by_typing(page, "profile-entity", "Syria", False) == "Syria (state)"
    assert pick_by_typing(page, "profile-entity", "Syria reb", False).startswith("Syria rebels")


def open_pair(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#tiv-chart .main-svg text", timeout=TIMEOUT_MS)
    page.wait_for_selector("#register .ag-cell[col-id='designation']", timeout=TIMEOUT_MS)
    page.wait_for_function("() => location.search.includes('rpage=')", timeout=TIMEOUT_MS)


def register_rows(page: Any) -> list[str]:
    return page.locator("#register .ag-cell[col-id='designation']").all_inner_texts()


def test_a_shared_link_of_a_filtered_sorted_register_page_reopens_on_the_same_rows(served_2024: Any, page: Any, browser: Any) -> None:
    open_pair(page, f"{served_2024.url}/?release=2024&supplier=turkiye")  # every recipient: several pages
    page.click("#register .ag-floating-filter[col-id='order_year'] input")
    page.keyboard.type("> 2010")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#register-count').innerText.includes('match the filter')")
    header = page.locator("#register .ag-header-cell:not(.ag-floating-filter)[col-id='tiv_order_m'] .ag-header-cell-label")
    header.click()
    page.wait_for_function("() => location.search.includes('rsort=tiv_order_m%3Aasc')", timeout=TIMEOUT_MS)
    header.click()  # descending
    page.wait_for_function("() => location.search.includes('rsort=tiv_order_m%3Adesc')", timeout=TIMEOUT_MS)
    page.click("#register-next")
    page.wait_for_function("() => location.search.includes('rpage=2')", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector('#register-count').innerText.includes('page 2 of')")
    count = page.inner_text("#register-count")
    rows = register_rows(page)
    link = page.url
    assert "rfilter=" in link and rows
    # Someone else opens the link, in a browser of their own.
    other = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        them = other.new_page()
        open_pair(them, link)
        them.wait_for_function("() => document.querySelector('#register-count').innerText.includes('page 2 of')",
                               timeout=TIMEOUT_MS)
        assert them.inner_text("#register-count") == count
        assert register_rows(them) == rows
        assert them.input_value("#register .ag-floating-filter[col-id='order_year'] input") == "> 2010"
        years = [int(y.rstrip("?")) for y in them.locator("#register .ag-cell[col-id='order_year']").all_inner_texts()]
        assert years and all(y > 2010 for y in years)
        screenshot(them, "research-register-shared-link")
    finally:
        other.close()


def test_the_nav_carries_the_pair_and_years_to_profile_and_back(served_2024: Any, page: Any) -> None:
    open_pair(page, f"{served_2024.url}/?release=2024&supplier=turkiye&recipient=pakistan&from=2010&to=2023")
    page.wait_for_function("() => document.querySelector('#nav-profile').getAttribute('href').includes('entity=pakistan')")
    page.click("#nav-profile")
    page.wait_for_selector("#profile-imports-chart .main-svg", timeout=TIMEOUT_MS)
    assert "entity=pakistan" in page.url and "from=2010" in page.url and "to=2023" in page.url
    page.wait_for_function("() => document.querySelector('#profile-imports-chart .gtitle').textContent.includes('Pakistan by year, 2010-2023')",
                           timeout=TIMEOUT_MS)
    compare = page.get_attribute("#nav-compare", "href") or ""
    assert "pairs=turkiye:pakistan" in compare and "from=2010" in compare
    page.click("#nav-pair")
    page.wait_for_selector("#tiv-chart .main-svg text", timeout=TIMEOUT_MS)
    assert "supplier=turkiye" in page.url and "recipient=pakistan" in page.url and "from=2010" in page.url


def test_swap_shows_the_other_direction(served_2024: Any, page: Any) -> None:
    open_pair(page, f"{served_2024.url}/?release=2024&supplier=turkiye&recipient=pakistan")
    page.click("#swap")
    page.wait_for_function("() => location.search.includes('supplier=pakistan&recipient=turkiye')", timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector('#tiv-chart .gtitle').textContent.includes('Pakistan \u2192 Turkiye')",
                           timeout=TIMEOUT_MS)


def test_a_bare_visit_reopens_the_pair_last_viewed_in_this_browser(served_2024: Any, page: Any) -> None:
    open_pair(page, f"{served_2024.url}/")
    first = page.url
    assert "from=2004&to=2023" in first, "the first view covers the last 20 years"
    open_pair(page, f"{served_2024.url}/?release=2024&supplier=china&recipient=pakistan&from=2000&to=2023")
    page.goto(f"{served_2024.url}/")
    page.wait_for_function("() => location.search.includes('supplier=china')", timeout=TIMEOUT_MS)
    assert "recipient=pakistan" in page.url and "from=2000" in page.url


PHONE_JS = """() => {
  const bar = document.querySelector('.topbar').getBoundingClientRect();
  const links = [...document.querySelectorAll('.nav a')].map(a => {
    const b = a.getBoundingClientRect();
    return {text: a.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom,
            inBar: b.top >= bar.top && b.bottom <= bar.bottom && b.left >= 0 && b.right <= innerWidth};
  });
  const plots = [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
    id: gd.parentElement.id || gd.id, width: gd.offsetWidth, plot: gd._fullLayout ? gd._fullLayout._size.w : 0}));
  return {links, plots, pageWidth: document.documentElement.scrollWidth, viewport: innerWidth};
}"""


@pytest.mark.parametrize("path", ["/?release=2024&supplier=turkiye&recipient=pakistan&from=2004&to=2023",
                                  "/profile?release=2024&entity=pakistan&from=2004&to=2023",
                                  "/compare?release=2024&pairs=china:pakistan,turkiye:pakistan&from=2004&to=2023",
                                  "/flows?release=2024&recipient=pakistan&from=2004&to=2023"])
def test_at_phone_width_every_nav_link_shows_charts_keep_250px_and_tables_scroll_in_their_card(
        served_2024: Any, browser: Any, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(served_2024.url + path)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # the charts' own fit to the width (assets/app.js) after the last draw
        measured = page.evaluate(PHONE_JS)
        assert [link["text"] for link in measured["links"]] == ["Pair", "Check", "Search", "Profile", "Compare",
                                                                "Flows", "Diff", "Data"]
        assert all(link["inBar"] for link in measured["links"]), measured["links"]
        assert measured["pageWidth"] <= measured["viewport"], "the page scrolls sideways"
        assert measured["plots"] and all(p["plot"] >= 250 for p in measured["plots"] if p["id"] != "flows-map-chart"), measured["plots"]
        if path.startswith("/?"):
            table = page.locator("#register .ag-center-cols-viewport").first
            sizes = table.evaluate("el => [el.scrollWidth, el.clientWidth, el.getBoundingClientRect().right]")
            assert sizes[0] > sizes[1] and sizes[2] <= 390, "the register scrolls inside its card"
        name = path.split("?")[0].strip("/") or "pair"
        screenshot(page, f"research-phone-{name}")
    finally:
        context.close()


OVERLAPS_JS = """ids => {
  const out = [];
  for (const id of ids) {
    const texts = [...document.querySelectorAll('#' + id + ' .main-svg text')]
      .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none' && getComputedStyle(t).visibility !== 'hidden'
                   && Number(getComputedStyle(t).opacity) > 0 && !t.closest('.hoverlayer'))
      .map(t => ({text: t.textContent.trim(), box: t.getBoundingClientRect()}))
      .filter(t => t.box.width > 0 && t.box.height > 0);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box, b = texts[j].box;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push([id, texts[i].text, texts[j].text]);
      }
    }
  }
  return out;
}"""


def pairs_with_most_deals(settings: Any, count: int = 5) -> list[tuple[str, str]]:
    from dashboard import queries

    deals = queries.release_data(settings, "2024").deals
    sizes = deals.groupby(["supplier_id", "recipient_id"], observed=True).size().sort_values(ascending=False, kind="stable")
    return [(str(s), str(r)) for s, r in sizes.index[:count]]


def test_no_label_on_the_pair_pages_charts_overlaps_another_for_the_five_pairs_with_most_deals(served_2024: Any, page: Any) -> None:
    pairs = pairs_with_most_deals(served_2024.settings)
    assert len(pairs) == 5
    found = []
    for supplier, recipient in pairs:
        for years in ("", "&from=2004&to=2023"):
            open_pair(page, f"{served_2024.url}/?release=2024&supplier={supplier}&recipient={recipient}{years}")
            page.wait_for_load_state("networkidle")
            found += [(supplier, recipient, years, *o) for o in page.evaluate(OVERLAPS_JS, ["tiv-chart", "timeline-chart", "shares-chart"])]
    screenshot(page, "research-pair-labels-last")
    assert not found, "\n".join(map(str, found[:40]))
