"""SIPRI's backend client: fetch both registers, keep each raw answer as a snapshot, ingest them.

SIPRI's Arms Transfers Database site (a JavaScript app) downloads its CSV exports from an
undocumented backend. This module asks that backend for the same exports, so a release can be
fetched without clicking through the site.

What is known (checked against the recorded answer in ../shared/sipri/atbackend-response_2025-02-10.json):
- `POST <base>trades/trade-register-csv/` with a JSON filter body answers `{"bytes": "<base64>"}`
  and nothing else; the base64 decodes, byte for byte, to a delivery-level register CSV
  (`delivery-rows_2025-02-10_2000-2001.csv`): SIPRI's usual preamble with `Data generated`, then
  the 17-column header `SIPRI AT Database ID,Supplier,...`; plain ASCII with LF line endings
  (so its encoding for names with accents is not known: the readers accept UTF-8 and Latin-1).
- That answer came from a request filtering delivery years 2000-2001 and carrying the
  `exportOption` filter; its preamble states the year range ("for the year range '2000' to '2001'").

What is assumed (published by third-party clients, not verifiable from here):
- The request body shape: `{"filters": [...], "logic": "AND"}` with a `Delivery year` filter
  (`condition "contains"`, `value1`/`value2` the first and last year), an `opendeals` filter
  and, for the delivery-level layout, an `exportOption` filter, all with empty `listData`.
- Without `exportOption` the same endpoint answers the classic register (16 columns, one row per
  deal, header `Recipient,Supplier,...`). We never rely on this blindly: every answer is read
  with the project's own readers, and an answer in the other layout than asked is an error.
- What `opendeals` does (presumably: include deals without deliveries yet); we send it as the
  third-party clients do.
- Supplier and recipient filters: the backend filters on SIPRI's own numeric entity ids in
  `listData`, which SIPRI does not publish and this project does not have. So we never send
  names (an unknown id may give an error, an empty export or everything, and we could not tell
  which); we ask for every country and filter the decoded CSV here, keeping the preamble,
  header and the matching records byte for byte. The snapshot keeps SIPRI's whole answer.

A fetch is all or nothing: a failure anywhere (network, answer, reading, ingest) leaves the store
as it was. `fetch_release` takes a progress callback and a cancel event and touches no global
state, so a dashboard page can run it in a background thread.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import http.client
import json
import os
import shutil
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from etl.config import SIPRI_CREDIT, SIPRI_DB_URL, Settings
from etl.entities import EntityResolver
from etl.errors import ArmsExplorerError, InputFileError, StoreError
from etl.formats.export import (
    LAYOUT_CLASSIC,
    LAYOUT_DELIVERY,
    LAYOUT_NAMES,
    RawExport,
    read_export,
)
from etl.formats.text import decode_text
from etl.ingest import IngestResult, ingest

ENDPOINT = "trades/trade-register-csv/"
FIRST_YEAR = 1950  # SIPRI's database starts with 1950
SNAPSHOTS_DIR = "snapshots"
SNAPSHOT_FILE = "snapshot.json"
LAYOUTS = (LAYOUT_DELIVERY, LAYOUT_CLASSIC)
# File stems of each layout, for snapshot files and the names ingested into the store.
_STEMS = {LAYOUT_DELIVERY: "delivery-rows", LAYOUT_CLASSIC: "trade-register"}
_HINT_BY_HAND = "download the CSV from SIPRI's site by hand and run `arms-explorer ingest FILE`"
_HINT_ADDRESS = "the address given with --base-url or ARMS_EXPLORER_SIPRI_URL"


def _version() -> str:
    try:
        return metadata.version("arms-transfers-explorer")
    except metadata.PackageNotFoundError:
        return "dev"


# ---- errors ---------------------------------------------------------------------------------


class FetchError(ArmsExplorerError):
    """A fetch from SIPRI's backend that failed; the store is unchanged."""


class FetchNetworkError(FetchError):
    """The backend could not be reached: no network, connection refused, DNS failure."""


class FetchTimeoutError(FetchError):
    """The backend did not answer in time, after every retry."""


