"""A view asked again over the same store is answered from the worker's memory; a new store
generation, an impure callback or an error answer is never answered from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from dash import Input, Output, html

from dashboard import response_cache
from etl.config import Settings
from etl.ingest import ingest, read_paths
from tests.conftest import RELEASE_2025_FILES, sipri_file


def body_for(client: Any, output_with: str, values: dict[str, Any]) -> dict[str, Any]:
    """A callback request as the browser sends it, for the callback that has `output_with`
    (read from the app's own `_dash-dependencies`, as the browser reads it)."""
    callbacks = client.get("/_dash-dependencies").get_json()
    spec = next(c for c in callbacks if output_with in response_cache.outputs_of(c["output"]))

    def props(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")}
                for i in items]

    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in response_cache.outputs_of(spec["output"])]
    inputs = props(spec["inputs"])
    return {"output": spec["output"], "outputs": outputs, "inputs": inputs, "state": props(spec["state"]),
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}


@pytest.fixture
def own_store(tmp_path: Path, store_2024: Settings) -> Settings:
    """A copy of the 2024 store that the test may ingest into."""
    shutil.copytree(store_2024.store_dir, tmp_path / "store")
    return Settings(store_dir=tmp_path / "store")


def test_the_pair_view_asked_twice_is_answered_once(own_store: Settings) -> None:
    from dashboard.app import create_app

    app = create_app(own_store)
    client = app.server.test_client()
    answers = response_cache.answers_of(app.server)
    assert answers is not None
    values = {"release.value": "2024", "supplier.value": ["turkiye"], "recipient.value": ["pakistan"],
              "years.value": [2004, 2023], "by.value": "category", "options.value": ["open-orders"],
              "shares.value": "5y", "url.href": "http://127.0.0.1/?supplier=turkiye&recipient=pakistan"}
    body = body_for(client, "tiv-chart.figure", values)
    first = client.post("/_dash-update-component", json=body)
    assert first.status_code == 200 and "223.6" in first.get_data(as_text=True)
    hits = answers.hits
    second = client.post("/_dash-update-component", json=body)
    assert answers.hits == hits + 1
    assert second.get_data() == first.get_data()
    assert second.headers["Content-Security-Policy"]  # a kept answer still carries the headers

    # a new generation of the store (another release ingested) is never answered from memory
    ingest(read_paths([sipri_file(n) for n in RELEASE_2025_FILES]), own_store)
    hits = answers.hits
    third = client.post("/_dash-update-component", json=body)
    assert third.status_code == 200 and answers.hits == hits


def test_only_declared_callbacks_and_good_answers_are_kept(tmp_path: Path) -> None:
    from dashboard.app import create_app

    app = create_app(Settings(store_dir=tmp_path / "store"))
    app.layout = html.Div([app.layout, html.Button(id="t-pure"), html.Div(id="t-pure-out"),
                           html.Button(id="t-other"), html.Div(id="t-other-out"),
                           html.Button(id="t-bad"), html.Div(id="t-bad-out")])
    runs: list[str] = []

    @app.callback(Output("t-pure-out", "children"), Input("t-pure", "n_clicks"))
    def _pure(n: int | None) -> str:
        runs.append("pure")
        return f"pure {n}"

    @app.callback(Output("t-other-out", "children"), Input("t-other", "n_clicks"))
    def _other(n: int | None) -> str:
        runs.append("other")
        return f"other {n}"

    @app.callback(Output("t-bad-out", "children"), Input("t-bad", "n_clicks"))
    def _bad(n: int | None) -> Any:
        runs.append("bad")
        return html.Div("a store fault", className="alert alert-error")

    response_cache.pure("t-pure-out.children", "t-bad-out.children")
    client = app.server.test_client()

    def call(name: str, clicks: int) -> str:
        body = {"output": f"t-{name}-out.children", "outputs": {"id": f"t-{name}-out", "property": "children"},
                "inputs": [{"id": f"t-{name}", "property": "n_clicks", "value": clicks}],
                "changedPropIds": [f"t-{name}.n_clicks"]}
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200
        return json.dumps(response.get_json())

    for _ in range(3):
        call("pure", 1)
        call("other", 1)
        call("bad", 1)
    call("pure", 2)  # other inputs: another answer
    assert runs.count("pure") == 2 and runs.count("other") == 3 and runs.count("bad") == 3


def test_the_answer_store_is_bounded_by_bytes() -> None:
    answers = response_cache.AnswerStore(max_bytes=100)
    for n in range(10):
        answers.put(f"k{n}", b"x" * 30)
    assert answers.size_bytes <= 100
    assert answers.get("k9") == b"x" * 30 and answers.get("k0") is None
    answers.put("huge", b"x" * 101)
    assert answers.get("huge") is None


def _counting_app(store: Path, runs: list[str]) -> Any:
    """An app over `store` with one declared-pure callback that counts its runs (a worker)."""
    from dashboard.app import create_app

    app = create_app(Settings(store_dir=store))
    app.layout = html.Div([app.layout, html.Button(id="t-shared"), html.Div(id="t-shared-out")])

    @app.callback(Output("t-shared-out", "children"), Input("t-shared", "n_clicks"))
    def _shared(n: int | None) -> str:
        runs.append("shared")
        return f"view {n}"

    response_cache.pure("t-shared-out.children")
    return app


def _ask(app: Any, clicks: int) -> str:
    body = {"output": "t-shared-out.children", "outputs": {"id": "t-shared-out", "property": "children"},
            "inputs": [{"id": "t-shared", "property": "n_clicks", "value": clicks}],
            "changedPropIds": ["t-shared.n_clicks"]}
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_view_one_worker_answered_is_read_by_the_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMS_EXPLORER_ANSWER_CACHE", str(tmp_path / "answers"))
    runs: list[str] = []
    first, second = _counting_app(tmp_path / "store", runs), _counting_app(tmp_path / "store", runs)
    assert _ask(first, 1) == _ask(second, 1)
    assert runs == ["shared"]  # the second "worker" read the first one's answer
    shared = response_cache.shared_of(second.server)
    assert shared is not None and shared.hits == 1
    _ask(second, 2)
    assert runs == ["shared", "shared"]  # another view is computed


def test_another_servers_settings_never_read_these_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A public address changes the citations: a server with another one computes its own."""
    monkeypatch.setenv("ARMS_EXPLORER_ANSWER_CACHE", str(tmp_path / "answers"))
    runs: list[str] = []
    _ask(_counting_app(tmp_path / "store", runs), 1)
    monkeypatch.setenv("ARMS_EXPLORER_PUBLIC_URL", "https://arms.example.org")
    _ask(_counting_app(tmp_path / "store", runs), 1)
    assert runs == ["shared", "shared"]


def test_a_cache_folder_that_cannot_be_written_leaves_answers_computed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("ARMS_EXPLORER_ANSWER_CACHE", str(blocked))
    runs: list[str] = []
    app = _counting_app(tmp_path / "store", runs)
    assert response_cache.shared_of(app.server) is None
    assert "no shared answer cache" in caplog.text
    assert _ask(app, 1) == _ask(app, 1) and runs == ["shared"]  # the worker's own memory still answers


def test_the_shared_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMS_EXPLORER_ANSWER_CACHE", "off")
    assert response_cache.shared_folder(tmp_path) is None
    monkeypatch.delenv("ARMS_EXPLORER_ANSWER_CACHE")
    one, other = response_cache.shared_folder(tmp_path / "a"), response_cache.shared_folder(tmp_path / "b")
    assert one is not None and other is not None and one != other  # one folder per store
