"""The SIPRI backend client against a real HTTP server on 127.0.0.1 replaying the recorded answer."""

from __future__ import annotations

import base64
import json
import socket
import threading
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from etl.cli import main
from etl.config import Settings
from etl.entities import EntityResolver
from etl.errors import ArmsExplorerError, StoreError, UnknownEntityError
from etl.fetch import (
    FetchCancelled,
    FetchError,
    FetchHTTPError,
    FetchNetworkError,
    FetchOptions,
    FetchProgress,
    FetchQuery,
    FetchResponseError,
    FetchTimeoutError,
    fetch_release,
    filter_records,
    load_snapshot,
    request_body,
    snapshot_folders,
)
from etl.formats.export import LAYOUT_CLASSIC, LAYOUT_DELIVERY, read_export
from etl.ingest import ingest, read_paths
from etl.store import Store
from tests.conftest import sipri_file
from tests.etl.fetch.fetch_server import ReplayServer, Reply, by_layout, sequence

RECORDED = "atbackend-response_2025-02-10.json"
RECORDED_CSV = "delivery-rows_2025-02-10_2000-2001.csv"
PATH = "/api/p/trades/trade-register-csv/"
FAST = FetchOptions(timeout_s=5, retries=2, backoff_s=0, pause_s=0)
QUERY = FetchQuery(2000, 2001)
FILE_NAME_COLUMNS = ("source_file",)

# A tiny classic register as SIPRI writes it (Latin-1, preamble, '?' columns), generated the same
# day as the recorded answer, so both land in one release. Three deals match delivery rows of the
# recorded answer; the Mirage-2000 deal is invented and matches none.
CLASSIC_CSV = (
    "Transfers of major conventional arms from All countries  to All countries . Deals with "
    "deliveries made for the year range '2000' to '2001' \n"
    "A '?' in a column indicates uncertain data. The 'Number delivered' and the 'Year(s) of "
    "deliveries' refer only to deliveries in the selected year(s).\n"
    "SIPRI trend-indicator values (TIVs) are in millions.\n"
    "\n"
    "Source: SIPRI Arms Transfers Database (c) SIPRI.\n"
    "Data generated: 10 Feb 2025 10:53:40 AM\n"
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons\n"
    "Algeria,China,1999,?,,,C-802,anti-ship missile,17,?,2000; 2001,New,,0.9,,15.3\n"
    "Pakistan,China,1998,?,15,,Type-90-2M -,tank,15,,2001,New,Type-90-2M version; produced in "
    "Pakistan,3.7,55.5,55.5\n"
    'India,Russia,2000,,40,,Mi-17,transport helicopter,40,?,2000; 2001,New,"Mi-8MTV version; '
    'for Air Force, réf. 12",7.25,290,290\n'
    "Pakistan,France,2000,?,4,,Mirage-2000,FGA aircraft,4,,2001,Second hand,invented for a test,"
    "11.5,18.4,18.4\n"
).encode("latin-1")


def backend_json(csv: bytes) -> bytes:
    """The backend's answer holding `csv`, in the recorded answer's shape."""
    return json.dumps({"bytes": base64.b64encode(csv).decode("ascii")}, separators=(",", ":")).encode()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # urllib honours proxy variables; requests to the test server must go straight to 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("ARMS_EXPLORER_SIPRI_URL", raising=False)


@pytest.fixture(scope="module")
def recorded() -> bytes:
    return sipri_file(RECORDED).read_bytes()


@pytest.fixture(scope="module")
def recorded_csv() -> bytes:
    return sipri_file(RECORDED_CSV).read_bytes()


@pytest.fixture
def replies(recorded: bytes) -> Reply:
    """A by-layout responder's answers: the recorded answer, and the classic CSV as JSON."""
    return Reply(body=recorded)


def settings_for(tmp_path: Path, server: ReplayServer) -> Settings:
    return Settings(store_dir=tmp_path / "store", sipri_base_url=server.base_url)


def store_untouched(settings: Settings) -> None:
    """No release, no visible snapshot, no staging folder left behind."""
    root = Path(settings.store_dir)
    assert not (root / "manifest.json").exists()
    assert not (root / "sources").exists() or not any((root / "sources").iterdir())
    snapshots = root / "snapshots"
    assert not snapshots.exists() or list(snapshots.iterdir()) == []


