"""The app's frame around every page: the nav read from Dash's page registry, and the one error
boundary that shows a page's failure as one sentence above it (never a traceback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
import pytest
from dash import dcc, html

from dashboard.guards import PAGE_ERROR_ID, UNKNOWN_ERROR
from etl.config import Settings
from etl.errors import StoreError

# The order a researcher works in: a pair, a claim or a weapon; then the wider context; then the data.
RESEARCH_ORDER = [("Pair", "/"), ("Check", "/check"), ("Search", "/search"), ("Profile", "/profile"),
                  ("Compare", "/compare"), ("Flows", "/flows"), ("Diff", "/diff"), ("Data", "/data")]


@pytest.fixture
def app(tmp_path: Path) -> dash.Dash:
    from dashboard.app import create_app

    return create_app(Settings(store_dir=tmp_path / "store"))


def nav_links(app: dash.Dash) -> list[tuple[str, str]]:
    """(label, href) of the links in the layout's nav, as the page shows them."""
    nav = next(c for c in app.layout._traverse() if isinstance(c, html.Nav))  # noqa: SLF001 - Dash's own walk
    return [(link.children, link.href) for link in nav.children if isinstance(link, dcc.Link)]


def test_the_nav_lists_every_registered_page_under_its_own_name_in_the_research_order(app: dash.Dash) -> None:
    assert nav_links(app) == RESEARCH_ORDER
    # Read from each page's `register_page`, not a list of its own: a page renamed or added shows.
    registered = [(page["name"], page["path"]) for page in dash.page_registry.values()]
    assert nav_links(app) == registered


def test_a_page_s_name_changed_in_its_registration_changes_the_nav(monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    from dashboard.app import create_app

    register = dash.register_page

    def renamed(module: str, **kwargs: Any) -> None:  # as if pages/diff.py said name="Changes"
        register(module, **{**kwargs, "name": "Changes"} if kwargs.get("path") == "/diff" else kwargs)

    monkeypatch.setattr(dash, "register_page", renamed)  # the app loads the pages anew
    rebuilt = create_app(Settings(store_dir=tmp_path / "store"))
    monkeypatch.undo()
    assert ("Changes", "/diff") in nav_links(rebuilt) and ("Diff", "/diff") not in nav_links(rebuilt)
    create_app(Settings(store_dir=tmp_path / "store"))  # the registry as the pages give it, for the next test
    assert dash.page_registry["pages.diff"]["name"] == "Diff"


def open_page(app: dash.Dash, path: str) -> dict[str, Any]:
    """The pages router's answer for `path`, asked as dash-renderer asks it."""
    response = app.server.test_client().post("/_dash-update-component", json={
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                   {"id": "_pages_location", "property": "search", "value": ""}],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
    })
    assert response.status_code == 200, response.data[:300]
    assert b"Traceback" not in response.data and b'File "' not in response.data
    return response.get_json()


def shown_above_the_page(answer: dict[str, Any]) -> Any:
    shown = answer.get("sideUpdate", {}).get(PAGE_ERROR_ID, {}).get("children")
    return shown and (shown["props"]["children"], shown["props"]["className"])


@pytest.mark.parametrize(("error", "sentence"), [
    (StoreError("/srv/store/manifest.json: the manifest is damaged; ingest the files again."),
     "/srv/store/manifest.json: the manifest is damaged; ingest the files again."),
    (KeyError("tiv_delivered_m"), UNKNOWN_ERROR),
])
def test_a_page_that_fails_shows_one_sentence_above_it_and_no_traceback(
    app: dash.Dash, monkeypatch: pytest.MonkeyPatch, error: Exception, sentence: str
) -> None:
    def failing_layout(**_query: Any) -> Any:
        raise error

    monkeypatch.setitem(dash.page_registry["pages.diff"], "layout", failing_layout)
    answer = open_page(app, "/diff")
    assert shown_above_the_page(answer) == (sentence, "alert alert-error")
    assert "_pages_content" not in answer.get("response", {})  # the page as it was, not half drawn


def test_a_page_that_works_shows_nothing_above_it(app: dash.Dash) -> None:
    answer = open_page(app, "/data")
    assert not shown_above_the_page(answer)
    assert "_pages_content" in answer["response"]


def test_the_sentence_above_the_page_goes_when_the_view_changes(app: dash.Dash) -> None:
    cleared = [c for c in app._callback_list if c["output"] == f"{PAGE_ERROR_ID}.children"]  # noqa: SLF001
    assert len(cleared) == 1
    assert {i["id"] for i in cleared[0]["inputs"]} == {"_pages_location"}


def page_text(component: Any) -> str:
    """Every string a layout shows, joined."""
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return " ".join(page_text(c) for c in component)
    children = getattr(component, "children", None)
    return "" if children is None else page_text(children)


@pytest.mark.parametrize("page", ["check", "search", "diff", "profile", "compare", "flows"])
def test_a_page_over_an_empty_or_damaged_store_says_so_in_one_sentence(
    app: dash.Dash, tmp_path: Path, page: str
) -> None:
    from tests.dashboard.conftest import page_module

    module = page_module(page)
    with app.server.test_request_context():
        empty = page_text(module.layout())
        (tmp_path / "store").mkdir()
        (tmp_path / "store" / "manifest.json").write_text("{not json")
        damaged = page_text(module.layout())
    wanted = "A diff needs two releases in the store" if page == "diff" else "The store holds no release yet"
    assert wanted in empty or (page in {"profile", "compare", "flows"} and "Add SIPRI data" in empty), empty
    assert "manifest" in damaged and "Traceback" not in damaged, damaged


@pytest.mark.parametrize(("prefix", "pickers"), [
    ("profile-", ["entity"]), ("compare-", ["add-supplier", "add-recipient"]), ("flows-", ["supplier", "recipient", "map"]),
])
def test_choosing_a_release_on_a_context_page_offers_its_entities_and_years(
    app_2024: dash.Dash, prefix: str, pickers: list[str]
) -> None:
    outputs = [{"id": f"{prefix}{name}", "property": "options"} for name in pickers] + [
        {"id": f"{prefix}years", "property": p} for p in ("min", "max", "marks")]
    response = app_2024.server.test_client().post("/_dash-update-component", json={
        "output": ".." + "...".join(f"{o['id']}.{o['property']}" for o in outputs) + "..",
        "outputs": outputs,
        "inputs": [{"id": f"{prefix}release", "property": "value", "value": "2024"}],
        "changedPropIds": [f"{prefix}release.value"],
    })
    assert response.status_code == 200, response.data[:300]
    answer = response.get_json()["response"]
    for name in pickers:
        labels = [o["label"] for o in answer[f"{prefix}{name}"]["options"]]
        assert any(label.startswith("Pakistan") for label in labels) or any(label.startswith("Turkiye") for label in labels)
    from dashboard import queries

    data = queries.release_data(app_2024.server.config["ARMS_EXPLORER_SETTINGS"], "2024")
    years = answer[f"{prefix}years"]
    assert (years["min"], years["max"]) == (data.first_year, data.last_year) and years["min"] < 1960 < 2020 < years["max"]
    assert str(data.last_year) in years["marks"]
