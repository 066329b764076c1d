"""Queries for the verify pages (check, search, diff): the only place those pages read data.

Whole deal tables are needed here (source file and line for evidence, SIPRI's deal IDs for the
diff), so they are read from the store rather than from `dashboard.queries`' slimmed frames, and
cached the same way: per (store root, release label, generation), so a new ingest is seen on the
next request and every worker builds the same cache from the same files.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import pandas as pd

from dashboard import queries
from etl.config import Settings
from etl.entities import EntityResolver
from etl.errors import StoreError, UnknownReleaseError
from etl.store import ReleaseInfo, Store
from etl.verify.article import ReleaseData
from etl.verify.claims import Claim, ClaimFields, DesignationIndex, read_claim
from etl.verify.diff import DiffResult, diff_releases
from etl.verify.search import SearchResult, search_weapon
from etl.verify.verdicts import CheckResult, check_claim

CACHE_SIZE = 4


@dataclass(frozen=True)
class VerifyData:
    """One release's whole deal and delivery tables, with what parsing claims needs."""

    info: ReleaseInfo
    deals: pd.DataFrame
    deliveries: pd.DataFrame
    index: DesignationIndex
    resolver: EntityResolver


def releases(settings: Settings) -> list[ReleaseInfo]:
    """Releases in the store, oldest first."""
    return queries.releases(settings)


def verify_data(settings: Settings, label: str | None = None) -> VerifyData:
    """A release's tables for checking (newest when no label); our errors for unknown releases."""
    info = queries.release_info(settings, label)
    try:
        return _verify_data(queries.store_root(settings), info.label, info.generation)
    except StoreError as exc:
        if not isinstance(exc, UnknownReleaseError):  # the server's log names the file and the fix
            logging.getLogger("dashboard.store").error(exc.message)
        raise


@functools.lru_cache(maxsize=CACHE_SIZE)
def _verify_data(root: str, label: str, _generation: int) -> VerifyData:
    store = Store(root)
    info = store.release(label)
    deals = store.table(info, "deals")
    return VerifyData(
        info=info,
        deals=deals,
        deliveries=store.table(info, "deliveries"),
        index=DesignationIndex.from_deals(deals),
        resolver=EntityResolver.with_unclassified(info.unclassified),
    )


def entity_options(settings: Settings, label: str | None = None) -> list[dict[str, str]]:
    """Dropdown options for suppliers and recipients (every entity the reference knows)."""
    return verify_data(settings, label).resolver.search_options()


def parse(settings: Settings, text: str | None, fields: ClaimFields, label: str | None = None) -> Claim:
    """A claim from text and fields, parsed with the release's designations."""
    data = verify_data(settings, label)
    return read_claim(text, fields, data.resolver, data.index)


def check(settings: Settings, claim: Claim, label: str | None = None, view_url: str | None = None) -> CheckResult:
    """Verdicts on a claim against a release."""
    data = verify_data(settings, label)
    return check_claim(claim, data.deals, data.deliveries, data.info, view_url)


def search(settings: Settings, text: str, label: str | None = None, all_releases: bool = False) -> SearchResult:
    """A weapon across pairs, in one release or all."""
    infos = releases(settings) if all_releases else [queries.release_info(settings, label)]
    tables = [(info, verify_data(settings, info.label).deals) for info in infos]
    return search_weapon(text, [(data_info, deals) for data_info, deals in tables])


def diff(
    settings: Settings,
    from_label: str,
    to_label: str,
    suppliers: list[str] | None = None,
    recipients: list[str] | None = None,
) -> DiffResult:
    """What changed from one release to another (entity ids for suppliers and recipients)."""
    old, new = verify_data(settings, from_label), verify_data(settings, to_label)
    return diff_releases(old.info, old.deals, new.info, new.deals, suppliers or None, recipients or None)


def clear_caches() -> None:
    _verify_data.cache_clear()
    _release_data.cache_clear()


# ---- the article check: one prepared release per (store, release, generation) ------------------


def release_data(settings: Settings, label: str | None = None) -> ReleaseData:
    """A release prepared for checking articles (tokens, pair index, catalogue), built once."""
    info = queries.release_info(settings, label)
    try:
        return _release_data(queries.store_root(settings), info.label, info.generation)
    except StoreError as exc:
        if not isinstance(exc, UnknownReleaseError):
            logging.getLogger("dashboard.store").error(exc.message)
        raise


@functools.lru_cache(maxsize=CACHE_SIZE)
def _release_data(root: str, label: str, _generation: int) -> ReleaseData:
    data = _verify_data(root, label, _generation)
    return ReleaseData.from_tables(data.info, data.deals, data.deliveries)