def release_tables(settings: Settings) -> dict[str, pd.DataFrame]:
    store = Store.from_settings(settings)
    [info] = store.releases()
    return {name: store.table(info, name) for name in ("deals", "deliveries", "tiv_totals", "reports")}


def without_file_names(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[c for c in FILE_NAME_COLUMNS if c in frame])


# ---- the request -----------------------------------------------------------------------------


def test_request_bodies_carry_delivery_years_opendeals_and_export_option_only_for_delivery_rows(
    tmp_path: Path, recorded: bytes
) -> None:
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        fetch_release(settings_for(tmp_path, server), QUERY, FAST)
    delivery, classic = server.requests
    for request in (delivery, classic):
        assert request.method == "POST"
        assert request.path == PATH
        assert request.headers["Content-Type"] == "application/json"
        assert request.headers["Accept"] == "application/json"
        assert request.headers["User-Agent"].startswith("arms-transfers-explorer/")
        body = request.json()
        assert set(body) == {"filters", "logic"}
        assert body["logic"] == "AND"
        years, opendeals = body["filters"][:2]
        assert years == {
            "field": "Delivery year", "condition": "contains", "value1": 2000, "value2": 2001, "listData": [],
        }
        assert opendeals == {"field": "opendeals", "condition": "", "value1": "", "value2": "", "listData": []}
    assert delivery.json()["filters"][2] == {
        "field": "exportOption", "condition": "", "value1": "", "value2": "", "listData": [],
    }
    assert len(delivery.json()["filters"]) == 3
    assert [f["field"] for f in classic.json()["filters"]] == ["Delivery year", "opendeals"]


def test_delivery_request_body_is_the_published_third_party_body() -> None:
    published = (
        '{"filters":[{"field":"Delivery year","condition":"contains","value1":2000,"value2":2001,'
        '"listData":[]},{"field":"opendeals","condition":"","value1":"","value2":"","listData":[]},'
        '{"field":"exportOption","condition":"","value1":"","value2":"","listData":[]}],"logic":"AND"}'
    )
    assert request_body(QUERY, LAYOUT_DELIVERY) == json.loads(published)


# ---- must show: a fetched release equals the same CSV ingested from a file ------------------


def test_fetched_delivery_rows_make_the_same_release_as_the_file(
    tmp_path: Path, recorded: bytes
) -> None:
    with ReplayServer(sequence(Reply(body=recorded))) as server:
        fetched = settings_for(tmp_path, server)
        result = fetch_release(fetched, QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    from_file = Settings(store_dir=tmp_path / "from-file")
    ingest(read_paths([sipri_file(RECORDED_CSV)]), from_file)

    [report] = result.ingest.files
    assert (report.release, report.layout, report.records_read, report.records_stored) == ("2024", "delivery", 1414, 1414)
    got, want = release_tables(fetched), release_tables(from_file)
    for name in ("deals", "deliveries", "tiv_totals", "reports"):
        pd.testing.assert_frame_equal(without_file_names(got[name]), without_file_names(want[name]), check_exact=True)
    assert len(got["deliveries"]) == 1414


def test_fetched_pair_of_layouts_makes_the_same_release_as_the_two_files(
    tmp_path: Path, recorded: bytes, recorded_csv: bytes
) -> None:
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        fetched = settings_for(tmp_path, server)
        result = fetch_release(fetched, QUERY, FAST)
    classic_file = tmp_path / "classic.csv"
    classic_file.write_bytes(CLASSIC_CSV)
    from_file = Settings(store_dir=tmp_path / "from-file")
    ingest(read_paths([classic_file, sipri_file(RECORDED_CSV)]), from_file)

    got, want = release_tables(fetched), release_tables(from_file)
    for name in ("deals", "deliveries", "tiv_totals", "reports"):
        pd.testing.assert_frame_equal(without_file_names(got[name]), without_file_names(want[name]), check_exact=True)
    # The classic deals were linked to SIPRI's delivery rows, as from files.
    assert result.ingest.link["2024"]["linked"] == 3
    assert result.ingest.link["2024"]["classic_with_deliveries"] == 4
    assert (got["deals"]["source_layout"] == "classic+delivery").sum() == 3


# ---- the snapshot of record ------------------------------------------------------------------


def test_snapshot_keeps_each_raw_answer_with_request_url_time_and_sha256(
    tmp_path: Path, recorded: bytes
) -> None:
    classic_answer = backend_json(CLASSIC_CSV)
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=classic_answer))) as server:
        settings = settings_for(tmp_path, server)
        result = fetch_release(settings, QUERY, FAST)
    assert snapshot_folders(settings) == [result.snapshot_dir]
    assert (result.snapshot_dir / "delivery-rows.response.json").read_bytes() == recorded
    assert (result.snapshot_dir / "trade-register.response.json").read_bytes() == classic_answer
    provenance = load_snapshot(result.snapshot_dir)
    delivery, classic = provenance["requests"]
    assert delivery["url"] == server.base_url + "trades/trade-register-csv/"
    assert delivery["method"] == "POST"
    assert delivery["request_body"] == server.requests[0].json()
    assert delivery["http_status"] == 200 and delivery["attempts"] == 1
    assert delivery["requested_at"] <= delivery["answered_at"]
    assert delivery["release"] == "2024" and delivery["data_generated"] == "2025-02-10T10:52:58"
    assert delivery["csv_records"] == delivery["ingested_records"] == 1414
    assert classic["layout"] == LAYOUT_CLASSIC and classic["csv_records"] == 4
    assert provenance["producer"].startswith("Stockholm International Peace Research Institute")
    assert provenance["citation"].startswith("Source: SIPRI Arms Transfers Database")
    # The store's source is the decoded CSV: the same bytes as the file, so the same sha256.
    manifest = json.loads((Path(settings.store_dir) / "manifest.json").read_text())
    shas = {f["sha256"] for f in manifest["releases"]["2024"]["files"]}
    assert delivery["ingested_sha256"] in shas
    assert (Path(settings.store_dir) / "sources" / delivery["csv_sha256"]).exists()


