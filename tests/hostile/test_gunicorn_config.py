"""The team server's limits are explicit: the README's gunicorn command reads dashboard/gunicorn.conf.py.

Its worker timeout, request-line limit and per-request budget; the budget stops a request well
inside the timeout with one sentence (above the page for a callback, else HTTP 503) instead of
gunicorn killing the worker.
"""

from __future__ import annotations

import importlib.util
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from dash import Input, Output

from etl.config import Settings
from tests.e2e.conftest import REPO, readme_gunicorn_args


def config_path() -> Path:
    args = readme_gunicorn_args()
    assert "-c" in args, f"the README's team-server command names no config file: {args}"
    return REPO / args[args.index("-c") + 1]


@pytest.fixture
def conf() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("arms_explorer_gunicorn_conf", config_path())
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = signal.getsignal(signal.SIGALRM)
    yield module
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, before)


def test_the_readmes_command_uses_a_config_with_explicit_limits(conf: ModuleType) -> None:
    from gunicorn.config import Config

    known = Config().settings
    assert conf.timeout == 30 and conf.limit_request_line == 8190  # 8190: the most gunicorn allows
    assert conf.request_budget_s <= conf.timeout * 2 / 3, "the budget must stop a request well before the timeout"
    settings = {name for name in vars(conf) if not name.startswith("_") and name in known}
    assert {"timeout", "graceful_timeout", "limit_request_line", "worker_class", "pre_request", "post_request"} <= settings


def sync_worker() -> object:
    from gunicorn.workers.sync import SyncWorker

    worker = SyncWorker.__new__(SyncWorker)
    worker.cfg = SimpleNamespace(threads=1)  # type: ignore[attr-defined]
    worker.log = SimpleNamespace(warning=lambda *a, **k: None)  # type: ignore[attr-defined]
    return worker


def test_the_budget_stops_a_request_that_runs_too_long_and_is_cleared_after_each_request(
    conf: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.guards import RequestBudgetExceeded

    monkeypatch.setattr(conf, "request_budget_s", 0.2)
    worker = sync_worker()
    conf.post_worker_init(worker)
    conf.pre_request(worker, SimpleNamespace(method="POST", path="/_dash-update-component"))
    give_up = time.monotonic() + 60  # not a timed assertion: only stops the loop if the budget never fires
    with pytest.raises(RequestBudgetExceeded) as stopped:
        while time.monotonic() < give_up:
            sum(range(1000))
    assert "0.2 s" in stopped.value.message and "\n" not in stopped.value.message
    conf.post_request(worker, None, {}, None)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    # a request that ends in time leaves no alarm behind for the next one
    conf.pre_request(worker, SimpleNamespace(method="GET", path="/"))
    conf.post_request(worker, None, {}, None)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_threaded_worker_gets_no_alarm(conf: ModuleType) -> None:
    worker = sync_worker()
    worker.cfg = SimpleNamespace(threads=4)  # type: ignore[attr-defined]
    conf.post_worker_init(worker)
    conf.pre_request(worker, SimpleNamespace(method="GET", path="/"))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_request_stopped_by_the_budget_shows_its_sentence(tmp_path: Path) -> None:
    from dashboard.app import create_app
    from dashboard.guards import PAGE_ERROR_ID, RequestBudgetExceeded

    app = create_app(Settings(store_dir=tmp_path / "store"))

    @app.callback(Output("slow-out", "children"), Input("slow", "n_clicks"))
    def _slow(_n: int | None) -> str:
        raise RequestBudgetExceeded(20)

    def _slow_route() -> str:
        raise RequestBudgetExceeded(20)

    app.server.add_url_rule("/slow-route", "slow_route", _slow_route)
    client = app.server.test_client()
    response = client.post("/_dash-update-component", json={
        "output": "slow-out.children", "outputs": {"id": "slow-out", "property": "children"},
        "inputs": [{"id": "slow", "property": "n_clicks", "value": 1}], "changedPropIds": ["slow.n_clicks"]})
    # A callback's: the sentence above the page (the pages' error boundary), its output unchanged.
    shown = response.get_json()["sideUpdate"][PAGE_ERROR_ID]["children"]["props"]["children"]
    assert shown.startswith("This request took more than 20 s")
    assert response.get_json()["response"] == {}
    # Any other request's: 503 with the sentence.
    outside = client.get("/slow-route")
    assert outside.status_code == 503
    assert outside.data.decode().startswith("This request took more than 20 s")
