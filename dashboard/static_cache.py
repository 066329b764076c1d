"""Static files with cache lifetimes the browser can trust, compressed once per process.

What the installed Dash does (checked on Dash 4.4): scripts named in the page's HTML are
fingerprinted in the URL (`dash_renderer.v4_4_1m1796126256.min.js`) and sent with
`max-age=31536000`; `/assets/*` carry Dash's `?m=<mtime>` cache-buster but are sent `no-cache`,
so every view revalidates them; the chunks dcc loads on demand (`async-graph.js`,
`async-dropdown.js`, dash_table's) and plotly.js itself (`plotly/package_data/plotly.min.js`,
4.6 MB) are requested by webpack without any fingerprint and sent with no lifetime at all. Dash
answers their revalidation only after reading the file and hashing it, and flask-compress then
compresses all 4.6 MB again before it can answer 304.

Here:
- a URL that names its version (Dash's fingerprint, `?m=` or `?v=`) is `public, max-age=1 year,
  immutable`: a new file gets a new URL;
- a file without one (the on-demand chunks, plotly.js) keeps its URL across upgrades, so it gets a
  day (`UNVERSIONED_MAX_AGE_S`) and a cheap validator (package version, file mtime and size): a
  revalidation is answered 304 before the file is read or compressed;
- flask-compress keeps the compressed bytes of these files (only these: never a callback's
  answer or a page), so each is compressed once per process and encoding.
"""

from __future__ import annotations

import os
import sys

import dash
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request
from flask_compress import Compress

YEAR_S = 31_536_000
UNVERSIONED_MAX_AGE_S = 86_400
SUITES = "/_dash-component-suites/"
IMMUTABLE = f"public, max-age={YEAR_S}, immutable"
UNVERSIONED = f"public, max-age={UNVERSIONED_MAX_AGE_S}"


class CompressedOnce:
    """flask-compress's cache backend: keeps only the keys `cache_key` marks as a static file
    (their number is bounded by the files Dash registers times the encodings)."""

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.split(";", 1)[-1].startswith("static:") and value:
            self._data[key] = value


def install(app: dash.Dash) -> None:
    """Cache headers, cheap revalidation and compress-once for `app`'s static files."""
    server: Flask = app.server
    compress = next((getattr(f, "__self__", None) for f in server.after_request_funcs.get(None, [])
                     if isinstance(getattr(f, "__self__", None), Compress)), None)
    if compress is not None:
        compress.cache = CompressedOnce()
        compress.cache_key = lambda req: _cache_key(app)

    @server.before_request
    def _not_modified() -> Response | None:
        validator = _validator(app)
        if validator is None or request.method not in ("GET", "HEAD"):
            return None
        asked = request.headers.get("If-None-Match", "")
        if any(_base_tag(tag) == validator for tag in asked.split(",")):
            response = Response(status=304)
            response.headers["ETag"] = f'"{validator}"'
            response.headers["Cache-Control"] = _lifetime()
            return response
        return None

    # Registered after flask-compress's, so it runs before it (Flask runs these last-registered first).
    @server.after_request
    def _cache_headers(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
            return response
        path = request.path
        if path.startswith(SUITES) or path == "/_favicon.ico" or path.startswith("/assets/"):
            lifetime = _lifetime()
            if lifetime == UNVERSIONED and path.startswith("/assets/"):
                return response  # an asset fetched without Dash's ?m=: Flask's own revalidation
            response.headers["Cache-Control"] = lifetime
            validator = _validator(app)
            if validator is not None:
                response.set_etag(validator)
        return response


def _lifetime() -> str:
    """`IMMUTABLE` where the URL names the file's version, else `UNVERSIONED`."""
    if request.args.get("m") or request.args.get("v"):
        return IMMUTABLE
    if request.path.startswith(SUITES) and check_fingerprint(request.path)[1]:
        return IMMUTABLE
    return UNVERSIONED


def _validator(app: dash.Dash) -> str | None:
    """A component-suite file's validator from its package version, mtime and size (no read);
    None for anything else, or a path Dash has not registered."""
    if not request.path.startswith(SUITES):
        return None
    parts = request.path[len(SUITES):].split("/", 1)
    if len(parts) != 2:
        return None
    package, fingerprinted = parts
    path, _ = check_fingerprint(fingerprinted)
    module = sys.modules.get(package)
    if module is None or path not in app.registered_paths.get(package, set()) or ".." in path.split("/"):
        return None
    try:
        found = os.stat(os.path.join(os.path.dirname(str(module.__file__)), path))
    except OSError:
        return None
    version = str(getattr(module, "__version__", "0"))
    return f"{package}-{version}-{found.st_mtime_ns}-{found.st_size}".replace('"', "")


def _base_tag(tag: str) -> str:
    """An If-None-Match entry without W/, quotes and flask-compress's ':zstd' suffix."""
    tag = tag.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    return tag.strip('"').split(":", 1)[0]


def _cache_key(app: dash.Dash) -> str:
    """flask-compress's cache key: the file and its validator for static files, else not cached."""
    if request.method != "GET":
        return "dynamic"
    validator = _validator(app)
    if validator is not None:
        return f"static:{request.path}:{validator}"
    if request.path == "/_favicon.ico":
        return f"static:{request.path}?{request.query_string.decode('latin-1')}"
    return "dynamic"
