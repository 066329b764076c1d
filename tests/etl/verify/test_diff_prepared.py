"""The whole-release diff prepared once and paged: what the diff page reads, on the shared releases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.verify import queries as verify_queries
from etl.config import Settings
from etl.errors import ArmsExplorerError
from etl.store import Store
from etl.verify.diff import PAGE_SIZE, SHOWN, changes_page, diff_releases, pairs_page

pytestmark = pytest.mark.sipri


@pytest.fixture
def store_copy(store_all: Settings, tmp_path: Path) -> Settings:
    """A copy of the three shared releases that a test may write prepared files into."""
    root = tmp_path / "store"
    shutil.copytree(store_all.store_dir, root, ignore=shutil.ignore_patterns("prepared"))
    verify_queries.clear_caches()
    yield Settings(store_dir=root)
    verify_queries.clear_caches()


def prepared_files(settings: Settings) -> list[Path]:
    return sorted(Path(settings.store_dir).rglob("prepared/*.parquet"))


def test_a_pair_of_the_prepared_whole_release_diff_is_the_pairs_own_diff(store_copy):
    store = Store.from_settings(store_copy)
    old, new = store.release("2024"), store.release("2026")
    own = diff_releases(old, store.table(old, "deals"), new, store.table(new, "deals"), ["turkiye"], ["pakistan"])
    prepared = verify_queries.prepared_diff(store_copy, "2024", "2026")
    shown = changes_page(prepared, ["turkiye"], ["pakistan"], kinds=SHOWN, size=1000)
    expected = [(c.change, c.designation, c.order_year) for c in own.changes if c.change in SHOWN]
    assert [(r.change, r.designation, r.order_year) for r in shown.rows.itertuples()] == expected
    assert shown.counts == own.counts
    assert ("changed", "Bayraktar TB-2") in {(r.change, r.designation) for r in shown.rows.itertuples()}


def test_the_bare_summary_counts_every_pair_and_adds_up_to_the_whole_release(store_copy):
    prepared = verify_queries.prepared_diff(store_copy, "2024", "2026")
    first = pairs_page(prepared)
    assert len(first.rows) == PAGE_SIZE and first.total > PAGE_SIZE
    differing = first.rows[list(SHOWN)].sum(axis=1).tolist()
    assert differing == sorted(differing, reverse=True)  # most differences first
    every = pairs_page(prepared, size=100_000)
    assert every.total == first.total
    for kind in SHOWN:
        assert int(every.rows[kind].sum()) == first.counts[kind]
    assert first.counts["changed"] > 0 and first.counts["relabelled"] > 0


def test_pages_say_how_many_rows_and_the_last_page_is_clamped(store_copy):
    prepared = verify_queries.prepared_diff(store_copy, "2025", "2026")
    first = changes_page(prepared, ["turkiye"])
    assert first.total > PAGE_SIZE and len(first.rows) == PAGE_SIZE and first.page == 0
    last = changes_page(prepared, ["turkiye"], page=10_000)
    assert last.page == last.pages - 1 == (first.total - 1) // PAGE_SIZE
    assert len(last.rows) == first.total - last.page * PAGE_SIZE
    newest = changes_page(prepared, ["turkiye"], sort="newest")
    years = newest.rows["order_year"].fillna(0).astype(int).tolist()
    assert years == sorted(years, reverse=True)


def test_the_text_filter_keeps_rows_naming_every_word(store_copy):
    prepared = verify_queries.prepared_diff(store_copy, "2024", "2026")
    shown = changes_page(prepared, text="bayraktar pakistan", size=1000)
    assert shown.total >= 1
    assert all("Bayraktar" in f"{r.designation} {r.designation_from}" and "Pakistan" in r.recipient
               for r in shown.rows.itertuples())
    assert changes_page(prepared, text="no-such-deal-anywhere").total == 0


def test_the_diff_is_prepared_once_and_read_by_a_new_process(store_copy):
    first = verify_queries.prepared_diff(store_copy, "2024", "2026")
    [path] = prepared_files(store_copy)
    assert path.parent.parent.name == "g1" and path.name == "diff-from-2024-g1.parquet"
    written = path.stat().st_mtime_ns
    verify_queries.clear_caches()  # as a second worker would start: nothing in memory
    again = verify_queries.prepared_diff(store_copy, "2024", "2026")
    assert path.stat().st_mtime_ns == written, "the prepared diff was built again"
    assert again.changes.equals(first.changes) and again.scopes == first.scopes


def test_a_store_the_server_cannot_write_still_gets_its_diff(store_copy):
    # Where the prepared folder cannot be made (here a file stands in its place; a read-only
    # store does the same), the diff is built in the process and still served.
    blocker = Path(store_copy.store_dir) / "releases" / "2026" / "g1" / "prepared"
    blocker.write_text("")
    prepared = verify_queries.prepared_diff(store_copy, "2024", "2026")
    assert changes_page(prepared, ["turkiye"], ["pakistan"]).total > 0
    assert prepared_files(store_copy) == [] and blocker.is_file()


def test_a_damaged_prepared_file_is_built_again(store_copy):
    verify_queries.prepared_diff(store_copy, "2024", "2026")
    [path] = prepared_files(store_copy)
    path.write_bytes(b"not parquet")
    verify_queries.clear_caches()
    prepared = verify_queries.prepared_diff(store_copy, "2024", "2026")
    assert changes_page(prepared, ["turkiye"], ["pakistan"]).total > 0
    assert path.read_bytes()[:4] == b"PAR1"


def test_the_same_release_twice_is_one_sentence(store_copy):
    with pytest.raises(ArmsExplorerError, match="choose two different releases"):
        verify_queries.prepared_diff(store_copy, "2026", "2026")
