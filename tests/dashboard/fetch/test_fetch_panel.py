"""The data page's "Fetch from SIPRI": its callbacks and the job file, against the replay server on 127.0.0.1.

The callbacks are called as Dash calls them (inside a request); the fetch really runs in a
background thread against tests/etl/fetch/fetch_server.py. What is asserted is what the page shows.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import dash
import pytest

from dashboard.fetch import job as fetch_job
from dashboard.fetch.job import FetchJob
from etl.config import Settings
from etl.fetch import FIRST_YEAR, FetchOptions, FetchProgress, FetchQuery
from etl.store import Store
from tests.conftest import sipri_file
from tests.dashboard.conftest import page_module
from tests.etl.fetch.fetch_server import ReplayServer, Reply, by_layout
from tests.etl.fetch.test_fetch import CLASSIC_CSV, RECORDED, backend_json

THIS_YEAR = datetime.now(UTC).year
HTML_PAGE = b"<!DOCTYPE html><html><head><title>SIPRI</title></head><body>Databases</body></html>"
WAIT_S = 20.0


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # urllib honours proxy variables; requests to the test server must go straight to 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _no_fetch_left_running() -> Iterator[None]:
    yield
    for thread in threading.enumerate():
        if thread.name.startswith(fetch_job.THREAD_PREFIX):
            thread.join(timeout=WAIT_S)
            assert not thread.is_alive(), f"{thread.name} still runs after its test"


def settings_for(tmp_path: Path, base_url: str = "http://127.0.0.1:9/api/p/", **changes: Any) -> Settings:
    fast = {"fetch_timeout_s": 5.0, "fetch_retries": 0, "fetch_backoff_s": 0.0, "fetch_pause_s": 0.0}
    return Settings(store_dir=tmp_path / "store", sipri_base_url=base_url, **{**fast, **changes})


@pytest.fixture
def page_in() -> Iterator[Callable[[Settings], ModuleType]]:
    """Enter a request of a new app over `settings` (as another server process would answer it);
    gives the data page's module, whose callbacks then read those settings."""
    from dashboard.app import create_app

    pushed: list[Any] = []

    def enter(settings: Settings) -> ModuleType:
        while pushed:  # Dash registers pages only outside a request
            pushed.pop().pop()
        context = create_app(settings).server.test_request_context()
        context.push()
        pushed.append(context)
        return page_module("data")

    yield enter
    while pushed:
        pushed.pop().pop()


BLOCKS = {"Div", "P", "Pre", "Progress", "H3", "Li", "Ul"}


def texts(component: Any) -> str:
    """The text a user sees in a component tree: inline pieces run on, blocks on lines of their own."""
    return re.sub(r"\n+", "\n", _texts(component)).strip()


def _texts(component: Any) -> str:
    if component is None or isinstance(component, bool):
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return "".join(_texts(c) for c in component)
    inner = _texts(getattr(component, "children", None))
    return f"\n{inner}\n" if type(component).__name__ in BLOCKS else inner


def find(component: Any, wanted: str) -> Any:
    """The component with id `wanted` in a tree, or None."""
    if isinstance(component, list | tuple):
        for child in component:
            if (hit := find(child, wanted)) is not None:
                return hit
        return None
    if getattr(component, "id", None) == wanted:
        return component
    children = getattr(component, "children", None)
    return find(children, wanted) if children is not None and not isinstance(children, str) else None


def wait_for_end(settings: Settings) -> FetchJob:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        job = fetch_job.read_job(settings)
        if job is not None and not job.running:
            return job
        time.sleep(0.05)
    raise AssertionError(f"the fetch did not end within {WAIT_S} s: {fetch_job.read_job(settings)}")


def stage_of(settings: Settings) -> str | None:
    job = fetch_job.read_job(settings)
    return job.stage if job is not None else None


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {WAIT_S} s")
        time.sleep(0.05)


