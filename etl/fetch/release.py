"""A whole fetch: both registers asked for, each answer kept as a snapshot, the release ingested."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from etl.config import SIPRI_CREDIT, SIPRI_DB_URL, Settings
from etl.entities import EntityResolver
from etl.errors import StoreError
from etl.fetch.answer import export_csv, filter_records
from etl.fetch.http import HttpAnswer, _check_cancel, _wait, post_json
from etl.fetch.query import (
    _STEMS,
    LAYOUTS,
    SNAPSHOT_FILE,
    SNAPSHOTS_DIR,
    FetchOptions,
    FetchProgress,
    FetchQuery,
    ProgressCallback,
    _version,
    endpoint_url,
    request_body,
)
from etl.formats.export import (
    LAYOUT_NAMES,
)
from etl.ingest import IngestResult, ingest

# ---- a whole fetch ------------------------------------------------------------------------


@dataclass
class FetchedExport:
    """One layout as fetched: where from, what was sent, what came back, what was ingested."""

    layout: str
    url: str
    request_body: bytes
    answer: HttpAnswer
    csv: bytes
    name: str
    ingested: bytes
    records_read: int
    records_kept: int

    @property
    def response_file(self) -> str:
        return f"{_STEMS[self.layout]}.response.json"


@dataclass
class FetchResult:
    """What a fetch did: the snapshot folder, each export fetched, and the ingest's reports."""

    snapshot_dir: Path
    exports: list[FetchedExport]
    ingest: IngestResult
    provenance: dict[str, Any] = field(default_factory=dict)


def fetch_release(
    settings: Settings,
    query: FetchQuery,
    options: FetchOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    layouts: Sequence[str] = LAYOUTS,
    resolver: EntityResolver | None = None,
) -> FetchResult:
    """Fetch each layout from SIPRI's backend, snapshot the raw answers, ingest the CSVs.

    All or nothing: on any error (FetchError, or the ingest's own) the store and its snapshots
    are as they were. Safe to run in a background thread: `progress` is called from that thread,
    and setting `cancel` stops the fetch at the next step with FetchCancelled.
    """
    options = options or FetchOptions()
    url = endpoint_url(settings.sipri_base_url)
    resolver = resolver or EntityResolver()
    total = len(layouts)
    current = {"request": 0}

    def say(stage: str, message: str, **extra: Any) -> None:
        if progress is not None:
            progress(FetchProgress(stage, message, current["request"], total, **extra))

    fetched: list[FetchedExport] = []
    for index, layout in enumerate(layouts, start=1):
        current["request"] = index
        if index > 1 and options.pause_s > 0:
            say("pause", f"pausing {options.pause_s:g} s between requests to SIPRI")
            _wait(options.pause_s, cancel)
        body = json.dumps(request_body(query, layout), separators=(",", ":")).encode("utf-8")
        say(
            "request",
            f"asking SIPRI for the {LAYOUT_NAMES[layout]}, {query.describe()} ({index} of {total}; "
            "SIPRI can take 10 to 40 s to answer)",
        )
        answer = post_json(url, body, options, say, cancel)
        say("check", f"checking the {LAYOUT_NAMES[layout]} ({len(answer.body) / 1e6:.1f} MB)")
        data, export = export_csv(answer, layout)
        name = _ingest_name(layout, query)
        kept_data, kept, read = filter_records(data, export, query, resolver)
        fetched.append(
            FetchedExport(
                layout=layout, url=url, request_body=body, answer=answer, csv=data, name=name,
                ingested=kept_data, records_read=read, records_kept=kept,
            )
        )
    _check_cancel(cancel)
    return _snapshot_and_ingest(settings, query, fetched, say)


