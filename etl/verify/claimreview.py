"""An article's check as schema.org ClaimReview items (JSON-LD), so fact-checking sites can take the verdicts.

One ClaimReview per part of every claim (a part has one verdict): `claimReviewed` is the claim's
sentence, `reviewRating.alternateName` the verdict's label ("Partly recorded"), its
`ratingExplanation` the verdict's summary; `itemReviewed` is the Claim with the article it
appeared in (`appearance`: its address and date, where given). SIPRI's verdicts are not a scale,
so the rating carries no number. Sentences with no arms-transfer claim give no item.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from etl.verify.article import ArticleCheck
from etl.verify.render import _json as to_json

SCHEMA_CONTEXT = "https://schema.org"
TOOL_NAME = "Arms Transfers Explorer"


def claim_reviews(
    check: ArticleCheck,
    article_url: str | None = None,
    review_url: str | None = None,
    reviewed_on: date | None = None,
) -> list[dict[str, Any]]:
    """The check's verdicts as ClaimReview items, one per part of each claim, in order."""
    published = (reviewed_on or date.today()).isoformat()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article_url:
        appearance["url"] = article_url
    if check.article_date:
        appearance["datePublished"] = check.article_date.isoformat()
    author = {"@type": "Organization", "name": TOOL_NAME,
              "description": f"Checked against the SIPRI Arms Transfers Database, release {check.release} "
                             f"(data generated {check.data_generated})."}
    items = []
    for result in check.results:
        claim = result.claim
        sentence = claim.sentence or claim.text
        item_reviewed: dict[str, Any] = {"@type": "Claim", "name": sentence}
        if check.article_date:
            item_reviewed["datePublished"] = check.article_date.isoformat()
        if len(appearance) > 1:
            item_reviewed["appearance"] = appearance
        for part in result.parts:
            review: dict[str, Any] = {
                "@context": SCHEMA_CONTEXT,
                "@type": "ClaimReview",
                "claimReviewed": sentence,
                "name": f"{claim.pair_text}: {part.kind} '{part.text}'",
                "itemReviewed": item_reviewed,
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": part.label,
                    "ratingExplanation": part.summary,
                },
                "author": author,
                "datePublished": published,
                "citation": check.citation["text"],
                "creditText": check.credit,
            }
            if review_url:
                review["url"] = review_url
            items.append(review)
    return items


def claimreview_json(check: ArticleCheck, article_url: str | None = None, review_url: str | None = None,
                     reviewed_on: date | None = None) -> str:
    """The ClaimReview items as a JSON-LD array (each item carries its own @context)."""
    return to_json(claim_reviews(check, article_url, review_url, reviewed_on))


def url_from_html(html: str) -> str | None:
    """A saved page's own address (its canonical link or og:url), read offline; None where it gives none."""
    import trafilatura  # only for pages: it is slow to import

    metadata = trafilatura.extract_metadata(html)
    url = getattr(metadata, "url", None) if metadata is not None else None
    return str(url) if url and str(url).startswith(("http://", "https://")) else None
