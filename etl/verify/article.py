"""Check a whole text: every claim the reader finds, each on its own pair, against one release.

`check_article(article, data)` is what the command line, the Check page and the brief call;
`ArticleCheck.as_dict()` is the JSON contract documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from etl.entities import EntityResolver
from etl.provenance import citation_bibtex, citation_ris, citation_text, credit_line
from etl.store import ReleaseInfo, Store
from etl.verify.claims import (
    DEFAULT_BUDGET,
    Article,
    Claim,
    ClaimFields,
    DesignationIndex,
    ReaderBudget,
    apply_fields,
    read_article,
)
from etl.verify.verdicts import CheckResult, check_claim
from etl.verify.weapons import DesignationCatalogue, prepare_deals


@dataclass(frozen=True)
class ReleaseData:
    """What checking needs of one release: its whole tables and what is derived from them once."""

    info: ReleaseInfo
    deals: pd.DataFrame
    deliveries: pd.DataFrame
    index: DesignationIndex
    resolver: EntityResolver
    catalogue: DesignationCatalogue
    pairs: dict[tuple[str, str], object]

    @classmethod
    def from_tables(cls, info: ReleaseInfo, deals: pd.DataFrame, deliveries: pd.DataFrame) -> ReleaseData:
        """What checking needs, derived once from a release's whole tables."""
        deals = prepare_deals(deals.reset_index(drop=True))
        return cls(
            info=info,
            deals=deals,
            deliveries=deliveries,
            index=DesignationIndex.from_deals(deals),
            resolver=EntityResolver.with_unclassified(info.unclassified),
            catalogue=DesignationCatalogue.from_deals(deals),
            pairs=dict(deals.groupby(["supplier_id", "recipient_id"], sort=False).indices)
            if len(deals) else {},
        )

    @classmethod
    def load(cls, store: Store, label: str | None = None) -> ReleaseData:
        info = store.release(label)
        return cls.from_tables(info, store.table(info, "deals"), store.table(info, "deliveries"))


@dataclass(frozen=True)
class ArticleCheck:
    """An article's claims with their verdicts, in order, and where the data comes from."""

    article: Article
    results: tuple[CheckResult, ...]
    release: str
    data_generated: str
    credit: str
    citation: dict[str, str]
    article_date: date | None = None

    @property
    def no_claim(self) -> tuple[str, ...]:
        return self.article.no_claim

    def as_dict(self) -> dict[str, object]:
        """The JSON contract: release, data_generated, citation, claims (with parts), no_claim."""
        return {
            "release": self.release,
            "data_generated": self.data_generated,
            "credit": self.credit,
            "citation": self.citation,
            "article_date": self.article_date.isoformat() if self.article_date else None,
            "claims": [claim_dict(result) for result in self.results],
            "no_claim": list(self.article.no_claim),
            "left_out": self.article.left_out,
        }


def claim_dict(result: CheckResult) -> dict[str, object]:
    """One claim of the JSON contract."""
    claim = result.claim
    return {
        "sentence": claim.sentence or claim.text,
        "supplier": claim.supplier,
        "recipient": claim.recipient,
        "supplier_id": claim.supplier_id,
        "recipient_id": claim.recipient_id,
        "direction_cue": claim.direction_cue,
        "missing_side": claim.missing_side,
        "both_ways": claim.both_ways,
        "inherited": claim.inherited,
        "stage": claim.stage,
        "prospective": claim.prospective,
        "from_year": claim.from_year,
        "to_year": claim.to_year,
        "negated": claim.negated,
        "weapons": [
            {"text": w.text, "designation": w.designation, "type": w.type_label, "quantity": w.quantity,
             "outside_coverage_rule": w.excluded_rule_id}
            for w in claim.weapons
        ],
        "values": [v.text for v in claim.values],
        "parts": [
            {
                "kind": part.kind,
                "text": part.text,
                "verdict": part.verdict,
                "verdict_label": part.label,
                "summary": part.summary,
                "explanation": list(part.explanation),
                "deals": list(part.deals),
                "reported_values": list(part.reported_values),
                "coverage": part.coverage,
            }
            for part in result.parts
        ],
        "notes": list(result.notes),
    }


def check_article(
    article: Article,
    data: ReleaseData,
    view_url: str | None = None,
    accessed: date | None = None,
    corrections: dict[int, ClaimFields] | None = None,
    article_date: date | None = None,
) -> ArticleCheck:
    """Verdicts on every claim of an article; `corrections` puts fields over claim N (0-based)."""
    results = []
    for number, claim in enumerate(article.claims):
        fields = (corrections or {}).get(number)
        if fields is not None and fields.given():
            claim = apply_fields(claim, fields, data.resolver, data.index)
        results.append(check_claim(claim, data.deals, data.deliveries, data.info, view_url, accessed,
                                   catalogue=data.catalogue, pairs=data.pairs))
    info = data.info
    return ArticleCheck(
        article=article,
        results=tuple(results),
        release=info.label,
        data_generated=info.data_generated_text,
        credit=credit_line(info),
        citation={
            "text": citation_text(info, view_url, accessed),
            "bibtex": citation_bibtex(info, view_url, accessed),
            "ris": citation_ris(info, view_url, accessed),
        },
        article_date=article_date,
    )


def check_text(
    text: str,
    data: ReleaseData,
    article_date: date | None = None,
    fields: ClaimFields | None = None,
    view_url: str | None = None,
    budget: ReaderBudget = DEFAULT_BUDGET,
) -> ArticleCheck:
    """Read a text and check every claim in it; `fields` (if any) go over every claim."""
    article = read_article(text, data.resolver, data.index, article_date, budget)
    if fields is not None and fields.given():
        if not article.claims:
            claim = apply_fields(Claim(text=text, sentence=text), fields, data.resolver, data.index)
            article = replace(article, claims=(claim,), no_claim=())
        else:
            article = replace(article, claims=tuple(
                apply_fields(c, fields, data.resolver, data.index) for c in article.claims))
    return check_article(article, data, view_url, article_date=article_date)


def check_article_text(
    store: Store,
    text: str,
    *,
    release: str | None = None,
    article_date: date | None = None,
) -> ArticleCheck:
    """Read and check a text against a release of a store (the newest when none is named)."""
    return check_text(text, ReleaseData.load(store, release), article_date)


def read_text_file(path: Path) -> tuple[str, date | None]:
    """The article's text and published date from a saved page (.html/.htm) or a text file."""
    from etl.verify.pages import article_from_file

    return article_from_file(path)
