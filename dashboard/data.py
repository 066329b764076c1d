"""The dashboard's one reader of release tables: each release's whole deal and delivery tables,
read once per (store root, release label, generation) and shared by every page.

The pair, profile, compare and flows pages take column views of these frames
(`dashboard.queries`), the check, search and diff pages take them whole
(`dashboard.verify.queries`); neither reads the store's tables itself, so a release is held in
memory once per worker process, not once per kind of page.

Repeated text (names, designations, descriptions, status, source file) is read as pandas
categories straight from Parquet's dictionary pages: a full-size release takes about 15 MB
this way instead of about 30 MB. Only columns that are never written to are read so (the
frames are shared; every page takes copies or views, never edits them in place).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from etl.schemas import REPEATED_TEXT, TIV_CELL_COLUMNS
from etl.store import ReleaseInfo, Store

# Releases held per process: three releases and one new generation of one of them.
CACHE_SIZE = 4
# Text columns with few distinct values: stored as categories (codes + one copy of each value).
REPEATED = REPEATED_TEXT
LOG = logging.getLogger("dashboard.store")


@dataclass(frozen=True)
class ReleaseTables:
    """One release's whole tables, as every page of the dashboard reads them."""

    info: ReleaseInfo
    deals: pd.DataFrame
    deliveries: pd.DataFrame


@functools.lru_cache(maxsize=CACHE_SIZE)
def release_tables(root: str, label: str, generation: int) -> ReleaseTables:
    """The whole tables of one release generation (StoreError, with its sentence, otherwise)."""
    store = Store(root)
    info = store.release(label)
    if info.generation != generation:  # the manifest moved on since the caller read it
        info = next((i for i in store.releases() if i.label == label and i.generation == generation), info)
    tables = ReleaseTables(
        info=info,
        deals=store.table(info, "deals", categories=REPEATED),
        deliveries=store.table(info, "deliveries", categories=REPEATED),
    )
    give_back_freed_memory()
    return tables


@functools.lru_cache(maxsize=CACHE_SIZE)
def tiv_totals(root: str, label: str, generation: int) -> pd.DataFrame:
    """The cells of SIPRI's TIV tables the release holds (direction, entity_id, year, tiv_m);
    an empty frame where it holds none."""
    tables = release_tables(root, label, generation)
    if not (Path(root) / tables.info.path / "tiv_totals.parquet").exists():
        return pd.DataFrame(columns=list(TIV_CELL_COLUMNS))
    return Store(root).table(tables.info, "tiv_totals")[list(TIV_CELL_COLUMNS)]


def clear_cache() -> None:
    release_tables.cache_clear()
    tiv_totals.cache_clear()


def use_system_allocator() -> None:
    """Arrow's buffers from the C library's allocator rather than mimalloc's pool.

    mimalloc keeps what a Parquet read freed for later reads; a dashboard worker reads each
    release once and then holds it, so that memory is only ever kept, not reused (about 60 MB
    per worker with three full-size releases). The system allocator hands it back to the
    operating system (`give_back_freed_memory`). Importing `dashboard` already makes it Arrow's
    default (ARROW_DEFAULT_MEMORY_POOL, `dashboard/__init__.py`); this covers a process that
    started Arrow before that.

    Arrow's reads also run on one thread: each extra thread keeps a C heap arena of its own
    (a few MB per worker), and a release's files are read in well under a second either way.
    """
    pa.set_memory_pool(pa.system_memory_pool())
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def give_back_freed_memory() -> None:
    """Returns the C heap's free pages to the system (glibc's malloc_trim; elsewhere nothing).

    Reading a release allocates and frees the Parquet pages and Arrow's intermediate buffers;
    without this the freed space stays in the worker's resident memory.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
