"""One request to SIPRI's backend: retries, waits, cancel, size limits, each failure as one sentence."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from etl.fetch.errors import (
    FetchCancelled,
    FetchError,
    FetchHTTPError,
    FetchNetworkError,
    FetchResponseError,
    FetchTimeoutError,
)
from etl.fetch.query import _HINT_ADDRESS, _HINT_BY_HAND, FetchOptions

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
    return int(value) if value.isascii() and value.isdigit() else None


def _retry_after(headers: Any) -> float | None:
    value = (headers.get("Retry-After") if headers is not None else None) or ""
    return float(value) if value.strip().isascii() and value.strip().isdigit() else None


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
