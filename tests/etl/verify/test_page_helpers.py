"""The check page's pure helpers: corrections in the link, long texts kept under an id, the marked
text and the export rows."""

from __future__ import annotations

from types import ModuleType
from urllib.parse import parse_qs

import pytest

from etl.config import Settings
from etl.verify.texts import MAX_LINK_CHARS, load_text


@pytest.fixture(scope="module")
def check_page(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    # Pages register themselves with Dash, which needs an app first.
    from dashboard.app import create_app

    create_app(Settings(store_dir=tmp_path_factory.mktemp("store")))
    # Dash imports pages/*.py under its own module names; importing the file again would register
    # the page twice and break every app built later in the session.
    from tests.dashboard.conftest import page_module

    return page_module("check")


def test_corrections_round_trip_through_the_link(check_page):
    corrections = {0: {"supplier": "turkiye"}, 2: {"stage": "ordered", "weapon": "Akinci"}}
    search = check_page.query_string(("text", "Turkey & Pakistan"), "2025-05-20", "2026", corrections)
    query = {k: v[0] for k, v in parse_qs(search[1:]).items()}
    assert query["text"] == "Turkey & Pakistan" and query["date"] == "2025-05-20"
    assert check_page.corrections_from_query(query) == corrections
    fields = check_page.claim_fields(corrections)
    assert (fields[2].stage, fields[2].weapon, fields[0].supplier) == ("ordered", "Akinci", "turkiye")


def test_a_long_text_goes_into_the_store_and_the_link_holds_its_id(check_page, tmp_path):
    settings = Settings(store_dir=tmp_path)
    short = check_page.text_key(settings, "Turkey sold drones to Pakistan.")
    assert short == ("text", "Turkey sold drones to Pakistan.")
    article = "Turkey will deliver Bayraktar TB2 drones to Pakistan. " * 100
    assert len(article) > MAX_LINK_CHARS
    key, identifier = check_page.text_key(settings, article)
    assert key == "t" and len(identifier) == 16
    assert load_text(tmp_path, identifier) == article
    search = check_page.query_string((key, identifier), None, "2026", {})
    assert len(search) < 100  # a shareable link, far inside a server's request line


def test_an_unknown_or_malformed_text_id_is_one_sentence(tmp_path):
    from etl.verify.texts import TextNotFoundError

    for identifier in ("0123456789abcdef", "../../etc/passwd", ""):
        with pytest.raises(TextNotFoundError) as caught:
            load_text(tmp_path, identifier)
        assert "\n" not in caught.value.message
