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
    suppliers = [e for e in drawn["legend"] if not e["name"].startswith(("dotted", "hatched", "cross"))]
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
