"""What each hostile input is fed to, and what counts as handled: accepted, or refused with our sentence.

Shared by the hypothesis tests (test_fuzz.py) and the replay of the kept corpus (test_corpus.py).
Every function raises AssertionError when anything but our one-sentence error escapes.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.utils
from dash._pages import _parse_query_string

from dashboard.viewstate import BY_CHOICES, SHARE_CHOICES, ViewContext, parse_query, view_from_query
from etl.entities import EntityResolver
from etl.errors import ArmsExplorerError
from etl.verify.claims import ClaimFields, DesignationIndex, read_claim
from tests.hostile.conftest import page_of

RESOLVER = EntityResolver()
INDEX = DesignationIndex.from_names(["MH-60R Seahawk", "Bayraktar TB2", "S-400 Triumf", "Drone-X"])
CONTEXT = ViewContext(
    releases=("2026",), release="2026", first_year=1950, last_year=2025, categories=("Aircraft", "Ships"),
    suppliers=frozenset({"turkiye", "russia"}), recipients=frozenset({"pakistan", "india"}),
    default_supplier="turkiye", default_recipient="pakistan",
)
FIELDS = ("supplier", "recipient", "weapon", "quantity", "value", "stage", "from_year", "to_year")


def one_sentence(message: str) -> None:
    assert message and message.strip(), "an empty error message"
    assert "\n" not in message.strip(), f"not one sentence: {message!r}"
    assert "Traceback" not in message


def claim(text: str | None, fields: dict[str, str | None]) -> None:
    """The claim parser on text and structured fields."""
    try:
        parsed = read_claim(text, ClaimFields(**{k: v for k, v in fields.items() if k in FIELDS}), RESOLVER, INDEX)
    except ArmsExplorerError as exc:
        one_sentence(exc.message)
        return
    assert parsed.supplier_id or parsed.recipient_id
    if parsed.from_year is not None and parsed.to_year is not None:
        assert parsed.from_year <= parsed.to_year


def view_link(search: str) -> None:
    """The pair page's URL state: any query string gives a valid view, with notices for what fell back."""
    view, notices = view_from_query(parse_query(search), CONTEXT, RESOLVER.resolve)
    assert CONTEXT.first_year <= view.from_year <= view.to_year <= CONTEXT.last_year
    assert set(view.suppliers) <= CONTEXT.suppliers and set(view.recipients) <= CONTEXT.recipients
    assert set(view.categories) <= set(CONTEXT.categories)
    assert view.by in BY_CHOICES and view.shares in SHARE_CHOICES
    assert view.deal is None or len(view.deal) <= 40
    for notice in notices:
        one_sentence(notice)
        assert len(notice) < 400, "a notice echoes too much of the link"
    again, more = view_from_query(parse_query(view.query_string()), CONTEXT, RESOLVER.resolve)
    assert again == view and more == [], "the written link does not read back as the same view"


def page_layout(name: str, search: str) -> None:
    """A page's layout for a link's query string, as Dash calls it (inside a request of the app)."""
    query = _parse_query_string(search if search.startswith("?") else "?" + search)
    layout = page_of(name).layout(**query)
    text = json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)
    assert "Traceback" not in text
    assert "could not be" not in text, text[:500]


def upload(contents: Any, names: Any) -> None:
    """The data page's upload callback on whatever the browser (or anyone) posts."""
    shown, _stored = page_of("data").upload_files(contents, names)
    if shown is None or not isinstance(shown, list):
        return  # dash.no_update: nothing was dropped
    first = shown[0]
    if getattr(first, "id", None) == "upload-error":
        one_sentence(first.children)
        assert "could not be ingested (" not in first.children, f"an unexpected error escaped: {first.children}"
    else:
        assert getattr(first, "id", None) == "upload-ok", first