def click_fetch(data: ModuleType, from_year: Any = 2000, to_year: Any = 2001, suppliers: str = "",
                recipients: str = "") -> tuple[list[Any], bool, bool]:
    return data.start_fetch(1, from_year, to_year, suppliers, recipients)  # type: ignore[no-any-return]


def store_untouched(settings: Settings) -> None:
    root = Path(settings.store_dir)
    assert not (root / "manifest.json").exists()
    snapshots = root / "snapshots"
    assert not snapshots.exists() or list(snapshots.iterdir()) == []


def dead_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def job_file(settings: Settings, **fields: Any) -> FetchJob:
    """A job file written as another server process would have written it."""
    moment = datetime.now(UTC).isoformat(timespec="milliseconds")
    job = FetchJob(job_id="a1", pid=os.getpid(), host=socket.gethostname(), query="delivery years 2000-2001",
                   started=moment, updated=moment)
    job = replace(job, **fields)
    path = fetch_job.job_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(job.__dict__))
    return job


# ---- a fetch from start to end -----------------------------------------------------------------


def test_a_fetch_runs_in_the_background_and_ends_with_the_release_stored_and_its_report(
    tmp_path: Path, page_in: Any
) -> None:
    recorded = sipri_file(RECORDED).read_bytes()
    delivery = Reply(body=recorded, delay_s=0.5)
    with ReplayServer(by_layout(delivery, Reply(body=backend_json(CLASSIC_CSV)))) as server:
        settings = settings_for(tmp_path, server.base_url)
        data = page_in(settings)
        began = time.monotonic()
        shown, poll_off, cancel_off = click_fetch(data)
        assert time.monotonic() - began < 0.4, "the button's callback waited for SIPRI"
        assert not poll_off and not cancel_off
        assert "Fetching from SIPRI: delivery years 2000-2001, started at" in texts(shown)
        assert find(shown, "fetch-progress") is not None and "elapsed 0:0" in texts(shown)
        job = wait_for_end(settings)
        shown, poll_off, cancel_off, stored = data.poll_fetch(3)
    assert job.state == fetch_job.DONE and poll_off and cancel_off
    seen = texts(shown)
    assert "Stored in release 2024." in seen
    report = texts(find(shown, "fetch-report"))
    assert "sipri-delivery-rows_2000-2001.csv: delivery-level register" in report
    assert "sipri-trade-register_2000-2001.csv: classic trade register" in report
    assert "records read" in report and "SIPRI's answers are kept in the store as snapshots/" in report
    assert find(shown, "fetch-explore").href == "/?release=2024"
    assert "2024" in texts(stored)
    [info] = Store.from_settings(settings).releases()
    assert info.label == "2024" and len(info.files) == 2
    assert len(server.requests) == 2


def test_the_report_after_a_filtered_fetch_says_how_many_records_were_kept(tmp_path: Path, page_in: Any) -> None:
    recorded = sipri_file(RECORDED).read_bytes()
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        settings = settings_for(tmp_path, server.base_url)
        data = page_in(settings)
        click_fetch(data, suppliers="China; Russian Federation")
        wait_for_end(settings)
        shown = data.poll_fetch(1)[0]
    report = texts(find(shown, "fetch-report"))
    assert "sipri-trade-register_2000-2001_from-china+russia.csv: kept 3 of 4 records (filtered here)" in report