class FetchHTTPError(FetchError):
    """The backend answered with an HTTP error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class FetchResponseError(FetchError):
    """The backend answered, but not with a SIPRI export we can read."""


class FetchCancelled(FetchError):
    """The fetch was cancelled by its caller."""


# ---- what to ask for ------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchOptions:
    """How the client behaves on the wire; tests set the waits to 0."""

    # Seconds to wait for the connection, for SIPRI to start answering, and between two pieces
    # of the answer; SIPRI takes 10 to 40 s to build a large export.
    timeout_s: float = Settings.fetch_timeout_s
    # Further attempts after a timeout, an HTTP 5xx or a reset connection (never after a 4xx).
    retries: int = Settings.fetch_retries
    # Wait before retry n: backoff_s * 2**(n-1), at most backoff_max_s (or the server's Retry-After).
    backoff_s: float = Settings.fetch_backoff_s
    backoff_max_s: float = 120.0
    # Polite pause between two requests to SIPRI.
    pause_s: float = Settings.fetch_pause_s
    # An answer larger than this is refused (a whole register is about 6 MB as base64 JSON).
    max_response_bytes: int = 200 * 1024 * 1024
    chunk_bytes: int = 256 * 1024
    user_agent: str = f"arms-transfers-explorer/{_version()} (Python urllib)"

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchOptions:
        """The options the settings (and so the environment) give: timeout, retries and waits."""
        return cls(
            timeout_s=settings.fetch_timeout_s,
            retries=settings.fetch_retries,
            backoff_s=settings.fetch_backoff_s,
            pause_s=settings.fetch_pause_s,
        )


@dataclass(frozen=True)
class FetchQuery:
    """Delivery years to ask SIPRI for, and the entity ids to keep (empty: every entity)."""

    from_year: int
    to_year: int
    supplier_ids: tuple[str, ...] = ()
    recipient_ids: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        from_year: int | None = None,
        to_year: int | None = None,
        suppliers: Sequence[str] = (),
        recipients: Sequence[str] = (),
        resolver: EntityResolver | None = None,
        this_year: int | None = None,
        year_labels: tuple[str, str] = ("--from-year", "--to-year"),
    ) -> FetchQuery:
        """A query from what a user typed: names resolved to entity ids, years checked.

        `year_labels` name the two years in error sentences as the user's form names them.
        """
        last = this_year or datetime.now(UTC).year
        first_year = FIRST_YEAR if from_year is None else from_year
        last_year = last if to_year is None else to_year
        first_label, last_label = year_labels
        for option, year in ((first_label, first_year), (last_label, last_year)):
            if not FIRST_YEAR <= year <= last:
                raise FetchError(
                    f"{option} {year} is outside SIPRI's years {FIRST_YEAR}-{last}; give a year in that range."
                )
        if first_year > last_year:
            raise FetchError(f"{first_label} {first_year} is after {last_label} {last_year}; swap them.")
        names = resolver or EntityResolver()
        return cls(
            from_year=first_year,
            to_year=last_year,
            supplier_ids=tuple(
                dict.fromkeys(names.resolve(s, field="supplier") for s in suppliers)
            ),
            recipient_ids=tuple(
                dict.fromkeys(names.resolve(r, field="recipient") for r in recipients)
            ),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.supplier_ids or self.recipient_ids)

    def describe(self) -> str:
        """'delivery years 2000-2001, suppliers: china' style summary."""
        text = f"delivery years {self.from_year}-{self.to_year}"
        if self.supplier_ids:
            text += f", suppliers: {', '.join(self.supplier_ids)}"
        if self.recipient_ids:
            text += f", recipients: {', '.join(self.recipient_ids)}"
        return text


def _empty_filter(name: str) -> dict[str, Any]:
    return {"field": name, "condition": "", "value1": "", "value2": "", "listData": []}


def request_body(query: FetchQuery, layout: str) -> dict[str, Any]:
    """The JSON body SIPRI's site sends for one layout (see the module docstring)."""
    filters: list[dict[str, Any]] = [
        {
            "field": "Delivery year",
            "condition": "contains",
            "value1": query.from_year,
            "value2": query.to_year,
            "listData": [],
        },
        _empty_filter("opendeals"),
    ]
    if layout == LAYOUT_DELIVERY:
        filters.append(_empty_filter("exportOption"))
    elif layout != LAYOUT_CLASSIC:
        raise ValueError(f"SIPRI's backend exports no {layout!r} layout")
    return {"filters": filters, "logic": "AND"}


def endpoint_url(base_url: str) -> str:
    """The export endpoint under `base_url`; a base that is not an http(s) address is an error."""
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            f"'{base_url}' is not an http(s) address; fix {_HINT_ADDRESS} "
            f"(the default is {Settings().sipri_base_url})."
        )
    return urllib.parse.urljoin(base_url if base_url.endswith("/") else base_url + "/", ENDPOINT)


