"""The README's team-server command: read-only for data, headers on, a long link answered.

Run as the README gives it (tests/e2e/conftest.py's `team_server_2024`), with no
ARMS_EXPLORER_ALLOW_UPLOADS: the Data page has no upload control and a fabricated upload posted
by hand is refused. A Check page link holds the claim in its URL; gunicorn's default
request-line limit (4,094 bytes) refused one after a 4,000-character paste; the config raises it
to 8,190 bytes (the most gunicorn allows); longer claims are the Check page's to keep short.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from etl.config import Settings
from etl.store import Store
from tests.e2e.conftest import TeamServer, callback_payload, fetch
from tests.hostile.conftest import hostile_register

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]


def test_a_check_link_of_6000_bytes_is_answered(team_server_2024: TeamServer) -> None:
    url = team_server_2024.url
    claim = "Turkiye delivered 12 Bayraktar TB2 drones to Pakistan in 2022. " * 95
    link = url + "/check?" + urllib.parse.urlencode({"text": claim})
    assert 5_500 < len(link) < 8_000
    status, body = fetch(link)
    assert status == 200 and b"_dash-config" in body
    with pytest.raises(urllib.error.HTTPError) as refused:  # past gunicorn's own ceiling: refused, not a killed worker
        fetch(url + "/check?" + urllib.parse.urlencode({"text": claim * 2}))
    refused.value.close()  # the error holds the answer's socket open until closed
    assert refused.value.code in (400, 414)
    assert fetch(url + "/_dash-layout")[0] == 200


def test_the_team_server_is_read_only_for_data_and_refuses_a_fabricated_upload(
    team_server_2024: TeamServer, store_2024: Settings
) -> None:
    url = team_server_2024.url
    before = Store(store_2024.store_dir).manifest()
    dependencies = json.loads(fetch(url + "/_dash-dependencies")[1])
    page = callback_payload(dependencies, ".._pages_content.children",
                            {"_pages_location.pathname": "/data", "_pages_location.search": ""})
    status, body = fetch(url + "/_dash-update-component", page)
    assert status == 200 and b"read-only for data" in body and b"ARMS_EXPLORER_ALLOW_UPLOADS=1" in body
    assert b'"id":"upload"' not in body and b'"id":"fetch-start"' not in body
    fabricated = "data:text/csv;base64," + base64.b64encode(hostile_register("13 Oct 2024 10:00:00 AM")).decode()
    upload = callback_payload(dependencies, "..upload-result.children",
                              {"upload.contents": [fabricated], "upload.filename": ["trade-register.csv"]})
    status, body = fetch(url + "/_dash-update-component", upload)
    assert status == 200 and b"read-only for data" in body and b"Stored in release" not in body
    assert Store(store_2024.store_dir).manifest() == before


def test_every_answer_of_the_team_server_carries_the_security_headers(team_server_2024: TeamServer) -> None:
    url = team_server_2024.url
    for path in ("/", "/data", "/_dash-layout", "/assets/style.css"):
        with urllib.request.urlopen(url + path, timeout=30) as response:  # noqa: S310 - 127.0.0.1 only
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
