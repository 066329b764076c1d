"""Who may change the store from the dashboard (Data page uploads, fetch from SIPRI).

The team server is read-only for data unless its admin allows uploads
(`ARMS_EXPLORER_ALLOW_UPLOADS=1`) or sets `ARMS_EXPLORER_ADMIN_TOKEN`: then a browser that gave
the Data page that token carries a cookie (an HMAC of the token, never the token itself;
HttpOnly, SameSite=Strict) and only its requests may change the store. Every callback that
changes the store asks `may_change_store` on the server: hiding the controls is not the gate.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from flask import has_request_context, request

from etl.config import Settings

ADMIN_COOKIE = "arms_explorer_admin"
READ_ONLY = (
    "This server is read-only for data: its admin enables uploads and fetch from SIPRI here by "
    "starting it with ARMS_EXPLORER_ALLOW_UPLOADS=1 (or with ARMS_EXPLORER_ADMIN_TOKEN set, "
    "giving you that token), or adds SIPRI's files with `arms-explorer ingest`."
)
ASK_TOKEN = (
    "Adding files to this server's store and fetching from SIPRI need the admin token its admin "
    "set (ARMS_EXPLORER_ADMIN_TOKEN); everything else works without it."
)
WRONG_TOKEN = "That is not this server's admin token; ask the server's admin for it."

LOG = logging.getLogger("dashboard.access")


def cookie_value(token: str) -> str:
    """What the admin cookie holds for `token`: a keyed hash, so the cookie never shows the token."""
    return hmac.new(token.encode("utf-8"), b"arms-explorer admin cookie", hashlib.sha256).hexdigest()


def token_matches(settings: Settings, given: object) -> bool:
    """Whether `given` is the configured admin token (compared in constant time)."""
    if not settings.admin_token or not isinstance(given, str):
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), settings.admin_token.encode("utf-8"))


def may_change_store(settings: Settings) -> bool:
    """Whether the current request may add to the store."""
    if settings.allow_uploads:
        return True
    if not settings.admin_token or not has_request_context():
        return False
    given = request.cookies.get(ADMIN_COOKIE, "")
    return hmac.compare_digest(given.encode("utf-8"), cookie_value(settings.admin_token).encode("utf-8"))


def refused(what: str) -> str:
    """The sentence a refused request gets; the refusal is logged as one line."""
    LOG.warning("refused %s: the server is read-only for data", what)
    return READ_ONLY