# ---- progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchProgress:
    """One step of a fetch, for a progress display.

    `stage` is one of: request, retry, download, pause, check, snapshot, ingest, done.
    """

    stage: str
    message: str
    request: int = 0
    requests: int = 0
    bytes_received: int = 0
    bytes_expected: int | None = None

    @property
    def fraction(self) -> float | None:
        """Share of the current download received, where the server said how much is coming."""
        if not self.bytes_expected:
            return None
        return min(1.0, self.bytes_received / self.bytes_expected)

    def __str__(self) -> str:
        return self.message


ProgressCallback = Callable[[FetchProgress], None]


# ---- one request ----------------------------------------------------------------------------


@dataclass
class HttpAnswer:
    """One successful HTTP exchange, as received."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    started_at: str
    finished_at: str
    attempts: int


class _Retryable(Exception):
    """An attempt that failed in a way worth retrying; `error` is what to raise if none is left."""

    def __init__(self, error: FetchError, retry_after_s: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after_s = retry_after_s


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.hostname}:{port}"


def _wait(seconds: float, cancel: threading.Event | None) -> None:
    if seconds <= 0:
        return
    if cancel is None:
        time.sleep(seconds)
    elif cancel.wait(seconds):
        raise FetchCancelled("The fetch was cancelled; nothing was stored.")


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise FetchCancelled("The fetch was cancelled; nothing was stored.")


def post_json(
    url: str,
    body: bytes,
    options: FetchOptions,
    say: Callable[..., None],
    cancel: threading.Event | None = None,
) -> HttpAnswer:
    """The answer to POSTing `body`, retried with backoff on timeouts, 5xx and resets only."""
    opener = urllib.request.build_opener()  # one per call: no state shared between threads
    started = _now()
    attempts = 1 + max(0, options.retries)
    for attempt in range(1, attempts + 1):
        _check_cancel(cancel)
        try:
            status, final_url, headers, data = _attempt(opener, url, body, options, say, cancel)
        except _Retryable as failure:
            if attempt == attempts:
                raise failure.error from None
            delay = min(options.backoff_max_s, options.backoff_s * 2 ** (attempt - 1))
            if failure.retry_after_s is not None:
                delay = min(options.backoff_max_s, max(delay, failure.retry_after_s))
            say(
                "retry",
                f"{failure.error.message} Retrying in {delay:g} s (attempt {attempt + 1} of {attempts}).",
            )
            _wait(delay, cancel)
            continue
        return HttpAnswer(url, final_url, status, headers, data, started, _now(), attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _attempt(
    opener: urllib.request.OpenerDirector,
    url: str,
    body: bytes,
    options: FetchOptions,
    say: Callable[..., None],
    cancel: threading.Event | None,
) -> tuple[int, str, dict[str, str], bytes]:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": options.user_agent,
        },
    )
    host = _host(url)
    timeout_text = (
        f"SIPRI's backend at {host} did not answer within {options.timeout_s:g} s; try again "
        "later, or allow longer with --timeout."
    )
    reset_text = (
        f"The connection to {host} was cut before the answer was complete; try again later."
    )
    try:
        with opener.open(request, timeout=options.timeout_s) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            expected = _content_length(headers)
            if expected is not None and expected > options.max_response_bytes:
                raise _too_large(host, options)
            chunks: list[bytes] = []
            received = 0
            while True:
                _check_cancel(cancel)
                chunk = response.read(options.chunk_bytes)
                if not chunk:
                    break
                chunks.append(chunk)
                received += len(chunk)
                if received > options.max_response_bytes:
                    raise _too_large(host, options)
                say(
                    "download",
                    f"received {received / 1e6:.1f} MB",
                    bytes_received=received,
                    bytes_expected=expected,
                )
            return response.status, response.geturl(), headers, b"".join(chunks)
    except urllib.error.HTTPError as exc:
        with contextlib.closing(exc):
            detail = _error_detail(exc)
        status = exc.code
        if status >= 500:
            raise _Retryable(
                FetchHTTPError(
                    f"SIPRI's backend at {host} answered HTTP {status} {exc.reason}{detail}: its server "
                    "is having trouble; try again later.",
                    status,
                ),
                _retry_after(exc.headers),
            ) from None
        advice = {
            404: f"the address is wrong or SIPRI has moved its backend; check {_HINT_ADDRESS}, or {_HINT_BY_HAND}",
            429: "SIPRI asks for fewer requests; wait a few minutes before fetching again",
        }.get(
            status, f"SIPRI may have changed its backend; check {_HINT_ADDRESS}, or {_HINT_BY_HAND}"
        )
        raise FetchHTTPError(
            f"SIPRI's backend at {host} answered HTTP {status} {exc.reason}{detail}; {advice}.",
            status,
        ) from None
    except urllib.error.URLError as exc:
        raise _network_error(exc.reason, url, host, timeout_text, reset_text) from None
    except (OSError, http.client.HTTPException) as exc:
        raise _network_error(exc, url, host, timeout_text, reset_text) from None


def _network_error(
    reason: object, url: str, host: str, timeout_text: str, reset_text: str
) -> Exception:
    """Our error (or a _Retryable one) for what urllib or the socket raised."""
    if isinstance(reason, TimeoutError):
        return _Retryable(FetchTimeoutError(timeout_text))
    if isinstance(reason, (ConnectionResetError, http.client.IncompleteRead)):
        return _Retryable(FetchNetworkError(reset_text))
    if isinstance(reason, socket.gaierror):
        name = urllib.parse.urlsplit(url).hostname
        return FetchNetworkError(
            f"Cannot find the host '{name}' (the DNS lookup failed): check your internet "
            f"connection, and {_HINT_ADDRESS}."
        )
    if isinstance(reason, ConnectionRefusedError):
        return FetchNetworkError(
            f"Could not connect to {host} (connection refused): check your internet connection "
            f"and {_HINT_ADDRESS}, then try again."
        )
    if isinstance(reason, http.client.HTTPException):
        return FetchResponseError(
            f"{host} did not answer in HTTP ({reason.__class__.__name__}); check {_HINT_ADDRESS}."
        )
    if isinstance(reason, ssl.SSLError):
        return FetchNetworkError(
            f"The secure connection to {host} failed ({reason.__class__.__name__}): check the "
            "computer's clock and certificates, or a proxy that intercepts HTTPS."
        )
    text = getattr(reason, "strerror", None) or str(reason)
    return FetchNetworkError(
        f"Could not reach {host} ({text}): check your internet connection and {_HINT_ADDRESS}."
    )


def _too_large(host: str, options: FetchOptions) -> FetchResponseError:
    return FetchResponseError(
        f"SIPRI's backend at {host} sent more than {options.max_response_bytes // 1_000_000} MB, "
        f"far more than any SIPRI export; check {_HINT_ADDRESS}."
    )


def _content_length(headers: dict[str, str]) -> int | None:
    value = headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _retry_after(headers: Any) -> float | None:
    value = (headers.get("Retry-After") if headers is not None else None) or ""
    return float(value) if value.strip().isdigit() else None


def _error_detail(exc: urllib.error.HTTPError) -> str:
    """' ("detail")' from a short JSON or text error body, else ''."""
    try:
        raw = exc.read(2048)
    except (OSError, http.client.HTTPException):
        return ""
    try:
        parsed = json.loads(raw)
        text = (
            str(parsed.get("detail") or parsed.get("message") or "")
            if isinstance(parsed, dict)
            else ""
        )
    except (ValueError, UnicodeDecodeError):
        text = ""
    text = " ".join(text.split())[:200]
    return f' ("{text}")' if text else ""


# ---- reading an answer ----------------------------------------------------------------------


def export_csv(answer: HttpAnswer, layout: str) -> tuple[bytes, RawExport]:
    """The CSV inside the backend's answer and its reading, checked to be an export of `layout`."""
    where = f"SIPRI's backend at {_host(answer.url)}"
    body = answer.body
    content_type = answer.headers.get("content-type", "").lower()
    head = body.lstrip()[:512].lower()
    if "html" in content_type or head.startswith((b"<!doctype", b"<html")) or b"<html" in head:
        moved = f" (redirected to {answer.final_url})" if answer.final_url != answer.url else ""
        raise FetchResponseError(
            f"{where} answered with a web page (HTML) instead of JSON{moved}, so its address or "
            f"interface has changed; check {_HINT_ADDRESS}, or {_HINT_BY_HAND}."
        )
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        at = f" at character {exc.pos}" if isinstance(exc, json.JSONDecodeError) else ""
        raise FetchResponseError(
            f"{where} answered with {len(body)} bytes that are not valid JSON{at} (a cut-off or "
            f"garbled answer); try again, and if it persists {_HINT_BY_HAND}."
        ) from None
    if not isinstance(parsed, dict) or "bytes" not in parsed:
        keys = (
            ", ".join(sorted(map(str, parsed)))
            if isinstance(parsed, dict)
            else type(parsed).__name__
        )
        raise FetchResponseError(
            f"{where} answered with JSON without the 'bytes' field that holds the export (found: "
            f"{keys or 'nothing'}), so its interface has changed; {_HINT_BY_HAND}."
        )
    payload = parsed["bytes"]
    try:
        if not isinstance(payload, str):
            raise ValueError("not a string")
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise FetchResponseError(
            f"{where} answered with a 'bytes' field that is not valid base64; try again, and if "
            f"it persists {_HINT_BY_HAND}."
        ) from None
    name = f"the CSV inside the answer of {where}"
    try:
        decode_text(data, name)
    except InputFileError as exc:
        raise FetchResponseError(
            f"{where} answered with an export that does not decode as CSV text ({exc.problem}); "
            f"try again, and if it persists {_HINT_BY_HAND}."
        ) from None
    try:
        export = read_export(data, name)
    except InputFileError as exc:
        raise FetchResponseError(
            f"{where} answered with a CSV whose header or records this version does not know "
            f"(line {exc.line or '?'}: {exc.problem}); SIPRI may have changed its export: {_HINT_BY_HAND}."
        ) from None
    if export.layout != layout:
        raise FetchResponseError(
            f"{where} answered with a {LAYOUT_NAMES[export.layout]} where a {LAYOUT_NAMES[layout]} "
            f"was asked for, so the meaning of its filters has changed; {_HINT_BY_HAND}."
        )
    return data, export


