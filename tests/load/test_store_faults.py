"""A store damaged under a running server: one clear sentence on the page and in the log, other pages fine.

The server is gunicorn (2 workers, 127.0.0.1); pages are asked for as the browser asks Dash for
them (the pages router's `_dash-update-component` POST, whose shape Dash fixes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from benchmarks.bench_load import request
from etl.config import Settings
from etl.ingest import ingest, read_paths
from tests.conftest import RELEASE_2025_FILES, RELEASE_2026_FILES, sipri_file

pytestmark = [pytest.mark.load, pytest.mark.sipri]

CLAIM = "Turkiye delivered Bayraktar TB2 drones to Pakistan"


def routed(path: str, search: str = "") -> dict[str, Any]:
    """The pages router's callback body for a path and query string, as dash-renderer sends it."""
    return {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
    }


def open_page(url: str, path: str, **query: str) -> tuple[int, str]:
    """(status, text) of a page's content, fetched as the browser fetches it."""
    search = "?" + urlencode(query) if query else ""
    status, _ = request(url, "GET", path + search)
    if status != 200:
        return status, ""
    status, body = request(url, "POST", "/_dash-update-component", routed(path, search))
    return status, body.decode("utf-8", errors="replace")


def texts(body: str) -> str:
    """Every string in a Dash response, joined: what the page shows."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    walk(json.loads(body))
    return "\n".join(out)


@pytest.fixture
def two_releases(tmp_path: Path) -> Settings:
    settings = Settings(store_dir=tmp_path / "store")
    for names in (RELEASE_2025_FILES, RELEASE_2026_FILES):
        ingest(read_paths([sipri_file(n) for n in names]), settings)
    return settings


def _other_pages_work(url: str) -> None:
    for path, query in [
        ("/", {"release": "2026", "supplier": "turkiye", "recipient": "pakistan"}),
        ("/data", {}),
        ("/check", {"text": CLAIM, "release": "2026"}),
        ("/search", {"q": "TB2", "release": "2026"}),
    ]:
        status, body = open_page(url, path, **query)
        assert status == 200, (path, status)
        shown = texts(body)
        assert "alert-error" not in body and "Traceback" not in shown, (path, shown[:500])


@pytest.mark.parametrize("damage", ["removed", "corrupted"])
def test_a_damaged_table_is_one_sentence_on_the_page_and_in_the_log(
    two_releases: Settings, gunicorn: Any, damage: str
) -> None:
    server = gunicorn(two_releases.store_dir)
    _other_pages_work(server.url)  # 2026 read into the workers' caches; 2025 not yet
    target = two_releases.store_dir / "releases" / "2025" / "g1" / "deals.parquet"
    if damage == "removed":
        target.unlink()
        sentence = f"{target}: this store file is missing; ingest release 2025's SIPRI files again"
    else:
        target.write_bytes(b"PAR1 not a parquet file at all")
        sentence = f"{target}: this store file is damaged (ArrowInvalid); ingest release 2025's SIPRI files again"
    for path, query in [("/", {"release": "2025", "supplier": "turkiye", "recipient": "pakistan"}),
                        ("/check", {"text": CLAIM, "release": "2025"})]:
        status, body = open_page(server.url, path, **query)
        assert status == 200, (path, status, body[:300])
        shown = texts(body)
        assert sentence in shown, (path, shown[:800])
        assert "Traceback" not in shown
    _other_pages_work(server.url)
    log = server.log_text()
    assert sentence in log
    assert "Traceback" not in log


def test_a_damaged_manifest_is_one_sentence_on_every_page(two_releases: Settings, gunicorn: Any) -> None:
    server = gunicorn(two_releases.store_dir)
    _other_pages_work(server.url)
    manifest = two_releases.store_dir / "manifest.json"
    manifest.write_text('{"releases": {"2026": ')
    sentence = f"{manifest}: the store's manifest is damaged (JSONDecodeError); remove the store folder"
    for path, query in [("/", {"supplier": "turkiye"}), ("/data", {}), ("/check", {"text": CLAIM}),
                        ("/search", {"q": "TB2"}), ("/diff", {})]:
        status, body = open_page(server.url, path, **query)
        assert status == 200, (path, status, body[:300])
        assert sentence in texts(body), (path, texts(body)[:800])
    log = server.log_text()
    assert sentence in log
    assert "Traceback" not in log
