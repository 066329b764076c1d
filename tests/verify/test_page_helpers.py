"""The check page's pure helpers: which parts the user changed, and the link that keeps them."""

from __future__ import annotations

from types import ModuleType
from urllib.parse import parse_qs

import pytest

from etl.config import Settings


@pytest.fixture(scope="module")
def check_page(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    # Pages register themselves with Dash, which needs an app first.
    from dashboard.app import create_app

    create_app(Settings(store_dir=tmp_path_factory.mktemp("store")))
    # Dash imports pages/*.py under its own module names; importing the file again would register
    # the page twice and break every app built later in the session.
    from tests.dashboard.conftest import page_module

    return page_module("check")


def test_only_parts_the_user_changed_become_fields(check_page):
    changed_parts, claim_fields = check_page.changed_parts, check_page.claim_fields
    parsed = {"supplier": "china", "recipient": "pakistan", "weapon": "J-10C", "quantity": "36",
              "value": "", "stage": "delivered", "from": "", "to": ""}
    edited = {**parsed, "quantity": "20", "to": " 2023 ", "value": None}
    changed = changed_parts(parsed, edited)
    assert changed == {"quantity": "20", "to": "2023"}
    fields = claim_fields(changed)
    assert (fields.quantity, fields.to_year, fields.supplier) == ("20", "2023", None)


def test_the_link_holds_text_changed_parts_and_release(check_page):
    search = check_page.query_string("China delivered 36 J-10C & more", {"quantity": "20", "to": ""}, "2026")
    query = parse_qs(search[1:])
    assert query == {"text": ["China delivered 36 J-10C & more"], "quantity": ["20"], "release": ["2026"]}
