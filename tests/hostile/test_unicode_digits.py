"""Text whose 'digits' are not ASCII ('²' is a digit to str.isdigit() but int() refuses it) is
read as not a number, never as a traceback: in a link, a claim, and SIPRI's answer headers."""

from __future__ import annotations

from types import ModuleType

import pytest

from etl.fetch.http import _content_length, _retry_after
from etl.verify.claims.mentions import number_value


@pytest.fixture(scope="module")
def check_page(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    from dashboard.app import create_app
    from etl.config import Settings
    from tests.dashboard.conftest import page_module

    create_app(Settings(store_dir=tmp_path_factory.mktemp("store")))
    return page_module("check")


@pytest.mark.parametrize("text", ["²", "2²", "¹⁰", "٣"])
def test_superscripts_and_other_digits_are_not_numbers_anywhere(text: str, check_page: ModuleType) -> None:
    assert check_page.corrections_from_query({f"c{text}.supplier": "turkiye"}) == {}
    assert number_value(text) is None
    assert _content_length({"content-length": text}) is None
    assert _retry_after({"Retry-After": text}) is None


def test_ascii_numbers_still_read(check_page: ModuleType) -> None:
    assert check_page.corrections_from_query({"c2.supplier": "turkiye"}) == {2: {"supplier": "turkiye"}}
    assert number_value("1,200") == 1200 and _content_length({"content-length": "512"}) == 512
    assert _retry_after({"Retry-After": " 3 "}) == 3.0
