"""Settings that change behaviour, in one frozen object (no literals scattered in code)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from etl.errors import ArmsExplorerError

SIPRI_CREDIT = "Source: SIPRI Arms Transfers Database (c) SIPRI"
SIPRI_DB_URL = "https://www.sipri.org/databases/armstransfers"
SIPRI_METHODS_URL = "https://www.sipri.org/databases/armstransfers/sources-and-methods"
TIV_UNIT_LABEL = "TIV (millions)"
TIV_EXPLANATION = (
    "TIV (SIPRI trend-indicator value) measures the volume of transfers of major conventional "
    "weapons, not their financial value; figures are in millions of TIV."
)


@dataclass(frozen=True)
class Settings:
    """Behaviour-changing parameters; build one with `Settings.from_env()`."""

    store_dir: Path = field(default_factory=lambda: Path(user_data_dir("arms-explorer")) / "store")
    # SIPRI publishes its annual update each March: an export generated before this month
    # belongs to the previous year's release.
    release_cutoff_month: int = 3
    # Figures in SIPRI's TIV tables are rounded from more precise values than it exports.
    tiv_table_tolerance_m: float = 0.5
    # Uploads larger than this are refused before reading (a full SIPRI register is ~4 MB).
    max_upload_bytes: int = 50 * 1024 * 1024
    # Files given to `arms-explorer ingest` larger than this are refused before reading.
    max_input_bytes: int = 500 * 1024 * 1024
    # A file generated more than this many days after every other file of its release is a later
    # export: accepted, with a warning that says which records it replaces.
    late_file_days: int = 60
    # Previous store generations kept so readers in flight never see a missing file.
    generations_kept: int = 2
    sipri_base_url: str = "https://atbackend.sipri.org/api/p/"
    # The fetch client's waits and retries (etl.fetch.FetchOptions; the CLI's options override
    # them). SIPRI takes 10 to 40 s to build an export; tests set the waits to 0.
    fetch_timeout_s: float = 120.0
    fetch_retries: int = 2
    fetch_backoff_s: float = 5.0
    fetch_pause_s: float = 5.0

    @classmethod
    def from_env(cls, store_dir: str | Path | None = None) -> Settings:
        """Settings with the store folder from the argument, then ARMS_EXPLORER_STORE, then the default."""
        kwargs: dict[str, object] = {}
        chosen = store_dir or os.environ.get("ARMS_EXPLORER_STORE")
        if chosen:
            kwargs["store_dir"] = Path(chosen).expanduser()
        url = os.environ.get("ARMS_EXPLORER_SIPRI_URL")
        if url:
            kwargs["sipri_base_url"] = url
        for name, variable, kind in _FETCH_ENV:
            text = os.environ.get(variable)
            if text:
                kwargs[name] = _number_from_env(variable, text, kind)
        return cls(**kwargs)  # type: ignore[arg-type]


# Settings of the fetch client that the environment can set: (field, variable, type).
_FETCH_ENV: tuple[tuple[str, str, type[int] | type[float]], ...] = (
    ("fetch_timeout_s", "ARMS_EXPLORER_FETCH_TIMEOUT", float),
    ("fetch_retries", "ARMS_EXPLORER_FETCH_RETRIES", int),
    ("fetch_backoff_s", "ARMS_EXPLORER_FETCH_BACKOFF", float),
    ("fetch_pause_s", "ARMS_EXPLORER_FETCH_PAUSE", float),
)


def _number_from_env(variable: str, text: str, kind: type[int] | type[float]) -> int | float:
    """The variable's value as a number of `kind`; ArmsExplorerError with a sentence otherwise."""
    try:
        value = kind(text)
    except ValueError:
        value = -1
    if value < 0 or value != value:  # negative, or NaN
        what = "a whole number" if kind is int else "a number of seconds"
        raise ArmsExplorerError(f"{variable}={text!r} is not {what} (0 or more); fix or unset it.")
    return value
