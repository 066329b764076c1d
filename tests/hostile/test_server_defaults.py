"""The server binds 127.0.0.1 unless told otherwise; debug mode is off outside `serve --debug`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
import pytest

from etl.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `arms-explorer serve` asks Dash to run with (the server itself is not started)."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kwargs: calls.append(kwargs))
    return calls


def test_serve_binds_loopback_without_debug_by_default(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    assert main(["serve", "--store", str(tmp_path)]) == 0
    assert runs == [{"host": "127.0.0.1", "port": 8050, "debug": False}]


def test_serve_debug_and_host_only_when_asked(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    assert main(["serve", "--store", str(tmp_path), "--debug", "--host", "0.0.0.0"]) == 0
    assert runs[0]["debug"] is True and runs[0]["host"] == "0.0.0.0"


def test_the_gunicorn_app_runs_without_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMS_EXPLORER_STORE", str(tmp_path))
    from dashboard.app import create_app

    app = create_app()
    assert app.server.debug is False
    assert not app.config.get("debug") and not app._dev_tools.get("ui")  # noqa: SLF001 - Dash keeps it there
    client = app.server.test_client()
    # A broken callback request gets a bare 500, never a traceback or Dash's debug page.
    response = client.post("/_dash-update-component", json={"output": "nope.children", "inputs": []})
    assert response.status_code >= 400
    assert b"Traceback" not in response.data and b"File \"" not in response.data


def test_gunicorn_binds_loopback_by_default() -> None:
    from gunicorn.config import Config

    assert Config().address == [("127.0.0.1", 8000)]
