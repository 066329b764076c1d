"""Queries for the verify pages (check, search, diff): the only place those pages read data.

Whole deal tables are needed here (source file and line for evidence, SIPRI's deal IDs for the
diff): they are the same frames `dashboard.queries` takes its column views of, read once per
(store root, release label, generation) by `dashboard.data`, so a new ingest is seen on the next
request and every worker builds the same cache from the same files.

Work that does not depend on the request is prepared once per release generation and kept as a
Parquet file beside the release's tables (`STORE/releases/<label>/g<N>/prepared/`): the first
worker that needs it builds it under a file lock, every other worker (and every later process)
reads it. A prepared file goes when its generation is pruned; a store the server cannot write to
gets the same result built in the process instead. The diff of two whole releases is prepared
this way (matching ~30,000 deals takes seconds; reading its result takes milliseconds), so a diff
request only filters, sorts and pages a prepared table.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import queries
from dashboard.data import give_back_freed_memory, release_tables
from etl.config import Settings
from etl.entities import EntityResolver
from etl.errors import StoreError, UnknownReleaseError
from etl.store import ReleaseInfo, Store
from etl.verify.article import ReleaseData
from etl.verify.claims import Claim, ClaimFields, DesignationIndex, read_claim
from etl.verify.diff import (
    DiffError,
    DiffResult,
    PreparedDiff,
    changes_table,
    diff_releases,
    scopes_json,
)
from etl.verify.search import (
    NAME_COLUMNS,
    NameIndex,
    SearchResult,
    combined_designations,
    match_indexed,
    name_rows,
    search_weapon,
)
from etl.verify.verdicts import CheckResult, check_claim
from etl.verify.weapons import WeaponQuery

CACHE_SIZE = 4
PREPARED_FOLDER = "prepared"
# Prepared diffs held per process: the pair of releases asked for last (another pair is read
# back from its prepared file in ~150 ms; each held diff of full-size releases takes ~20 MB).
DIFF_CACHE_SIZE = 1
# Releases prepared for the check held per process: the newest and one other (~15 MB each;
# an older release is prepared again when asked for after two others).
CHECK_CACHE_SIZE = 2
# Search results held per process (a page turn or a new sort reads the same result). A broad
# word over three full-size releases ("aircraft": ~17,000 rows) holds ~5 MB, so few are kept;
# one dropped is searched again in ~100-250 ms.
SEARCH_CACHE_SIZE = 8
LOG = logging.getLogger("dashboard.store")


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
    tables = release_tables(root, label, _generation)
    return VerifyData(
        info=tables.info,
        deals=tables.deals,
        deliveries=tables.deliveries,
        # The same names as DesignationIndex.from_deals(deals), prepared once per generation.
        index=_name_index(root, label, _generation).designations,
        resolver=EntityResolver.with_unclassified(tables.info.unclassified),
    )


def entity_options(settings: Settings, label: str | None = None) -> list[dict[str, str]]:
    """Dropdown options for suppliers and recipients (every entity the reference knows)."""
    info = queries.release_info(settings, label)  # the release's names only: no table is read
    return list(_entity_options(tuple(info.unclassified)))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _entity_options(unclassified: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    return tuple(EntityResolver.with_unclassified(list(unclassified)).search_options())


def parse(settings: Settings, text: str | None, fields: ClaimFields, label: str | None = None) -> Claim:
    """A claim from text and fields, parsed with the release's designations."""
    data = verify_data(settings, label)
    return read_claim(text, fields, data.resolver, data.index)


def check(settings: Settings, claim: Claim, label: str | None = None, view_url: str | None = None) -> CheckResult:
    """Verdicts on a claim against a release."""
    data = verify_data(settings, label)
    return check_claim(claim, data.deals, data.deliveries, data.info, view_url)


def search(settings: Settings, text: str, label: str | None = None, all_releases: bool = False) -> SearchResult:
    """A weapon across pairs, in one release or all (the same search again is read from memory)."""
    infos = releases(settings) if all_releases else [queries.release_info(settings, label)]
    if not infos:
        queries.release_info(settings, None)  # raises the store's 'no release yet' sentence
    try:
        return _search(queries.store_root(settings), text, tuple((i.label, i.generation) for i in infos))
    except StoreError as exc:
        queries.log_store_fault(exc)
        raise


@functools.lru_cache(maxsize=SEARCH_CACHE_SIZE)
def _search(root: str, text: str, generations: tuple[tuple[str, int], ...]) -> SearchResult:
    datas = [_release_data(root, label) for label, _ in generations]
    indexes = [_name_index(root, label, generation) for label, generation in generations]
    return search_weapon(text, [(d.info, d.deals) for d in datas], indexes, _designations(root, generations))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _designations(root: str, generations: tuple[tuple[str, int], ...]) -> DesignationIndex:
    return combined_designations([_name_index(root, label, generation) for label, generation in generations])


def _release_data(root: str, label: str) -> queries.ReleaseData:
    return queries.release_data(Settings(store_dir=Path(root)), label)


def name_index(settings: Settings, label: str | None = None) -> NameIndex:
    """A release's name index (designations and Comments names, as name tokens, with their deals'
    positions in `queries.release_data(settings, label).deals`), prepared once per generation."""
    info = queries.release_info(settings, label)
    try:
        return _name_index(queries.store_root(settings), info.label, info.generation)
    except StoreError as exc:
        queries.log_store_fault(exc)
        raise


@functools.lru_cache(maxsize=CACHE_SIZE)
def _name_index(root: str, label: str, _generation: int) -> NameIndex:
    data = _release_data(root, label)

    def build() -> pa.Table:
        return pa.Table.from_pandas(name_rows(data.deals), preserve_index=False)

    rows = prepared_table(root, data.info.path, "names", build).select(list(NAME_COLUMNS)).to_pandas()
    return NameIndex.from_rows(rows, data.deals)


