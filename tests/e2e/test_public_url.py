"""Citations and shared links carry the team server's public address (ARMS_EXPLORER_PUBLIC_URL)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from etl.config import Settings
from tests.e2e.conftest import Served, serve

pytestmark = [pytest.mark.e2e, pytest.mark.sipri]


@pytest.fixture
def served_public(store_2024: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    monkeypatch.setenv("ARMS_EXPLORER_PUBLIC_URL", "https://arms.example.org")
    yield from serve(store_2024)


@pytest.mark.parametrize("path", ["/?release=2024&supplier=turkiye&recipient=pakistan&from=2004&to=2023",
                                  "/profile?release=2024&entity=pakistan&from=2004&to=2023"])
def test_the_citation_carries_the_public_address_and_a_key_naming_the_view(served_public: Served, page: Any,
                                                                            path: str) -> None:
    page.goto(served_public.url + path)
    prefix = "profile-" if path.startswith("/profile") else ""
    page.wait_for_function(f"() => (document.querySelector('#{prefix}cite-text') || {{}}).textContent", timeout=20_000)
    text = page.text_content(f"#{prefix}cite-text") or ""
    bibtex = page.text_content(f"#{prefix}cite-bibtex") or ""
    ris = page.text_content(f"#{prefix}cite-ris") or ""
    shown = path.split("?")[0]
    for citation in (text, bibtex, ris):
        assert f"https://arms.example.org{shown}?release=2024" in citation
        assert "127.0.0.1" not in citation
    key = bibtex.split("{", 1)[1].split(",", 1)[0]
    assert key == ("sipri_at_2024_profile_pakistan_2004_2023" if prefix else "sipri_at_2024_pair_turkiye_pakistan_2004_2023")
