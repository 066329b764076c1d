"""The Content-Security-Policy in Chromium: Dash works under it, and another site cannot frame a page.

Every CSP violation the browser reports (the `securitypolicyviolation` event, and its console
message) fails the test: a policy too tight for Dash would leave the page blank or half drawn.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import served_2024  # noqa: F401 - the dashboard over the 2024 release
from tests.e2e.test_pages import PAIR, open_pair

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '')));
"""


def watch(page: Any) -> list[str]:
    """Console messages about a content security policy, as they come."""
    said: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda m: said.append(m.text) if "Content Security Policy" in m.text else None)
    return said


def test_the_pair_page_renders_under_the_policy_with_no_violation(served_2024: Any, page: Any) -> None:  # noqa: F811
    said = watch(page)
    response = page.goto(served_2024.url + PAIR)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    open_pair(page, served_2024.url + PAIR)
    # the chart was drawn by plotly.js under the policy (its bars; labels are printed only where they fit)
    assert page.locator("#tiv-chart g.point path, #tiv-chart g.trace.bars path").count() > 0
    # the other pages' scripts too: the check page (clientside code) and the data page
    for path in ("/check", "/data", "/diff"):
        page.click(f"#nav-{path.strip('/')}")
        page.wait_for_function(f"() => location.pathname === '{path}'")
        page.wait_for_selector(".page", timeout=20_000)
    assert page.evaluate("window.__violations") == [] and said == []


def test_another_site_cannot_frame_the_data_page(served_2024: Any, page: Any) -> None:  # noqa: F811
    # A page of another origin (about:blank's opaque one) that frames the Data page.
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=20_000) as refused:
        page.set_content(f'<iframe id="f" src="{served_2024.url}/data" width="800" height="600"></iframe>')
    assert "has been blocked" in refused.value.text
    assert page.frame_locator("#f").locator("#store-releases").count() == 0
