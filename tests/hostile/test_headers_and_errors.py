"""Security headers on every response, and errors kept out of responses and short in the log.

Another site must not frame any page (the Data page least of all); no response sniffs as script;
a hand-made request that is not a callback of this app gets 400 and one log line; a known error
(ArmsExplorerError) is one sentence in the response (a callback's: above the page, by the pages'
error boundary) and one line in the log; an unknown one writes its traceback once per place, never
into the response.
"""

from __future__ import annotations

import logging
from pathlib import Path

import dash
import pytest
from dash import Input, Output, html

from dashboard.guards import PAGE_ERROR_ID, UNKNOWN_ERROR
from etl.config import Settings
from etl.errors import StoreError

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture
def app(tmp_path: Path) -> dash.Dash:
    from dashboard.app import create_app

    built = create_app(Settings(store_dir=tmp_path / "store"))
    built.layout = html.Div([built.layout, html.Button(id="boom-known"), html.Button(id="boom-unknown"),
                             html.Div(id="boom-known-out"), html.Div(id="boom-unknown-out")])

    @built.callback(Output("boom-known-out", "children"), Input("boom-known", "n_clicks"))
    def _known(_n: int | None) -> str:
        raise StoreError("/srv/store/manifest.json: the manifest is damaged; ingest the files again.")

    @built.callback(Output("boom-unknown-out", "children"), Input("boom-unknown", "n_clicks"))
    def _unknown(_n: int | None) -> str:
        raise RuntimeError("a bug")

    def _route() -> str:
        raise StoreError("/srv/store/manifest.json: the manifest is damaged; ingest the files again.")

    built.server.add_url_rule("/boom-route", "boom_route", _route)  # a request that is no callback
    return built


def call(client: object, output: str, trigger: str) -> object:
    return client.post("/_dash-update-component", json={  # type: ignore[attr-defined]
        "output": output, "outputs": {"id": output.split(".")[0], "property": "children"},
        "inputs": [{"id": trigger, "property": "n_clicks", "value": 1}], "changedPropIds": [f"{trigger}.n_clicks"]})


def page_error(response: object) -> str | None:
    """The sentence a callback's answer shows above the page (the pages' error boundary), if any."""
    shown = (response.get_json() or {}).get("sideUpdate", {}).get(PAGE_ERROR_ID)  # type: ignore[attr-defined]
    if not shown:
        return None
    props = shown["children"]["props"]
    assert "alert-error" in props["className"]
    return props["children"]


def assert_guarded(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (name, headers)
    policy = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == "'self'"


def test_every_kind_of_response_carries_the_security_headers(app: dash.Dash) -> None:
    client = app.server.test_client()
    index = client.get("/data")
    assert index.status_code == 200
    script = next(line for line in index.data.decode().split('src="')[1:] if "dash_renderer" in line).split('"')[0]
    for response in (index, client.get("/"), client.get("/check?text=x"), client.get("/_dash-layout"),
                     client.get("/_dash-dependencies"), client.get(script), client.get("/assets/style.css"),
                     client.get("/no-such-page"), client.get("/_dash-component-suites/nope.js"),
                     client.post("/_dash-update-component", json={}), call(client, "boom-known-out.children", "boom-known")):
        assert_guarded(response)
        response.close()  # a streamed asset holds its file open until then


def test_the_index_page_s_policy_allows_exactly_its_own_inline_scripts(app: dash.Dash) -> None:
    import base64
    import hashlib
    import re

    response = app.server.test_client().get("/data")
    page = response.data.decode()
    inline = [m.group(1) for m in re.finditer(r"<script(?![^>]*src=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S)]
    assert any("DashRenderer" in s for s in inline)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
    script_src = next(d for d in response.headers["Content-Security-Policy"].split(";") if d.strip().startswith("script-src"))
    assert hashes <= set(script_src.split()), script_src


def test_a_request_that_is_no_callback_of_this_app_is_400_with_one_log_line(
    app: dash.Dash, caplog: pytest.LogCaptureFixture
) -> None:
    client = app.server.test_client()
    with caplog.at_level(logging.INFO):
        answers = [client.post("/_dash-update-component", json=body) for body in
                   ({}, {"output": "nope.children", "inputs": []}, [], {"output": 3}, {"output": "upload-result.children", "inputs": "x"})]
        answers.append(client.post("/_dash-update-component", data=b"\xff{", content_type="application/json"))
    assert {r.status_code for r in answers} == {400}
    assert all(b"Traceback" not in r.data and b"File \"" not in r.data for r in answers)
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) <= len(answers) and not any(r.exc_info for r in records), [r.getMessage() for r in records]
    assert all("\n" not in r.getMessage() for r in records)


def test_a_known_error_is_its_sentence_in_the_response_and_one_line_in_the_log(
    app: dash.Dash, caplog: pytest.LogCaptureFixture
) -> None:
    client = app.server.test_client()
    with caplog.at_level(logging.INFO):
        responses = [call(client, "boom-known-out.children", "boom-known") for _ in range(3)]
        outside = client.get("/boom-route")
    for response in responses:
        assert response.status_code == 200
        assert page_error(response) == "/srv/store/manifest.json: the manifest is damaged; ingest the files again."
        assert response.get_json()["response"] == {}  # the callback's own output is left as it was
    # Outside the callbacks, the same sentence is the whole answer, with the error's status.
    assert outside.status_code == 500
    assert outside.data.decode() == "/srv/store/manifest.json: the manifest is damaged; ingest the files again."
    responses.append(outside)
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 4 and not any(r.exc_info for r in records)
    assert all("manifest is damaged" in r.getMessage() and "\n" not in r.getMessage() for r in records)


def test_an_unknown_error_writes_its_traceback_once_and_never_into_the_response(
    app: dash.Dash, caplog: pytest.LogCaptureFixture
) -> None:
    client = app.server.test_client()
    with caplog.at_level(logging.INFO):
        responses = [call(client, "boom-unknown-out.children", "boom-unknown") for _ in range(5)]
    for response in responses:
        assert response.status_code == 200
        assert page_error(response) == UNKNOWN_ERROR
        assert b"Traceback" not in response.data and b"a bug" not in response.data and b"File \"" not in response.data
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 5
    assert [bool(r.exc_info) for r in records] == [True, False, False, False, False]
    assert all("RuntimeError" in r.getMessage() for r in records)
