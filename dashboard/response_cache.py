"""Answers of pure callbacks, kept per worker: the same request over the same store generation
gets the same bytes without running the callback again.

A callback is pure when its answer depends only on what the request carries (its inputs and
states, the page's address among them) and on the store: the pair page's view and register, the
profile, compare and flows views. A page declares its pure callbacks by one output of each
(`pure("tiv-chart.figure")`); nothing else is ever kept, so the Data page, fetch, uploads,
downloads and the check page (which stores pasted texts) always run.

The key is the request body's SHA-256 with the store's manifest (its modification time, size and
inode: a new ingest or removal writes a new manifest) and the day (citations name the day they
were retrieved). Only a 200 answer that shows no error is kept; the answers are held in a
least-recently-used store bounded by bytes (`MAX_BYTES` per worker), before compression, so the
response still goes through the app's compression and security headers.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path

import dash
from flask import Flask, Response, current_app, g, request

CALLBACK_PATH = "/_dash-update-component"
MAX_BYTES = 8 * 1024 * 1024
# An answer larger than this is not kept (one view should never take the whole store's room).
MAX_ANSWER_BYTES = 512 * 1024
_PURE: set[str] = set()
_STORE_KEY = "ARMS_EXPLORER_RESPONSE_CACHE"


def pure(*outputs: str) -> None:
    """Declares the callbacks with these outputs ("component.property") as pure."""
    _PURE.update(outputs)


def outputs_of(output: str) -> list[str]:
    """The "component.property" names of a callback request's `output` ("..a.b...c.d.." when
    the callback has several outputs, "a.b" when it has one)."""
    if output.startswith("..") and output.endswith(".."):
        return output[2:-2].split("...")
    return [output]


class AnswerStore:
    """Least-recently-used answers bounded by their total size in bytes (thread-safe)."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: str, body: bytes) -> None:
        if len(body) > min(MAX_ANSWER_BYTES, self.max_bytes):
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes -= len(old or b"")
            self._items[key] = body
            self._bytes += len(body)
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)

    @property
    def size_bytes(self) -> int:
        return self._bytes


def install(app: dash.Dash, store_dir: Path) -> AnswerStore:
    """Serves and keeps pure callbacks' answers on `app`'s server; returns the store (for tests)."""
    server: Flask = app.server
    answers = AnswerStore()
    server.config[_STORE_KEY] = answers
    manifest = Path(store_dir) / "manifest.json"

    def key_of() -> str | None:
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
            return None
        body = request.get_data(cache=True)
        try:
            output = str(json.loads(body).get("output", ""))
        except (ValueError, AttributeError):
            return None  # Dash and the guards answer malformed requests
        if _PURE.isdisjoint(outputs_of(output)):
            return None
        try:
            stat = manifest.stat()
            generation = f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"
        except OSError:
            generation = "none"
        digest = hashlib.sha256(body).hexdigest()
        return f"{generation}|{date.today().isoformat()}|{request.path}|{digest}"

    def lookup() -> Response | None:
        key = key_of()
        if key is None:
            return None
        found = answers.get(key)
        if found is not None:
            return Response(found, status=200, mimetype="application/json")
        g.response_cache_key = key
        return None

    def keep(response: Response) -> Response:
        key = g.pop("response_cache_key", None)
        if (key is not None and response.status_code == 200 and response.mimetype == "application/json"
                and not response.direct_passthrough and "Content-Encoding" not in response.headers):
            body = response.get_data()
            if b"alert-error" not in body:
                answers.put(key, body)
        return response

    server.before_request(lookup)
    server.after_request(keep)
    return answers


def answers_of(server: Flask | None = None) -> AnswerStore | None:
    """The running app's answer store (None outside an app with one)."""
    return (server or current_app).config.get(_STORE_KEY)
