"""The dashboard built over the shared stores, and its page modules (for calling callbacks)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import dash
import pytest

from etl.config import Settings

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"


def page_module(name: str) -> ModuleType:
    """The page module as Dash loaded it (it imports `pages/*.py` itself, under its own name)."""
    target = (PAGES / f"{name}.py").resolve()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if path and Path(path).resolve() == target:
            return module
    raise LookupError(f"Dash has not loaded {target}")


@pytest.fixture(scope="session")
def app_2024(store_2024: Settings) -> dash.Dash:
    from dashboard.app import create_app

    return create_app(store_2024)


@pytest.fixture
def in_request(app_2024: dash.Dash) -> Iterator[dash.Dash]:
    """A Flask request context, as callbacks run in (they read the settings from the app)."""
    with app_2024.server.test_request_context():
        yield app_2024


@pytest.fixture
def pair_page(app_2024: dash.Dash) -> ModuleType:
    return page_module("pair")


@pytest.fixture
def data_page(app_2024: dash.Dash) -> ModuleType:
    return page_module("data")