def _ingest_name(layout: str, query: FetchQuery) -> str:
    parts = [f"sipri-{_STEMS[layout]}", f"{query.from_year}-{query.to_year}"]
    if query.supplier_ids:
        parts.append("from-" + "+".join(query.supplier_ids))
    if query.recipient_ids:
        parts.append("to-" + "+".join(query.recipient_ids))
    return "_".join(parts) + ".csv"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _snapshot_and_ingest(
    settings: Settings, query: FetchQuery, fetched: list[FetchedExport], say: Callable[..., None]
) -> FetchResult:
    """Stage the snapshot, ingest, then make the snapshot visible; undo the stage on failure."""
    root = Path(settings.store_dir) / SNAPSHOTS_DIR
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    final = root / f"{stamp}-{uuid.uuid4().hex[:6]}"
    staging = root / f".tmp-{final.name}"
    say("snapshot", f"keeping SIPRI's answers as snapshot {final.name}")
    try:
        staging.mkdir(parents=True)
        for item in fetched:
            _write_synced(staging / item.response_file, item.answer.body)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(
            f"{root}: could not write the snapshot ({exc.strerror or exc}); nothing was changed; "
            "free some space or fix the folder's permissions and fetch again"
        ) from None
    try:
        say("ingest", "ingesting into the store")
        result = ingest([(item.name, item.ingested) for item in fetched], settings, origin="fetch")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # The store now holds the release: from here a failure loses only the snapshot's visibility.
    provenance = _provenance(query, fetched, result)
    try:
        _write_synced(
            staging / SNAPSHOT_FILE,
            json.dumps(provenance, indent=2, ensure_ascii=False).encode("utf-8"),
        )
        os.replace(staging, final)
    except OSError as exc:
        raise StoreError(
            f"{staging}: the data was ingested, but its snapshot could not be completed "
            f"({exc.strerror or exc}); free some space and fetch again to keep a snapshot"
        ) from None
    releases = sorted({r.release for r in result.files})
    say("done", f"fetched and ingested into release {', '.join(releases)}")
    return FetchResult(final, fetched, result, provenance)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _provenance(
    query: FetchQuery, fetched: list[FetchedExport], result: IngestResult
) -> dict[str, Any]:
    """snapshot.json: who produced the data, how it was asked for, checksums of every byte kept."""
    reports = {r.name: r for r in result.files}
    requests = []
    for item in fetched:
        report = reports.get(item.name)
        requests.append(
            {
                "layout": item.layout,
                "method": "POST",
                "url": item.url,
                "request_headers": {
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                },
                "request_body": json.loads(item.request_body),
                "requested_at": item.answer.started_at,
                "answered_at": item.answer.finished_at,
                "attempts": item.answer.attempts,
                "http_status": item.answer.status,
                "response_content_type": item.answer.headers.get("content-type"),
                "response_file": item.response_file,
                "response_sha256": _sha256(item.answer.body),
                "response_bytes": len(item.answer.body),
                "csv_sha256": _sha256(item.csv),
                "csv_records": item.records_read,
                "ingested_as": item.name,
                "ingested_sha256": _sha256(item.ingested),
                "ingested_records": item.records_kept,
                "release": report.release if report else None,
                "data_generated": report.data_generated if report else None,
                "already_in_store": report.unchanged if report else None,
            }
        )
    return {
        "format": 1,
        "producer": "Stockholm International Peace Research Institute (SIPRI)",
        "dataset": "SIPRI Arms Transfers Database",
        "dataset_url": SIPRI_DB_URL,
        "citation": SIPRI_CREDIT,
        "terms": (
            "SIPRI allows non-commercial use with the credit line 'Source: SIPRI Arms Transfers "
            "Database', and reproduction of less than 10 per cent of a published data set; "
            "this snapshot is for local use only"
        ),
        "fetched_by": f"arms-transfers-explorer {_version()}",
        "query": {
            "from_year": query.from_year,
            "to_year": query.to_year,
            "supplier_ids": list(query.supplier_ids),
            "recipient_ids": list(query.recipient_ids),
            "filtered_locally": query.is_filtered,
        },
        "requests": requests,
    }