def test_a_snapshot_changed_after_the_fetch_is_refused_on_load(tmp_path: Path, recorded: bytes) -> None:
    with ReplayServer(sequence(Reply(body=recorded))) as server:
        result = fetch_release(settings_for(tmp_path, server), QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    (result.snapshot_dir / "delivery-rows.response.json").write_bytes(recorded[:-10] + b"0000000000")
    with pytest.raises(StoreError, match="changed since it was fetched"):
        load_snapshot(result.snapshot_dir)


def test_a_second_fetch_of_the_same_bytes_leaves_the_release_unchanged_but_keeps_a_snapshot(
    tmp_path: Path, recorded: bytes
) -> None:
    with ReplayServer(sequence(Reply(body=recorded))) as server:
        settings = settings_for(tmp_path, server)
        fetch_release(settings, QUERY, FAST, layouts=[LAYOUT_DELIVERY])
        again = fetch_release(settings, QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    assert [r.unchanged for r in again.ingest.files] == [True]
    assert len(snapshot_folders(settings)) == 2
    assert load_snapshot(again.snapshot_dir)["requests"][0]["already_in_store"] is True


# ---- answers that are not an export ----------------------------------------------------------


def _answers(recorded: bytes) -> dict[str, tuple[Reply, type[FetchError], str]]:
    return {
        "truncated JSON": (Reply(body=recorded[: len(recorded) // 2]), FetchResponseError, "not valid JSON"),
        "JSON without bytes": (Reply(body=b'{"detail": "ok", "data": []}'), FetchResponseError, "without the 'bytes' field that holds the export (found: data, detail)"),
        "bytes not a string": (Reply(body=b'{"bytes": 12}'), FetchResponseError, "not valid base64"),
        "bad base64": (Reply(body=b'{"bytes": "VHJhbnNmZXJz!!*"}'), FetchResponseError, "not valid base64"),
        "HTML page": (
            Reply(body=b"<!DOCTYPE html><html><body>Arms transfers</body></html>", content_type="text/html"),
            FetchResponseError,
            "web page (HTML) instead of JSON",
        ),
        "HTML page labelled JSON": (
            Reply(body=b"\n<html><head></head></html>"), FetchResponseError, "web page (HTML)"
        ),
        "binary CSV": (Reply(body=backend_json(b"PK\x03\x04\x00\x01binary")), FetchResponseError, "does not decode as CSV text"),
        "empty CSV": (Reply(body=backend_json(b"")), FetchResponseError, "does not decode as CSV text"),
        "unknown header": (
            Reply(body=backend_json(b"Data generated: 10 Feb 2025\nCountry,Year,Value\nX,2000,1\n")),
            FetchResponseError,
            "header or records this version does not know",
        ),
        "header missing a column": (
            Reply(body=backend_json(recorded_csv_without_column(recorded, "TIV delivery values"))),
            FetchResponseError,
            "(line 12: the delivery-level register header has no 'TIV delivery values' (also looked for",
        ),
        "the other layout": (Reply(body=backend_json(CLASSIC_CSV)), FetchResponseError, "classic trade register where a delivery-level register"),
        "404": (Reply(status=404, body=b'{"detail": "Not found."}'), FetchHTTPError, 'HTTP 404 Not Found ("Not found.")'),
        "403": (Reply(status=403, body=b"forbidden", content_type="text/plain"), FetchHTTPError, "HTTP 403 Forbidden; SIPRI may have changed"),
        "500 every time": (Reply(status=500, body=b""), FetchHTTPError, "HTTP 500 Internal Server Error: its server is having trouble; try again later"),
    }


def recorded_csv_without_column(recorded: bytes, column: str) -> bytes:
    text = base64.b64decode(json.loads(recorded)["bytes"]).decode("utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("SIPRI AT Database ID,"))
    lines[index] = lines[index].replace(column, "TIV of the deliveries")
    return "\n".join(lines[: index + 3]).encode("utf-8")


@pytest.mark.parametrize(
    "case",
    [
        "truncated JSON", "JSON without bytes", "bytes not a string", "bad base64", "HTML page",
        "HTML page labelled JSON", "binary CSV", "empty CSV", "unknown header",
        "header missing a column", "the other layout", "404", "403", "500 every time",
    ],
)
def test_an_answer_that_is_not_an_export_is_one_sentence_and_leaves_the_store_untouched(
    tmp_path: Path, recorded: bytes, case: str
) -> None:
    reply, error, fragment = _answers(recorded)[case]
    with ReplayServer(sequence(reply)) as server:
        settings = settings_for(tmp_path, server)
        with pytest.raises(error) as caught:
            fetch_release(settings, QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    message = caught.value.message
    assert fragment in message
    assert "\n" not in message and message.count("; ") <= 3
    assert f"127.0.0.1:{server.base_url.split(':')[2].split('/')[0]}" in message
    store_untouched(settings)


def test_a_failure_on_the_second_layout_leaves_the_store_untouched(tmp_path: Path, recorded: bytes) -> None:
    with ReplayServer(by_layout(Reply(body=recorded), Reply(status=404))) as server:
        settings = settings_for(tmp_path, server)
        with pytest.raises(FetchHTTPError):
            fetch_release(settings, QUERY, FAST)
    assert len(server.requests) == 2
    store_untouched(settings)


def test_redirect_to_a_web_page_is_reported_with_where_it_led(tmp_path: Path) -> None:
    html = Reply(body=b"<!doctype html><html>SIPRI</html>", content_type="text/html; charset=utf-8")
    moved = Reply(status=302, headers={"Location": "/databases/armstransfers"})
    with ReplayServer(sequence(moved, html)) as server:
        settings = settings_for(tmp_path, server)
        with pytest.raises(FetchResponseError, match=r"web page \(HTML\) instead of JSON \(redirected to http://127\.0\.0\.1:\d+/databases/armstransfers\)"):
            fetch_release(settings, QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    assert [r.method for r in server.requests] == ["POST", "GET"]
    store_untouched(settings)


# ---- retries, timeouts, network errors -------------------------------------------------------


def test_a_500_then_the_answer_is_retried_and_succeeds(tmp_path: Path, recorded: bytes) -> None:
    events: list[FetchProgress] = []
    with ReplayServer(sequence(Reply(status=500), Reply(status=503), Reply(body=recorded))) as server:
        result = fetch_release(settings_for(tmp_path, server), QUERY, FAST, events.append, layouts=[LAYOUT_DELIVERY])
    assert len(server.requests) == 3
    assert server.requests[0].body == server.requests[2].body
    assert result.exports[0].answer.attempts == 3
    retries = [e.message for e in events if e.stage == "retry"]
    assert len(retries) == 2 and "HTTP 500" in retries[0] and "attempt 2 of 3" in retries[0]


def test_retries_are_bounded(tmp_path: Path) -> None:
    with ReplayServer(sequence(Reply(status=502))) as server:
        settings = settings_for(tmp_path, server)
        with pytest.raises(FetchHTTPError, match="HTTP 502"):
            fetch_release(settings, QUERY, replace(FAST, retries=3), layouts=[LAYOUT_DELIVERY])
    assert len(server.requests) == 4
    store_untouched(settings)


def test_a_4xx_is_not_retried(tmp_path: Path) -> None:
    with ReplayServer(sequence(Reply(status=400, body=b'{"detail": "bad filter"}'))) as server:
        with pytest.raises(FetchHTTPError) as caught:
            fetch_release(settings_for(tmp_path, server), QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    assert len(server.requests) == 1
    assert caught.value.status == 400


def test_a_reset_connection_is_retried(tmp_path: Path, recorded: bytes) -> None:
    with ReplayServer(sequence(Reply(drop=True), Reply(body=recorded))) as server:
        result = fetch_release(settings_for(tmp_path, server), QUERY, FAST, layouts=[LAYOUT_DELIVERY])
    assert len(server.requests) == 2 and result.exports[0].answer.attempts == 2


def test_a_slow_answer_times_out_after_the_retries(tmp_path: Path, recorded: bytes) -> None:
    options = replace(FAST, timeout_s=0.2, retries=1)
    with ReplayServer(sequence(Reply(body=recorded, delay_s=3))) as server:
        settings = settings_for(tmp_path, server)
        with pytest.raises(FetchTimeoutError, match=r"did not answer within 0\.2 s; try again later, or allow longer with --timeout"):
            fetch_release(settings, QUERY, options, layouts=[LAYOUT_DELIVERY])
    assert len(server.requests) == 2
    store_untouched(settings)


def test_a_slow_answer_then_a_prompt_one_succeeds(tmp_path: Path, recorded: bytes) -> None:
    options = replace(FAST, timeout_s=0.5, retries=1)
    with ReplayServer(sequence(Reply(body=recorded, delay_s=3), Reply(body=recorded))) as server:
        result = fetch_release(settings_for(tmp_path, server), QUERY, options, layouts=[LAYOUT_DELIVERY])
    assert result.exports[0].answer.attempts == 2


def test_a_refused_connection_says_to_check_the_network_and_is_not_retried(tmp_path: Path) -> None:
    with socket.socket() as bound:  # bound but not listening: connecting is refused
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        settings = Settings(store_dir=tmp_path / "store", sipri_base_url=f"http://127.0.0.1:{port}/api/p/")
        events: list[FetchProgress] = []
        with pytest.raises(FetchNetworkError) as caught:
            fetch_release(settings, QUERY, FAST, events.append)
    assert caught.value.message == (
        f"Could not connect to 127.0.0.1:{port} (connection refused): check your internet connection "
        "and the address given with --base-url or ARMS_EXPLORER_SIPRI_URL, then try again."
    )
    assert not [e for e in events if e.stage == "retry"]
    store_untouched(settings)


def test_an_unresolvable_host_is_a_dns_failure(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store", sipri_base_url="http://nonexistent.invalid/")
    with pytest.raises(FetchNetworkError, match=r"^Cannot find the host 'nonexistent\.invalid' \(the DNS lookup failed\): check your internet connection"):
        fetch_release(settings, QUERY, FAST)
    store_untouched(settings)


def test_a_base_url_that_is_not_http_is_refused_before_any_request(tmp_path: Path) -> None:
    settings = Settings(store_dir=tmp_path / "store", sipri_base_url="ftp://atbackend.sipri.org/")
    with pytest.raises(FetchError, match="is not an http\\(s\\) address"):
        fetch_release(settings, QUERY, FAST)


# ---- filters, progress, cancel ---------------------------------------------------------------


def test_supplier_filter_keeps_that_suppliers_records_and_sends_no_names(
    tmp_path: Path, recorded: bytes, recorded_csv: bytes
) -> None:
    query = FetchQuery.build(2000, 2001, suppliers=["china"], recipients=["Pakistan", "Algeria"])
    with ReplayServer(sequence(Reply(body=recorded))) as server:
        settings = settings_for(tmp_path, server)
        result = fetch_release(settings, query, FAST, layouts=[LAYOUT_DELIVERY])
    assert request_body(FetchQuery(2000, 2001), LAYOUT_DELIVERY) == server.requests[0].json()
    [item] = result.exports
    assert item.name == "sipri-delivery-rows_2000-2001_from-china_to-pakistan+algeria.csv"
    # The snapshot is SIPRI's whole answer; what was ingested keeps SIPRI's lines unchanged.
    assert (result.snapshot_dir / item.response_file).read_bytes() == recorded
    kept_lines = item.ingested.split(b"\n")
    assert kept_lines[:12] == recorded_csv.split(b"\n")[:12]
    assert set(kept_lines[12:-1]) <= set(recorded_csv.split(b"\n"))
    deliveries = release_tables(settings)["deliveries"]
    assert set(deliveries["supplier_id"]) == {"china"}
    assert set(deliveries["recipient_id"]) == {"pakistan", "algeria"}

    from_file = Settings(store_dir=tmp_path / "from-file")
    ingest(read_paths([sipri_file(RECORDED_CSV)]), from_file)
    everything = release_tables(from_file)["deliveries"]
    want = everything[(everything["supplier_id"] == "china") & everything["recipient_id"].isin(["pakistan", "algeria"])]
    assert item.records_kept == len(want) and item.records_read == 1414
    # Lines number the filtered CSV the store keeps as the source, not SIPRI's whole answer.
    pd.testing.assert_frame_equal(
        without_file_names(deliveries).drop(columns="source_line"),
        without_file_names(want).drop(columns="source_line").reset_index(drop=True),
        check_exact=True,
    )


def test_filter_records_keeps_a_record_broken_by_a_raw_newline_whole() -> None:
    header = CLASSIC_CSV.split(b"\n")[6]
    data = b"\n".join(
        [
            b"Data generated: 10 Feb 2025 10:53:40 AM",
            header,
            b"Algeria,China,1999,?,,,C-802,anti-ship missile,17,?,2000; 2001,New,first part",
            b"second part of the comment,0.9,,15.3",
            b"India,Russia,2000,,40,,Mi-17,transport helicopter,40,?,2000; 2001,New,,7.25,290,290",
            b"",
        ]
    )
    export = read_export(data, "broken.csv")
    assert export.records_read == 2
    query = FetchQuery.build(2000, 2001, suppliers=["China"])
    kept, count, read = filter_records(data, export, query, EntityResolver())
    assert (count, read) == (1, 2)
    assert kept == b"\n".join(data.split(b"\n")[:4]) + b"\n"


def test_an_unknown_supplier_is_refused_before_any_request() -> None:
    with pytest.raises(UnknownEntityError, match="Unknown supplier 'Narnia'"):
        FetchQuery.build(2000, 2001, suppliers=["Narnia"])


@pytest.mark.parametrize(
    ("years", "fragment"),
    [((2001, 2000), "--from-year 2001 is after --to-year 2000; swap them."), ((1900, 2000), "--from-year 1900 is outside")],
)
def test_years_are_checked_before_any_request(years: tuple[int, int], fragment: str) -> None:
    with pytest.raises(FetchError, match=fragment):
        FetchQuery.build(*years, this_year=2026)


def test_without_years_the_whole_database_is_asked_for() -> None:
    query = FetchQuery.build(this_year=2026)
    assert (query.from_year, query.to_year) == (1950, 2026)


def test_progress_reports_each_request_in_order(tmp_path: Path, recorded: bytes) -> None:
    events: list[FetchProgress] = []
    options = replace(FAST, pause_s=0.01, chunk_bytes=64 * 1024)
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        fetch_release(settings_for(tmp_path, server), QUERY, options, events.append)
    stages = [e.stage for e in events if e.stage != "download"]
    assert stages == ["request", "check", "pause", "request", "check", "snapshot", "ingest", "done"]
    downloads = [e for e in events if e.stage == "download" and e.request == 1]
    assert len(downloads) > 1 and downloads[-1].fraction == 1.0
    assert downloads[-1].bytes_received == len(recorded)
    assert {e.requests for e in events} == {2}
    assert "release 2024" in events[-1].message


def test_a_fetch_runs_in_a_background_thread_and_can_be_cancelled(tmp_path: Path, recorded: bytes) -> None:
    cancel = threading.Event()
    outcome: list[BaseException] = []
    options = replace(FAST, pause_s=30)

    def on_progress(event: FetchProgress) -> None:
        if event.stage == "pause":
            cancel.set()

    def run() -> None:
        try:
            fetch_release(settings, QUERY, options, on_progress, cancel)
        except FetchError as exc:
            outcome.append(exc)

    with ReplayServer(sequence(Reply(body=recorded))) as server:
        settings = settings_for(tmp_path, server)
        worker = threading.Thread(target=run)
        worker.start()
        worker.join(timeout=10)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], FetchCancelled)
    store_untouched(settings)


# ---- the command -----------------------------------------------------------------------------


def test_fetch_command_fetches_both_layouts_and_reports_each_file(
    tmp_path: Path, recorded: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        code = main([
            "fetch", "--from-year", "2000", "--to-year", "2001", "--base-url", server.base_url,
            "--store", str(tmp_path / "store"), "--pause", "0", "--timeout", "5", "--retries", "0",
        ])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert len(server.requests) == 2
    assert "sipri-delivery-rows_2000-2001.csv: delivery-level register, data generated 2025-02-10T10:52:58, release 2024: 1414 records read, 1414 stored" in out
    assert "sipri-trade-register_2000-2001.csv: classic trade register" in out
    assert "Snapshot: " in out
    assert "... asking SIPRI for the delivery-level register, delivery years 2000-2001 (1 of 2" in err


def test_fetch_command_reads_the_backend_address_from_the_environment(
    tmp_path: Path, recorded: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        monkeypatch.setenv("ARMS_EXPLORER_SIPRI_URL", server.base_url)
        code = main(["fetch", "--from-year", "2000", "--to-year", "2001", "--store", str(tmp_path / "s"), "--pause", "0"])
    assert code == 0, capsys.readouterr().err
    assert len(server.requests) == 2


def test_fetch_command_error_is_one_sentence_with_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ReplayServer(sequence(Reply(status=404, body=b"{}"))) as server:
        code = main(["fetch", "--base-url", server.base_url, "--store", str(tmp_path / "store"), "--pause", "0"])
    err = capsys.readouterr().err
    assert code == 2
    [last] = [line for line in err.splitlines() if line.startswith("error:")]
    assert "HTTP 404 Not Found; the address is wrong or SIPRI has moved its backend" in last
    store_untouched(Settings(store_dir=tmp_path / "store"))


def test_fetch_command_unknown_recipient_suggests_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "--recipient", "Pakistn", "--store", str(tmp_path / "store"), "--base-url", "http://127.0.0.1:9/"])
    assert code == 2
    assert "Unknown recipient 'Pakistn'" in capsys.readouterr().err


# ---- settings and the environment ----------------------------------------------------------


def test_the_fetch_waits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMS_EXPLORER_FETCH_PAUSE", "0")
    monkeypatch.setenv("ARMS_EXPLORER_FETCH_TIMEOUT", "7.5")
    monkeypatch.setenv("ARMS_EXPLORER_FETCH_RETRIES", "1")
    monkeypatch.setenv("ARMS_EXPLORER_FETCH_BACKOFF", "0.5")
    options = FetchOptions.from_settings(Settings.from_env())
    assert (options.pause_s, options.timeout_s, options.retries, options.backoff_s) == (0, 7.5, 1, 0.5)
    assert FetchOptions.from_settings(Settings()) == FetchOptions()


def test_a_fetch_wait_that_is_not_a_number_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMS_EXPLORER_FETCH_RETRIES", "two")
    with pytest.raises(ArmsExplorerError, match=r"^ARMS_EXPLORER_FETCH_RETRIES='two' is not a whole number \(0 or more\); fix or unset it\.$"):
        Settings.from_env()


def test_fetch_command_takes_its_pause_from_the_environment_unless_given(
    tmp_path: Path, recorded: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ARMS_EXPLORER_FETCH_PAUSE", "0.01")
    with ReplayServer(by_layout(Reply(body=recorded), Reply(body=backend_json(CLASSIC_CSV)))) as server:
        code = main(["fetch", "--from-year", "2000", "--to-year", "2001", "--base-url", server.base_url,
                     "--store", str(tmp_path / "store")])
        err = capsys.readouterr().err
        assert code == 0, err
        assert "... pausing 0.01 s between requests to SIPRI" in err
        code = main(["fetch", "--from-year", "2000", "--to-year", "2001", "--base-url", server.base_url,
                     "--store", str(tmp_path / "store"), "--pause", "0"])
    assert code == 0 and "pausing" not in capsys.readouterr().err
