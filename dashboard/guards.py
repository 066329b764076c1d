"""What every response of the app carries, and what an error may show or log.

- Security headers on every response: a Content-Security-Policy under which Dash works (scripts
  only from this server, plus the hashes of the inline scripts the index page itself holds; no
  eval), `frame-ancestors 'none'` and `X-Frame-Options: DENY` (no other site frames a page: the
  Data page's controls least of all), `nosniff`, and a referrer that never leaves the site.
- Errors: no response ever holds a traceback. A known error (ArmsExplorerError) answers with its
  sentence and is one line in the log; a request that is not a callback of this app is 400 and
  one line; an unknown error writes its traceback the first time it happens at a place, one line
  after that, so no stream of requests can fill the log with tracebacks.
- One error boundary for the pages (`page_error_boundary`, Dash's `on_error`): a callback that
  raises leaves its outputs as they were and shows, above the page, the error's sentence
  (ArmsExplorerError) or `UNKNOWN_ERROR` (anything else), logged as above. A page's own
  `except ArmsExplorerError` shows the sentence where it belongs; the boundary catches the rest.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import traceback
from typing import Any

import dash
from flask import Response, current_app, request
from werkzeug.exceptions import BadRequest, HTTPException

from dashboard.components import alert
from etl.errors import ArmsExplorerError

LOG = logging.getLogger("dashboard.server")

# plotly.js writes <style> elements and style attributes, so styles allow inline; scripts do not.
# data:/blob: images are plotly's PNG export and Dash's upload previews.
_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Inline scripts that run (Dash's renderer start, clientside callbacks); the JSON config does not.
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
CALLBACK_PATH = "_dash-update-component"
# Distinct places whose traceback was logged; past this many, every unknown error is one line.
_MAX_PLACES = 200
_PLACES_KEY = "ARMS_EXPLORER_LOGGED_PLACES"
# The one sentence an error we did not foresee shows (its traceback goes to the log only).
UNKNOWN_ERROR = "Internal server error; it has been logged. Please report what you did."
# Where the pages' error boundary writes its sentence (in the app's layout, above every page).
PAGE_ERROR_ID = "page-error"


class RequestBudgetExceeded(ArmsExplorerError):
    """A request stopped by the team server's per-request budget (dashboard/gunicorn.conf.py)."""

    http_status = 503

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"This request took more than {seconds:g} s, the server's limit for one request, and was "
            "stopped; ask for less (one pair, fewer years, a shorter text) and try again."
        )


def install(app: dash.Dash) -> None:
    """Adds the headers, the callback-request check and the error handler to `app`'s server."""
    server = app.server
    server.config[_PLACES_KEY] = set()
    server.before_request(lambda: _check_callback_request(app))
    server.after_request(_with_headers)
    server.register_error_handler(Exception, _error_response)


def policy(script_hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The Content-Security-Policy, allowing the inline scripts of the given hashes."""
    directives = dict(_POLICY)
    if script_hashes:
        directives["script-src"] = " ".join(["'self'", *script_hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def inline_script_hashes(page: bytes) -> list[str]:
    """CSP hashes of the inline scripts an HTML page runs."""
    return sorted({f"'sha256-{base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode()}'"
                   for m in _INLINE_SCRIPT.finditer(page)})


def _with_headers(response: Response) -> Response:
    hashes: list[str] = []
    if (response.mimetype == "text/html" and not response.direct_passthrough
            and "Content-Encoding" not in response.headers):
        hashes = inline_script_hashes(response.get_data())
    response.headers["Content-Security-Policy"] = policy(hashes)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _check_callback_request(app: dash.Dash) -> Any:
    """400 for a POST to the callback route that names no callback of this app (before Dash parses it)."""
    if request.method != "POST" or not request.path.endswith("/" + CALLBACK_PATH):
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        body = {}
    output = body.get("output")
    if not isinstance(output, str) or output not in app.callback_map or not isinstance(body.get("inputs"), list):
        LOG.warning("400 %s %s: not a callback request of this app", request.method, request.path)
        return Response("Not a callback request of this app.", status=400, mimetype="text/plain")
    return None


def _error_response(exc: Exception) -> Any:
    if isinstance(exc, HTTPException):
        if isinstance(exc, BadRequest) and exc.code == 400:
            LOG.warning("400 %s %s: %s", request.method, request.path, exc.description)
        return exc
    status, sentence = logged_sentence(exc)
    return Response(sentence, status=status, mimetype="text/plain")


def logged_sentence(exc: Exception) -> tuple[int, str]:
    """The HTTP status and the one sentence a user sees for `exc`, logged once: a known error as
    one line, an unknown one with its traceback the first time at its place, one line after."""
    if isinstance(exc, ArmsExplorerError):
        status = getattr(exc, "http_status", 500)
        LOG.warning("%d %s %s: %s: %s", status, request.method, request.path, type(exc).__name__, exc.message)
        return status, exc.message
    place = _place(exc)
    places: set[str] = current_app.config.setdefault(_PLACES_KEY, set())
    line = f"500 {request.method} {request.path}: {place}: {str(exc)[:200]!r}"
    if place not in places and len(places) < _MAX_PLACES:
        places.add(place)
        LOG.error(line, exc_info=exc)
    else:
        LOG.error("%s (traceback logged before)", line)
    return 500, UNKNOWN_ERROR


def page_error_boundary(exc: Exception) -> None:
    """Dash's `on_error` for every callback of the app: the error's one sentence above the page
    (never a traceback), the callback's outputs left as they were, the error logged once."""
    _, sentence = logged_sentence(exc)
    dash.set_props(PAGE_ERROR_ID, {"children": alert(sentence)})


def _place(exc: BaseException) -> str:
    """'KeyError@file.py:123': the exception's type and the innermost frame that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    return f"{type(exc).__name__}@{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"

