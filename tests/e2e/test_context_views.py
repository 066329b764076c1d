"""The context views (profile, compare, flows and map) in headless Chromium, on the shared 2024 release.

Screenshots land in tests/e2e/screenshots/ (context-*.png) for people to look at.
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

TIMEOUT_MS = 20_000


def wait_for_chart(page, chart_id: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(f"#{chart_id} .main-svg", timeout=TIMEOUT_MS)


def svg_text(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    """Text inside a chart (SVG has no innerText)."""
    return page.locator(selector).first.text_content() or ""


def wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)


def choose(page, dropdown: str, text: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Searches a single-choice dropdown for `text` (an alias will do) and picks the option `value`."""
    page.click(f"#{dropdown}")
    page.fill(".dash-dropdown-search", text)
    page.click(f"label.dash-dropdown-option:has(input[value='{value}'])")
    page.keyboard.press("Escape")


def test_profile_of_pakistan_shows_every_chart_and_agrees_with_sipris_table(served_2024, page) -> None:
    page.goto(f"{served_2024.url}/profile?release=2024&entity=pakistan&from=1950&to=2023")
    for name in ("imports", "exports", "import-shares", "export-shares", "categories", "dependency"):
        wait_for_chart(page, f"profile-{name}-chart")
    wait_idle(page)
    headline = page.inner_text("#profile-headline")
    assert "imports: 74 of 74 years" in headline
    assert "China" in headline
    # Stacked by partner: China, the biggest supplier, is in the legend; and the credit under the chart.
    assert "China" in svg_text(page, "#profile-imports-chart .legend")
    assert "Source: SIPRI Arms Transfers Database" in page.inner_text("#profile-imports-credit")
    assert "TIV (millions)" in svg_text(page, "#profile-imports-chart")
    assert page.locator("#profile-changes-table tr").count() > 5
    screenshot(page, "context-profile-pakistan")


def test_profile_of_a_historical_state_from_a_link_with_aliases(served_2024, page) -> None:
    page.goto(f"{served_2024.url}/profile?release=2024&entity=USSR&from=1960&to=1991")
    wait_for_chart(page, "profile-exports-chart")
    wait_idle(page)
    assert "Soviet Union" in svg_text(page, "#profile-exports-chart .gtitle")
    assert "historical state" in page.inner_text("#profile-headline")
    assert "entity=soviet-union" in page.url
    screenshot(page, "context-profile-soviet-union")


def test_malformed_profile_link_falls_back_with_notices(served_2024, page) -> None:
    page.goto(f"{served_2024.url}/profile?release=1066&entity=Atlantis&from=abc&to=1900&colour=red")
    wait_for_chart(page, "profile-imports-chart")
    notice = page.inner_text("#profile-link-notice")
    assert "release '1066' is not in the store" in notice
    assert "Atlantis" in notice
    assert "'from' year 'abc' is not a year" in notice
    assert "colour" in notice
    screenshot(page, "context-profile-fallback")


def test_compare_three_pairs_as_share_of_imports(served_2024, page) -> None:
    page.goto(f"{served_2024.url}/compare?release=2024&pairs=china:pakistan,turkey:pakistan,usa:india"
              "&from=2000&to=2023&measure=share")
    wait_for_chart(page, "compare-compare-chart")
    wait_idle(page)
    legend = svg_text(page, "#compare-compare-chart .legend")
    for label in ("China \u2192 Pakistan", "Turkiye \u2192 Pakistan", "United States \u2192 India"):
        assert label in legend
    assert "Share of the recipient's imports (%)" in svg_text(page, "#compare-compare-chart")
    # The link now names the pairs by entity id (aliases resolved).
    assert "pairs=china:pakistan,turkiye:pakistan,united-states:india" in page.url
    screenshot(page, "context-compare")


def test_compare_adds_a_pair_from_the_controls(served_2024, page) -> None:
    page.goto(f"{served_2024.url}/compare?release=2024&pairs=china:pakistan&from=2000&to=2023")
    wait_for_chart(page, "compare-compare-chart")
    wait_idle(page)
    choose(page, "compare-add-supplier", "Turkey", "turkiye")
    choose(page, "compare-add-recipient", "Pakistan", "pakistan")
    page.click("#compare-add")
    page.wait_for_function("() => window.location.search.includes('turkiye:pakistan')", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('#compare-compare-chart .legend').textContent.includes('Turkiye')",
        timeout=TIMEOUT_MS,
    )


def test_flows_sankey_and_map_drawn_from_the_apps_own_topojson(served_2024, page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served_2024.url}/flows?release=2024&recipient=pakistan&from=2000&to=2023&map=turkiye&direction=exports")
    wait_for_chart(page, "flows-sankey-chart")
    wait_for_chart(page, "flows-map-chart")
    # The geo layer rendered: country shapes from the base map, and partners shaded.
    page.wait_for_selector("#flows-map-chart .geo .countries path", state="attached", timeout=TIMEOUT_MS)
    wait_idle(page)
    assert page.locator("#flows-map-chart .geo .land path").count() >= 1
    assert page.locator("#flows-map-chart .choroplethlocation").count() > 5
    assert page.locator("#flows-sankey-chart .sankey-node").count() > 3
    # Partners without a shape are listed beside the map, not dropped.
    beside = page.inner_text("#flows-beside")
    assert "Syria rebels" in beside
    assert "non-state actor" in beside
    hosts = {urlparse(url).hostname for url in requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"requests left the machine: {sorted(hosts)}"
    assert any(url.endswith("/assets/topojson/world_110m.json") for url in requests)
    screenshot(page, "context-flows")


def test_map_lists_the_soviet_union_and_small_states_beside_it(served_2024, page) -> None:
    page.goto(f"{served_2024.url}/flows?release=2024&recipient=india&from=1950&to=2023&map=india&direction=imports")
    wait_for_chart(page, "flows-map-chart")
    page.wait_for_selector("#flows-beside-table", timeout=TIMEOUT_MS)
    beside = page.inner_text("#flows-beside")
    assert "Soviet Union" in beside and "historical state" in beside
    assert "Singapore" in beside and "too small" in beside
    screenshot(page, "context-flows-india")


def test_profile_exports_chart_numbers_as_csv_and_the_view_as_xlsx(served_2024, page) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    page.goto(f"{served_2024.url}/profile?release=2024&entity=pakistan&from=2019&to=2023")
    wait_for_chart(page, "profile-imports-chart")
    wait_idle(page)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.click('button[id*="profile-data-download"][id*="\\"imports\\""]')
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Source: SIPRI Arms Transfers Database")
    assert "# Units: TIV (millions)" in text
    assert "delivery_year,partner_id,supplier," in text
    assert download.value.suggested_filename.endswith("_imports.csv")
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.click("#profile-download-xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "About"
    assert {"imports", "dependency", "top-supplier-changes"} <= set(book.sheetnames)
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.click('button[id*="profile-chart-download"][id*="profile-imports"][id*="svg"]')
    assert download.value.suggested_filename.endswith(".svg")
    page.click("#profile-cite-summary")
    assert "release 2024" in page.inner_text("#profile-cite-text")
