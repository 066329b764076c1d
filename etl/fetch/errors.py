"""Fetch errors: one sentence each, naming what to do."""

from __future__ import annotations

from etl.errors import ArmsExplorerError

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