def deals_matching(settings: Settings, query: WeaponQuery, label: str | None = None) -> pd.DataFrame:
    """The release's whole deals (as `verify_data(...).deals` holds them) that a weapon query
    matches, with `match`: what `weapons.match_deals(deals, query)` gives, found through the
    prepared name index instead of running the matcher over every deal."""
    data = verify_data(settings, label)
    index = name_index(settings, data.info.label)
    found = match_indexed(_release_data(queries.store_root(settings), data.info.label).deals, index, query)
    ids = found["deal_id"].astype("str")
    at = pd.Index(data.deals["deal_id"].astype("str")).get_indexer(ids)
    keep = at >= 0
    rows = data.deals.iloc[sorted(at[keep])]
    how = dict(zip(ids[keep], found["match"][keep], strict=True))
    return rows.assign(match=rows["deal_id"].astype("str").map(how).astype("str"))


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


def prepared_diff(settings: Settings, from_label: str, to_label: str) -> PreparedDiff:
    """Two whole releases matched (once per pair of generations, shared by every worker)."""
    if str(from_label) == str(to_label):
        raise DiffError(f"--from and --to are both release {from_label}: choose two different releases.")
    old, new = queries.release_info(settings, from_label), queries.release_info(settings, to_label)
    try:
        return _after_eviction(_prepared_diff, queries.store_root(settings), old.label, old.generation, new.label,
                               new.generation)
    except StoreError as exc:
        queries.log_store_fault(exc)
        raise


def _after_eviction(cached: Callable[..., Any], *key: object) -> Any:
    """cached(*key); where that built a new entry (and so may have dropped an older one from the
    cache), the freed memory is handed back to the system."""
    misses = cached.cache_info().misses  # type: ignore[attr-defined]
    value = cached(*key)
    if cached.cache_info().misses != misses:  # type: ignore[attr-defined]
        give_back_freed_memory()
    return value


@functools.lru_cache(maxsize=DIFF_CACHE_SIZE)
def _prepared_diff(root: str, from_label: str, _from_generation: int, to_label: str,
                   _to_generation: int) -> PreparedDiff:
    store = Store(root)
    old, new = store.release(from_label), store.release(to_label)

    def build() -> pa.Table:
        old_deals = release_tables(root, old.label, old.generation).deals
        new_deals = release_tables(root, new.label, new.generation).deals
        result = diff_releases(old, old_deals, new, new_deals)
        table = pa.Table.from_pandas(changes_table(result), preserve_index=False)
        return table.replace_schema_metadata({b"scopes": scopes_json(result).encode("utf-8")})

    table = prepared_table(root, new.path, f"diff-from-{_file_part(old.label)}-g{old.generation}", build)
    scopes = (table.schema.metadata or {}).get(b"scopes", b"[]").decode("utf-8")
    prepared = PreparedDiff.from_table(old.label, new.label, scopes, table.to_pandas())
    del table
    give_back_freed_memory()
    return prepared


def _file_part(label: str) -> str:
    """A release label as part of a file name (labels are years; anything else is made safe)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", label)


def prepared_table(root: str, release_path: str, name: str, build: Callable[[], pa.Table]) -> pa.Table:
    """A table prepared once for a release generation: read from its Parquet file, or built (by
    one process at a time, under a lock) and written atomically for every other process."""
    folder = Path(root) / release_path / PREPARED_FOLDER
    path = folder / f"{name}.parquet"
    table = _read_prepared(path)
    if table is not None:
        return table
    try:
        folder.mkdir(exist_ok=True)
        lock = open(folder / f".{name}.lock", "a+")  # noqa: SIM115 - closed by the `with` below
    except OSError as exc:  # a store the server may only read: build it here, keep it in memory
        LOG.warning("%s: cannot write prepared tables (%s); building %s in this process", folder, exc, name)
        return build()
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker building the same table: wait and read it
        try:
            table = _read_prepared(path)
            if table is None:
                table = build()
                _write_prepared(table, path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return table


def _read_prepared(path: Path) -> pa.Table | None:
    try:
        return pq.read_table(path)
    except FileNotFoundError:
        return None
    except (OSError, pa.ArrowException) as exc:  # damaged: built again and replaced
        LOG.warning("%s: prepared table unreadable (%s); building it again", path, exc.__class__.__name__)
        return None


def _write_prepared(table: pa.Table, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            pq.write_table(table, handle)
        os.replace(tmp, path)
    except OSError as exc:  # a full disk: the result is still served, from memory
        LOG.warning("%s: could not write a prepared table (%s)", path, exc)
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def clear_caches() -> None:
    for cached in (_verify_data, _check_data, _prepared_diff, _search, _designations, _name_index, _entity_options):
        cached.cache_clear()


# ---- the article check: one prepared release per (store, release, generation) ------------------


def check_data(settings: Settings, label: str | None = None) -> ReleaseData:
    """A release prepared for checking articles (tokens, pair index, catalogue), built once."""
    info = queries.release_info(settings, label)
    try:
        return _after_eviction(_check_data, queries.store_root(settings), info.label, info.generation)
    except StoreError as exc:
        if not isinstance(exc, UnknownReleaseError):
            logging.getLogger("dashboard.store").error(exc.message)
        raise


@functools.lru_cache(maxsize=CHECK_CACHE_SIZE)
def _check_data(root: str, label: str, _generation: int) -> ReleaseData:
    data = _verify_data(root, label, _generation)
    prepared = ReleaseData.from_tables(data.info, data.deals, data.deliveries)
    give_back_freed_memory()
    return prepared
