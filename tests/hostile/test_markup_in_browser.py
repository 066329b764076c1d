"""Markup in a Comment, a designation or a claim is shown as text, never run or rendered (headless Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from etl.config import Settings
from tests.e2e.conftest import Served, screenshot, serve
from tests.hostile.conftest import BOLD, IMG, SCRIPT

pytestmark = [pytest.mark.e2e]

CLAIM = "Turkiye delivered 9 <img src=x id=injected-claim onerror=alert(3)> Drone-X to Pakistan <script>alert(4)</script>"
INJECTED = "#injected-img, #injected-bold, #injected-claim"


@pytest.fixture(scope="module")
def served_hostile(hostile_store: Settings) -> Iterator[Served]:
    yield from serve(hostile_store)


@pytest.fixture
def dialogs(page: Any) -> list[str]:
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return seen


def _nothing_ran(page: Any, dialogs: list[str]) -> None:
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("() => [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length") == 0


def test_pair_page_shows_markup_in_cells_as_text(served_hostile: Served, page: Any, dialogs: list[str]) -> None:
    page.goto(served_hostile.url + "/?release=2026&supplier=turkiye&recipient=pakistan&by=designation")
    page.wait_for_selector("#register .ag-cell[col-id='designation']", timeout=20_000)
    page.wait_for_selector("#tiv-chart .main-svg", timeout=20_000)
    register = page.inner_text("#register")
    assert IMG in register and SCRIPT in register
    _nothing_ran(page, dialogs)
    screenshot(page, "hostile-pair-markup-as-text")


def test_chart_legends_and_ticks_show_markup_in_designations_as_text(
    served_hostile: Served, page: Any, dialogs: list[str]
) -> None:
    page.goto(served_hostile.url + "/?release=2026&supplier=turkiye&recipient=pakistan&by=designation")
    page.wait_for_selector("#tiv-chart .legendtext", timeout=20_000)
    page.wait_for_selector("#timeline-chart .ytick text", timeout=20_000)
    legend = " ".join(page.locator("#tiv-chart .legendtext").all_text_contents())
    ticks = " ".join(page.locator("#timeline-chart .ytick text").all_text_contents())
    _nothing_ran(page, dialogs)
    assert BOLD in legend and IMG in legend, legend
    assert BOLD in ticks, ticks
    assert page.locator("#tiv-chart .legendtext tspan[style*='bold']").count() == 0


def test_check_page_shows_markup_in_claim_and_evidence_as_text(
    served_hostile: Served, page: Any, dialogs: list[str]
) -> None:
    page.goto(served_hostile.url + "/check?" + urlencode({"text": CLAIM, "release": "2026"}))
    page.wait_for_selector(".verdict-card", timeout=20_000)
    shown = page.inner_text("#check-claims") + page.inner_text("#check-marked")
    assert page.input_value("#check-text") == CLAIM
    assert "<img src=x" in shown and IMG in shown and SCRIPT in shown, shown[:2000]
    _nothing_ran(page, dialogs)
    screenshot(page, "hostile-check-markup-as-text")


def test_search_page_shows_markup_in_results_as_text(served_hostile: Served, page: Any, dialogs: list[str]) -> None:
    page.goto(served_hostile.url + "/search?" + urlencode({"q": "Drone-X", "release": "2026"}))
    page.wait_for_selector("#search-count", timeout=20_000)
    assert IMG in page.inner_text("#search-results")
    _nothing_ran(page, dialogs)
