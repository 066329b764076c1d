"""`arms-explorer check --format claimreview`: the check's verdicts as schema.org ClaimReview
items (JSON-LD) for a real article, that fact-checking sites can take."""

from __future__ import annotations

import json

import pytest

from etl.cli import main
from etl.verify.verdicts import VERDICT_LABELS
from tests.dashboard.brief.test_brief import ARTICLE, article_paragraph

pytestmark = pytest.mark.sipri


def check(capsys, store, *args: str) -> list[dict]:
    code = main(["check", *args, "--format", "claimreview", "--store", str(store.store_dir)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_the_whole_article_gives_one_claimreview_per_verdict_with_the_articles_address_and_date(store_all, capsys):
    article_paragraph("Turkey is expected to supply Pakistan")  # skips where the article is absent
    items = check(capsys, store_all, "--file", str(ARTICLE), "--date", "2025-05-20", "--release", "2026",
                  "--url", "https://news.example.org/turkiye-pakistan-ties")
    assert items
    for item in items:
        assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
        assert item["claimReviewed"] and item["reviewRating"]["@type"] == "Rating"
        assert item["reviewRating"]["alternateName"] in VERDICT_LABELS.values()
        assert item["author"] == {"@type": "Organization", "name": "Arms Transfers Explorer",
                                  "description": item["author"]["description"]}
        assert "release 2026" in item["author"]["description"]
        assert len(item["datePublished"]) == 10  # the review's date, ISO
        reviewed = item["itemReviewed"]
        assert reviewed["@type"] == "Claim" and reviewed["datePublished"] == "2025-05-20"
        assert reviewed["appearance"] == {"@type": "CreativeWork", "url": "https://news.example.org/turkiye-pakistan-ties",
                                          "datePublished": "2025-05-20"}
    # The JSON contract's claims and parts, one item per part, in order.
    code = main(["check", "--file", str(ARTICLE), "--date", "2025-05-20", "--release", "2026", "--format", "json",
                 "--store", str(store_all.store_dir)])
    contract = json.loads(capsys.readouterr()[0])
    assert code == 0
    expected = [(c["sentence"], p["verdict_label"]) for c in contract["claims"] for p in c["parts"]]
    assert [(i["claimReviewed"], i["reviewRating"]["alternateName"]) for i in items] == expected
    tb2 = [i for i in items if "Bayraktar TB2" in i["name"]]
    assert tb2 and tb2[0]["reviewRating"]["alternateName"] == "Partly recorded"


def test_a_saved_page_gives_its_own_address_and_date(store_all, capsys, tmp_path):
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Drones for Pakistan</title><link rel='canonical' href='https://news.example.org/drones'>"
        "<meta property='article:published_time' content='2025-05-20T08:00:00Z'></head><body><article>"
        "<h1>Drones for Pakistan</h1><p>Turkey is expected to supply Pakistan with a fleet of Bayraktar TB2 drones, "
        "officials said on Tuesday in a statement that was widely reported across the region.</p></article></body></html>",
        encoding="utf-8")
    items = check(capsys, store_all, "--file", str(page))
    [drones] = [i for i in items if "Bayraktar" in i["name"]]
    assert drones["itemReviewed"]["appearance"]["url"] == "https://news.example.org/drones"
    assert drones["itemReviewed"]["datePublished"] == "2025-05-20"


def test_a_claim_without_an_article_names_no_address(store_all, capsys):
    [item, *_] = check(capsys, store_all, "Turkey supplied Bayraktar TB2 drones to Pakistan.")
    assert "appearance" not in item["itemReviewed"] and "datePublished" not in item["itemReviewed"]
