"""What to ask SIPRI's backend for: the options, the query, the request body and the address; progress."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from etl.config import Settings
from etl.entities import EntityResolver
from etl.fetch.errors import FetchError
from etl.formats.export import (
    LAYOUT_CLASSIC,
    LAYOUT_DELIVERY,
)

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