def filter_records(
    data: bytes, export: RawExport, query: FetchQuery, resolver: EntityResolver
) -> tuple[bytes, int, int]:
    """(CSV with only the records of the query's suppliers and recipients, records kept, records read).

    The preamble, header and kept records are SIPRI's bytes unchanged, so the result reads exactly
    as SIPRI's own export would. Records the reader rejects are dropped with the others.
    """
    if not query.is_filtered:
        return data, export.records_read, export.records_read
    frame = export.frame
    ids, _ = resolver.classify_names([*frame["supplier"], *frame["recipient"]])
    keep = frame["supplier"].map(ids).isin(query.supplier_ids) if query.supplier_ids else True
    if query.recipient_ids:
        keep = keep & frame["recipient"].map(ids).isin(query.recipient_ids)
    kept_starts = (
        set(frame.loc[keep, "source_line"].tolist())
        if query.is_filtered
        else set(frame["source_line"])
    )
    starts = sorted(set(frame["source_line"].tolist()) | {line for line, _ in export.rejected})
    # Line numbers count "\n" only, as the reader does, so byte lines match its lines.
    lines = data.split(b"\n")
    out = lines[: export.header_line]
    for start, end in zip(starts, [*starts[1:], len(lines) + 1], strict=True):
        if start in kept_starts:
            out.extend(lines[start - 1 : end - 1])
    text = b"\n".join(out)
    if data.endswith(b"\n") and not text.endswith(b"\n"):
        text += b"\n"
    return text, len(kept_starts), export.records_read


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


# ---- reading snapshots back -----------------------------------------------------------------


def snapshot_folders(settings: Settings) -> list[Path]:
    """Snapshot folders in the store, oldest first (unfinished ones are hidden and skipped)."""
    root = Path(settings.store_dir) / SNAPSHOTS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_snapshot(folder: Path) -> dict[str, Any]:
    """A snapshot's provenance, after checking every response file against its sha256."""
    path = Path(folder) / SNAPSHOT_FILE
    try:
        provenance = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(
            f"{path}: this snapshot's provenance cannot be read ({exc.__class__.__name__}); "
            "delete the folder and fetch again"
        ) from None
    for request in provenance.get("requests", []):
        response = Path(folder) / request["response_file"]
        try:
            digest = _sha256(response.read_bytes())
        except OSError:
            raise StoreError(
                f"{response}: this snapshot file is missing; delete {folder} and fetch again"
            ) from None
        if digest != request["response_sha256"]:
            raise StoreError(
                f"{response}: this snapshot file was changed since it was fetched (its sha256 "
                f"differs from {SNAPSHOT_FILE}); delete {folder} and fetch again"
            )
    return provenance
