"""The Brief buttons of the pair and Check pages: their callbacks, called directly, send the brief."""

from __future__ import annotations

import base64
import io

import pytest

from dashboard.viewstate import PairView
from tests.dashboard.brief.test_brief import needs_chromium
from tests.dashboard.conftest import page_module

pytestmark = pytest.mark.sipri


@pytest.fixture(scope="module")
def app_all(store_all):
    from dashboard.app import create_app

    return create_app(store_all)


def test_pair_page_brief_button_sends_the_views_pdf(app_all, monkeypatch):
    needs_chromium()
    from pypdf import PdfReader

    pair = page_module("pair")
    view = PairView(release="2024", suppliers=("turkiye",), recipients=("pakistan",), from_year=2015, to_year=2023)
    monkeypatch.setattr(pair, "triggered_id", lambda: "brief-pdf")
    with app_all.server.test_request_context():
        sent, notice = pair.download_brief(0, 1, {"search": view.query_string()}, "http://127.0.0.1:8050/?x=1")
    assert notice is None
    assert sent["filename"] == "brief_Turkiye_to_Pakistan_2015-2023_release-2024.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(base64.b64decode(sent["content"]))).pages)
    text = " ".join(text.split())
    assert "Brief: Turkiye → Pakistan, 2015-2023" in text and "2023: 223.6" in text
    # The view's address (a long line the PDF wraps), under the address the page was opened at.
    assert "View:http://127.0.0.1:8050/?release=2024&supplier=turkiye&recipient=pakistan&from=2015&to=2023" in "".join(text.split())


def test_pair_page_brief_of_no_pair_says_so(app_all):
    pair = page_module("pair")
    view = PairView(release="2024", suppliers=("turkiye",), recipients=(), from_year=2015, to_year=2023)
    with app_all.server.test_request_context():
        sent, notice = pair.download_brief(1, 0, {"search": view.query_string()}, None)
    assert sent is None and "A brief is of a pair" in str(notice)


def test_check_page_brief_button_sends_the_first_pairs_brief_with_every_verdict(app_all, monkeypatch):
    needs_chromium()
    check = page_module("check")
    text = ("Turkey is expected to supply Pakistan with Bayraktar TB2 drones. "
            "In return, Pakistan will provide Turkey with mortar shells.")
    with app_all.server.test_request_context():
        sent, notice = check.download_brief(1, 0, {"text": text, "release": "2024"}, "http://127.0.0.1:8050/check?text=x")
    assert notice is None and sent["filename"].endswith(".html")
    page = sent["content"]
    assert "Brief: Turkiye → Pakistan, 1994-2023" in page
    assert "Claim 1: Turkiye -&gt; Pakistan" in page and "Claim 2: Pakistan -&gt; Turkiye" in page
    assert "Partly recorded" in page and "Outside SIPRI&#39;s coverage" in page
    assert "View: http://127.0.0.1:8050/?release=2024&amp;supplier=turkiye" in page


def test_check_page_claimreview_download(app_all, monkeypatch):
    import json

    check = page_module("check")
    monkeypatch.setattr(check, "triggered_id", lambda: "check-download-claimreview")
    stored = {"text": "Turkey is expected to supply Pakistan with Bayraktar TB2 drones.", "release": "2024",
              "link": "https://arms.example.org/check?text=x"}
    with app_all.server.test_request_context():
        sent = check.download(0, 0, 0, 0, 1, stored)
    assert sent["filename"].endswith(".jsonld")
    [item, *_] = json.loads(sent["content"])
    assert item["@type"] == "ClaimReview" and item["url"] == "https://arms.example.org/check?text=x"
