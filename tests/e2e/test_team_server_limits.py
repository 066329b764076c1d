"""The README's team-server command (with its gunicorn config) answers a long link instead of HTTP 414.

A Check page link holds the claim in its URL; gunicorn's default request-line limit (4,094
bytes) refused one after a 4,000-character paste. The config raises it to 8,190 bytes (the most
gunicorn allows); longer claims are the Check page's to keep short.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
from pathlib import Path

import pytest

from tests.e2e.test_pair_gunicorn import fetch, team_server  # noqa: F401 - the README's command, served

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]


def test_a_check_link_of_6000_bytes_is_answered(team_server: tuple[str, Path, Path]) -> None:  # noqa: F811
    url, _, _ = team_server
    claim = "Turkiye delivered 12 Bayraktar TB2 drones to Pakistan in 2022. " * 95
    link = url + "/check?" + urllib.parse.urlencode({"text": claim})
    assert 5_500 < len(link) < 8_000
    status, body = fetch(link)
    assert status == 200 and b"_dash-config" in body
    with pytest.raises(urllib.error.HTTPError) as refused:  # past gunicorn's own ceiling: refused, not a killed worker
        fetch(url + "/check?" + urllib.parse.urlencode({"text": claim * 2}))
    assert refused.value.code in (400, 414)
    assert fetch(url + "/_dash-layout")[0] == 200
