"""Static files: long lifetimes where the URL names the version, cheap revalidation, compressed once."""

from __future__ import annotations

import re

import flask_compress.flask_compress as compress_module
import pytest

from dashboard.app import create_app
from dashboard.static_cache import IMMUTABLE, UNVERSIONED

PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"
GRAPH_CHUNK = "/_dash-component-suites/dash/dcc/async-graph.js"
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture
def client(empty_store):
    app = create_app(empty_store)
    client = app.server.test_client()
    index = client.get("/")
    assert index.status_code == 200
    client.index_html = index.get_data(as_text=True)
    return client


@pytest.fixture
def compressions(monkeypatch):
    """Counts flask-compress's compressions, by length of what it was given."""
    done: list[int] = []
    real = compress_module._compress_data

    def counted(app, data, algorithm):
        done.append(len(data))
        return real(app, data, algorithm)

    monkeypatch.setattr(compress_module, "_compress_data", counted)
    return done


def test_scripts_and_assets_the_page_names_by_version_are_cached_for_a_year(client):
    urls = re.findall(r'(?:src|href)="(/[^"]+)"', client.index_html)
    versioned = [u for u in urls if "/_dash-component-suites/" in u or "?m=" in u]
    assert any("dash_renderer" in u for u in versioned) and any(u.startswith("/assets/style.css?m=") for u in versioned)
    for url in versioned:
        response = client.get(url, headers=BROWSER)
        response.close()  # a streamed file
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == IMMUTABLE, url


def test_plotly_js_has_a_lifetime_and_its_revalidation_is_answered_without_the_file(client, compressions):
    first = client.get(PLOTLY, headers=BROWSER)
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "zstd"
    assert first.headers["Cache-Control"] == UNVERSIONED
    etag = first.headers["ETag"]
    assert len(compressions) == 1
    again = client.get(PLOTLY, headers={**BROWSER, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["Cache-Control"] == UNVERSIONED
    assert len(compressions) == 1, "a revalidation compressed plotly.js again"


def test_each_static_file_is_compressed_once_per_encoding(client, compressions):
    for _ in range(3):
        for encoding in ("zstd", "br", "gzip"):
            response = client.get(PLOTLY, headers={"Accept-Encoding": encoding})
            assert response.status_code == 200 and response.headers["Content-Encoding"] == encoding
    assert len(compressions) == 3
    plain = client.get(PLOTLY).get_data()
    assert plain.startswith(b"/**") or b"plotly" in plain[:2000].lower()


def test_callback_answers_and_layouts_are_never_kept_or_given_a_lifetime(client, compressions):
    for _ in range(2):
        response = client.get("/_dash-layout", headers=BROWSER)
        assert response.status_code == 200
        assert "max-age" not in (response.headers.get("Cache-Control") or "")
    assert len(compressions) == 2, "the layout was served from the compressed-file cache"


def test_a_chunk_loaded_on_demand_revalidates_cheaply(client):
    first = client.get(GRAPH_CHUNK, headers=BROWSER)
    assert first.status_code == 200 and first.headers["Cache-Control"] == UNVERSIONED
    again = client.get(GRAPH_CHUNK, headers={**BROWSER, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
