"""Answers of pure callbacks, kept per worker and shared between workers: the same request over
the same store generation gets the same bytes without running the callback again.

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

Behind each worker's memory sits one on-disk store that every worker of the server reads
(`SharedAnswers`, diskcache: SQLite-indexed files, safe across processes and bounded by size),
so a view one worker answered is not computed again by the other: on a team server a colleague's
link lands on either worker. It lives in the user's cache folder, one folder per store, or where
ARMS_EXPLORER_ANSWER_CACHE says ("off": memory only). The key also names this code and the
server's ARMS_EXPLORER_ settings (a public address changes the citations), so a second server
over the same store, or an upgrade, never reads another's answers. A cache that cannot be opened
or written is skipped with one warning: answers are then computed, never refused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path

import dash
from flask import Flask, Response, current_app, g, request

LOG = logging.getLogger(__name__)
CALLBACK_PATH = "/_dash-update-component"
MAX_BYTES = 8 * 1024 * 1024
# The on-disk store every worker shares, per store (diskcache evicts the oldest beyond it).
SHARED_BYTES = 128 * 1024 * 1024
SHARED_ENV = "ARMS_EXPLORER_ANSWER_CACHE"
# An answer larger than this is not kept (one view should never take the whole store's room).
MAX_ANSWER_BYTES = 512 * 1024
_PURE: set[str] = set()
_STORE_KEY = "ARMS_EXPLORER_RESPONSE_CACHE"
_SHARED_KEY = "ARMS_EXPLORER_SHARED_ANSWERS"


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


class SharedAnswers:
    """The answers every worker of a server reads and writes (a diskcache folder); every fault
    of it (a full disk, a locked or damaged database) is a miss, never an error for the user."""

    def __init__(self, folder: Path, max_bytes: int = SHARED_BYTES) -> None:
        import diskcache

        self.folder = folder
        # timeout: seconds SQLite waits for another worker's write before the call gives up (a miss)
        self._cache = diskcache.Cache(str(folder), size_limit=max_bytes, timeout=0.25,
                                      eviction_policy="least-recently-stored")
        self.hits = 0
        self._warned = False

    def get(self, key: str) -> bytes | None:
        try:
            found = self._cache.get(key)
        except Exception as exc:  # noqa: BLE001 - diskcache.Timeout, sqlite3 and OS errors alike
            self._warn(exc)
            return None
        if isinstance(found, bytes):
            self.hits += 1
            return found
        return None

    def put(self, key: str, body: bytes) -> None:
        if len(body) > MAX_ANSWER_BYTES:
            return
        try:
            self._cache.set(key, body)
        except Exception as exc:  # noqa: BLE001 - as in get
            self._warn(exc)

    def _warn(self, exc: Exception) -> None:
        if not self._warned:
            self._warned = True
            LOG.warning("%s: the shared answer cache failed (%s: %s); answers are computed instead",
                        self.folder, exc.__class__.__name__, exc)


def shared_folder(store_dir: Path) -> Path | None:
    """Where the workers over `store_dir` share answers (None: ARMS_EXPLORER_ANSWER_CACHE=off)."""
    chosen = os.environ.get(SHARED_ENV, "").strip()
    if chosen.lower() in {"off", "0", "no", "false"}:
        return None
    if chosen:
        base = Path(chosen).expanduser()
    else:
        from platformdirs import user_cache_dir

        base = Path(user_cache_dir("arms-explorer")) / "answers"
    store = hashlib.sha256(str(Path(store_dir).expanduser().resolve()).encode("utf-8")).hexdigest()[:16]
    return base / store


def open_shared(store_dir: Path) -> SharedAnswers | None:
    folder = shared_folder(store_dir)
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return SharedAnswers(folder)
    except Exception as exc:  # noqa: BLE001 - an unwritable folder or a damaged database: memory only
        LOG.warning("%s: no shared answer cache (%s: %s); each worker keeps its own answers",
                    folder, exc.__class__.__name__, exc)
        return None


def server_identity() -> str:
    """What an answer depends on besides the request and the store: this code (its files' sizes
    and modification times), Dash's version and the server's ARMS_EXPLORER_ settings."""
    here = Path(__file__).resolve().parents[1]
    parts = [dash.__version__]
    for package in ("dashboard", "etl"):
        for path in sorted((here / package).rglob("*")):
            if path.suffix in {".py", ".csv", ".j2", ".json"}:
                stat = path.stat()
                parts.append(f"{path.relative_to(here)}:{stat.st_size}:{stat.st_mtime_ns}")
    parts += sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("ARMS_EXPLORER_"))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def install(app: dash.Dash, store_dir: Path) -> AnswerStore:
    """Serves and keeps pure callbacks' answers on `app`'s server; returns the store (for tests)."""
    server: Flask = app.server
    answers = AnswerStore()
    server.config[_STORE_KEY] = answers
    manifest = Path(store_dir) / "manifest.json"
    shared = open_shared(Path(store_dir))
    server.config[_SHARED_KEY] = shared
    identity = server_identity()

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
        return f"{identity}|{generation}|{date.today().isoformat()}|{request.path}|{digest}"

    def lookup() -> Response | None:
        key = key_of()
        if key is None:
            return None
        found = answers.get(key)
        if found is None and shared is not None:
            found = shared.get(key)
            if found is not None:
                answers.put(key, found)
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
                if shared is not None:
                    shared.put(key, body)
        return response

    server.before_request(lookup)
    server.after_request(keep)
    return answers


def answers_of(server: Flask | None = None) -> AnswerStore | None:
    """The running app's answer store (None outside an app with one)."""
    return (server or current_app).config.get(_STORE_KEY)


def shared_of(server: Flask | None = None) -> SharedAnswers | None:
    """The running app's shared answer store (None when there is none)."""
    return (server or current_app).config.get(_SHARED_KEY)