def test_progress_shows_the_stage_and_a_bar_where_the_answer_size_is_known(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    release = threading.Event()

    def runner(_settings: Settings, _query: FetchQuery, _options: FetchOptions, progress: Any, cancel: Any) -> Any:
        progress(FetchProgress("download", "received 1.5 MB", 1, 2, 1_500_000, 6_000_000))
        release.wait(WAIT_S)
        raise fetch_job.FetchCancelled("The fetch was cancelled; nothing was stored.")

    fetch_job.start_fetch(settings, FetchQuery(2000, 2001), FetchOptions(), runner=runner)
    wait_until(lambda: stage_of(settings) == "download", "the download's progress")
    shown, poll_off, _, _ = data.poll_fetch(1)
    release.set()
    assert not poll_off
    assert texts(find(shown, "fetch-message")) == "Answer 1 of 2: received 1.5 MB"
    assert find(shown, "fetch-progress").value == "0.250"
    wait_for_end(settings)


# ---- one fetch at a time ----------------------------------------------------------------------------


def test_a_second_click_while_a_fetch_runs_shows_the_running_fetch_instead_of_starting_another(
    tmp_path: Path, page_in: Any
) -> None:
    with ReplayServer(by_layout(Reply(body=HTML_PAGE, delay_s=1.5), Reply(body=HTML_PAGE))) as server:
        settings = settings_for(tmp_path, server.base_url)
        first = page_in(settings)
        click_fetch(first)
        job = fetch_job.read_job(settings)
        assert job is not None
        # Another user, on another server process's app over the same store.
        shown, poll_off, cancel_off = click_fetch(page_in(replace(settings)), 1990, 1995)
        started = job.started_at.strftime("%H:%M UTC")
        assert texts(find(shown, "fetch-busy")) == (
            f"A fetch started at {started} is running; its progress is below. Fetch again when it has ended."
        )
        assert "delivery years 2000-2001" in texts(shown) and not poll_off and not cancel_off
        assert fetch_job.read_job(settings).job_id == job.job_id  # type: ignore[union-attr]
        wait_for_end(settings)
    assert len(server.requests) == 1


def test_only_one_of_many_simultaneous_starts_runs(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    release = threading.Event()

    def runner(*_args: Any, **_kwargs: Any) -> Any:
        release.wait(WAIT_S)
        raise fetch_job.FetchCancelled("The fetch was cancelled; nothing was stored.")

    barrier = threading.Barrier(8)
    outcomes: list[bool] = []

    def start() -> None:
        barrier.wait()
        outcomes.append(fetch_job.start_fetch(settings, FetchQuery(2000, 2001), FetchOptions(), runner=runner)[1])

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    release.set()
    assert sorted(outcomes) == [False] * 7 + [True]
    assert wait_for_end(settings).state == fetch_job.CANCELLED


def test_a_new_fetch_may_start_once_the_last_one_has_ended(tmp_path: Path, page_in: Any) -> None:
    with ReplayServer(by_layout(Reply(body=HTML_PAGE), Reply(body=HTML_PAGE))) as server:
        settings = settings_for(tmp_path, server.base_url)
        data = page_in(settings)
        click_fetch(data)
        first = wait_for_end(settings)
        shown = click_fetch(data)[0]
        assert find(shown, "fetch-busy") is None and "Fetching from SIPRI" in texts(shown)
        second = wait_for_end(settings)
    assert second.job_id != first.job_id and len(server.requests) == 2


# ---- a job whose process died ------------------------------------------------------------------------


def test_a_job_whose_process_died_shows_as_failed_not_running(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    pid = dead_pid()
    job = job_file(settings, pid=pid, stage="request", message="asking SIPRI for the delivery-level register")
    shown, poll_off, cancel_off, _ = data.poll_fetch(5)
    started = job.started_at.strftime("%H:%M UTC")
    assert texts(find(shown, "fetch-error")) == (
        f"The fetch started at {started} stopped without finishing: the server process running it (pid {pid}) "
        "has ended, perhaps in a restart; fetch again."
    )
    assert poll_off and cancel_off
    assert fetch_job.read_job(settings).state == fetch_job.FAILED  # type: ignore[union-attr]


def test_a_job_of_this_process_without_its_thread_shows_as_failed(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    job_file(settings)  # this pid, but no thread runs job "a1"
    job = fetch_job.read_job(settings)
    assert job is not None and job.state == fetch_job.FAILED and f"(pid {os.getpid()})" in (job.error or "")


def test_a_silent_job_on_another_machine_shows_as_failed(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    long_ago = (datetime.now(UTC) - timedelta(minutes=3)).isoformat(timespec="milliseconds")
    job_file(settings, host="another-machine", pid=1, updated=long_ago)
    job = fetch_job.read_job(settings)
    assert job is not None and job.state == fetch_job.FAILED
    assert "it has given no sign of life for 3 minutes; fetch again." in (job.error or "")


def test_a_running_job_on_another_machine_that_writes_is_left_running(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    job_file(settings, host="another-machine", pid=1)
    assert fetch_job.read_job(settings).running  # type: ignore[union-attr]


def test_a_fetch_may_start_where_the_last_job_died(tmp_path: Path, page_in: Any) -> None:
    with ReplayServer(by_layout(Reply(body=HTML_PAGE), Reply(body=HTML_PAGE))) as server:
        settings = settings_for(tmp_path, server.base_url)
        data = page_in(settings)
        job_file(settings, pid=dead_pid())
        shown = click_fetch(data)[0]
        assert find(shown, "fetch-busy") is None
        assert wait_for_end(settings).job_id != "a1"


def test_an_unreadable_job_file_is_no_job(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    path = fetch_job.job_path(settings)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert fetch_job.read_job(settings) is None
    panel = data.fetch_panel(settings)
    assert find(panel, "fetch-poll").disabled and texts(find(panel, "fetch-status")) == ""


# ---- cancel ----------------------------------------------------------------------------------------


def test_cancel_from_any_server_process_stops_the_fetch_and_stores_nothing(tmp_path: Path, page_in: Any) -> None:
    recorded = sipri_file(RECORDED).read_bytes()
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        # The pause between the two requests is long: the cancel ends it at once.
        settings = settings_for(tmp_path, server.base_url, fetch_pause_s=60.0)
        data = page_in(settings)
        click_fetch(data)
        wait_until(lambda: stage_of(settings) == "pause", "the pause")
        # Cancel on another server process's app: only the job file carries it.
        other = page_in(replace(settings))
        shown, poll_off, cancel_off = other.cancel_fetch(1)
        assert texts(find(shown, "fetch-cancelling")).startswith("Cancelling: the fetch stops at its next step")
        assert not poll_off and cancel_off
        began = time.monotonic()
        job = wait_for_end(settings)
        assert time.monotonic() - began < 5
        shown, poll_off, _, stored = data.poll_fetch(9)
    assert job.state == fetch_job.CANCELLED and poll_off and stored is dash.no_update
    assert texts(find(shown, "fetch-cancelled")) == "The fetch was cancelled; nothing was stored."
    assert len(server.requests) == 1
    store_untouched(settings)


def test_cancel_from_another_process_reaches_the_thread_running_the_fetch(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)

    def runner(*_args: Any, cancel: threading.Event, **_kwargs: Any) -> Any:
        if cancel.wait(WAIT_S):
            raise fetch_job.FetchCancelled("The fetch was cancelled; nothing was stored.")
        raise AssertionError("the cancel never arrived")

    fetch_job.start_fetch(settings, FetchQuery(2000, 2001), FetchOptions(), runner=runner)
    code = (
        "import sys; from pathlib import Path; from dashboard.fetch.job import request_cancel; "
        "from etl.config import Settings; request_cancel(Settings(store_dir=Path(sys.argv[1])))"
    )
    subprocess.run([sys.executable, "-c", code, str(settings.store_dir)], check=True, timeout=60)
    job = wait_for_end(settings)
    assert job.state == fetch_job.CANCELLED and job.cancel_requested


def test_cancel_when_nothing_runs_changes_nothing(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    assert data.cancel_fetch(1) == ([], True, True)
    assert not fetch_job.job_path(settings).exists()


# ---- errors ------------------------------------------------------------------------------------------


def test_an_html_page_instead_of_json_gives_its_sentence_and_leaves_the_store_untouched(
    tmp_path: Path, page_in: Any
) -> None:
    with ReplayServer(by_layout(Reply(body=HTML_PAGE, content_type="text/html"), Reply(body=HTML_PAGE))) as server:
        settings = settings_for(tmp_path, server.base_url)
        data = page_in(settings)
        click_fetch(data)
        job = wait_for_end(settings)
        shown, poll_off, cancel_off, stored = data.poll_fetch(2)
    error = texts(find(shown, "fetch-error"))
    assert job.state == fetch_job.FAILED and poll_off and cancel_off and stored is dash.no_update
    assert error.startswith("SIPRI's backend at 127.0.0.1:") and "answered with a web page (HTML) instead of JSON" in error
    assert error.count(". ") == 0 and error.endswith(".") and "\n" not in error
    store_untouched(settings)


def test_a_network_failure_gives_its_sentence(tmp_path: Path, page_in: Any) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = settings_for(tmp_path, f"http://127.0.0.1:{port}/api/p/")
    data = page_in(settings)
    click_fetch(data)
    wait_for_end(settings)
    error = texts(find(data.poll_fetch(1)[0], "fetch-error"))
    assert f"127.0.0.1:{port}" in error and "refused" in error
    store_untouched(settings)


def test_an_unexpected_failure_in_the_fetch_is_one_sentence(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)

    def runner(*_args: Any, **_kwargs: Any) -> Any:
        raise KeyError("boom")

    fetch_job.start_fetch(settings, FetchQuery(2000, 2001), FetchOptions(), runner=runner)
    wait_for_end(settings)
    assert texts(find(data.poll_fetch(1)[0], "fetch-error")) == (
        "The fetch failed (KeyError); nothing was stored. Please report this with the server's log."
    )


def test_an_unknown_supplier_is_one_sentence_with_the_closest_names_and_starts_nothing(
    tmp_path: Path, page_in: Any
) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    shown, poll_off, cancel_off = click_fetch(data, suppliers="Russia; Chnia")
    assert texts(shown).startswith(
        "Unknown supplier 'Chnia': no SIPRI supplier or recipient has that name. Did you mean: China, "
    )
    assert find(shown, "fetch-form-error").role == "alert" and poll_off and cancel_off
    assert not fetch_job.job_path(settings).exists()


@pytest.mark.parametrize(
    ("from_year", "to_year", "sentence"),
    [
        (1900, 2001, f"From year 1900 is outside SIPRI's years {FIRST_YEAR}-{THIS_YEAR}; give a year in that range."),
        (2001, 2000, "From year 2001 is after To year 2000; swap them."),
        (None, 2000, f"From year is empty; give a year from {FIRST_YEAR} to {THIS_YEAR}."),
        (2000, 2000.5, f"To year '2000.5' is not a whole year; give a year from {FIRST_YEAR} to {THIS_YEAR}."),
        (2000, [1], f"To year '[1]' is not a whole year; give a year from {FIRST_YEAR} to {THIS_YEAR}."),
    ],
)
def test_years_out_of_range_or_not_years_are_one_sentence(
    tmp_path: Path, page_in: Any, from_year: Any, to_year: Any, sentence: str
) -> None:
    data = page_in(settings_for(tmp_path))
    assert texts(click_fetch(data, from_year, to_year)[0]) == sentence


def test_the_form_reads_names_and_aliases_separated_by_semicolons(tmp_path: Path, page_in: Any) -> None:
    data = page_in(settings_for(tmp_path))
    query = data.fetch_query("2015", 2024.0, "Russia;\nFrance ; ", "Korea, South", this_year=2025)
    assert query == FetchQuery(2015, 2024, ("russia", "france"), ("south-korea",))


def test_a_form_error_while_a_fetch_runs_still_shows_that_fetch(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    release = threading.Event()

    def runner(*_args: Any, **_kwargs: Any) -> Any:
        release.wait(WAIT_S)
        raise fetch_job.FetchCancelled("The fetch was cancelled; nothing was stored.")

    fetch_job.start_fetch(settings, FetchQuery(2000, 2001), FetchOptions(), runner=runner)
    shown, poll_off, _ = click_fetch(data, suppliers="Atlantis")
    release.set()
    assert "Unknown supplier 'Atlantis'" in texts(find(shown, "fetch-form-error"))
    assert "Fetching from SIPRI: delivery years 2000-2001" in texts(shown) and not poll_off
    wait_for_end(settings)


# ---- the page as it opens ----------------------------------------------------------------------------


def test_the_page_polls_only_while_a_fetch_runs(tmp_path: Path, page_in: Any) -> None:
    settings = settings_for(tmp_path)
    data = page_in(settings)
    panel = data.fetch_panel(settings)
    assert find(panel, "fetch-poll").disabled and find(panel, "fetch-cancel").disabled
    assert find(panel, "fetch-from-year").value == FIRST_YEAR and find(panel, "fetch-to-year").value == THIS_YEAR
    assert "SIPRI can take 10 to 40 s to build each of the two exports; the fetch runs on the server" in texts(panel)
    assert "non-commercial" in texts(panel)
    assert "pauses 5 s between them" in texts(data.fetch_panel(replace(settings, fetch_pause_s=5.0)))
    release = threading.Event()

    def runner(*_args: Any, **_kwargs: Any) -> Any:
        release.wait(WAIT_S)
        raise fetch_job.FetchCancelled("The fetch was cancelled; nothing was stored.")

    fetch_job.start_fetch(settings, FetchQuery(2000, 2001), FetchOptions(), runner=runner)
    panel = data.fetch_panel(settings)
    release.set()
    assert not find(panel, "fetch-poll").disabled and not find(panel, "fetch-cancel").disabled
    assert "Fetching from SIPRI" in texts(find(panel, "fetch-status"))
    wait_for_end(settings)
    panel = data.fetch_panel(settings)
    assert find(panel, "fetch-poll").disabled
    assert "The fetch was cancelled" in texts(find(panel, "fetch-status"))


def test_a_store_folder_that_cannot_hold_the_job_file_is_one_sentence(tmp_path: Path, page_in: Any) -> None:
    (tmp_path / "store").write_text("a file where the store folder should be")
    data = page_in(settings_for(tmp_path))
    shown, poll_off, _ = click_fetch(data)
    error = texts(find(shown, "fetch-error"))
    assert error.startswith(str(tmp_path / "store" / "jobs")) and "could not keep the fetch's progress" in error
    assert poll_off


# ---- uploads: the size is checked before decoding ------------------------------------------------------


def test_an_oversized_upload_is_refused_before_it_is_decoded(tmp_path: Path, page_in: Any) -> None:
    data = page_in(Settings(store_dir=tmp_path / "store", max_upload_bytes=1024 * 1024))
    # Not base64 at all: decoding it first would call it damaged; its size alone refuses it.
    contents = "data:text/csv;base64," + "!" * (2 * 1024 * 1024)
    shown, _ = data.upload_files([contents], ["big.csv"])
    assert texts(shown) == (
        "big.csv: the file is 1.5 MB, larger than the 1 MB limit for uploads; ingest it with "
        "`arms-explorer ingest FILE` instead."
    )


@pytest.mark.parametrize("size", [1022, 1023, 1024])
def test_an_upload_at_the_size_limit_is_decoded(tmp_path: Path, page_in: Any, size: int) -> None:
    data = page_in(settings_for(tmp_path))
    contents = "data:text/csv;base64," + base64.b64encode(b"x" * size).decode()
    assert data.decode_upload(contents, "f.csv", 1024) == b"x" * size
    with pytest.raises(Exception, match="larger than the"):
        data.decode_upload("data:text/csv;base64," + base64.b64encode(b"x" * (size + 2)).decode(), "f.csv", size + 1)
