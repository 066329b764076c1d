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
    # Whether the dashboard may change the store (Data page uploads, fetch from SIPRI). Settings
    # made in code allow it (a researcher's own script, tests; `serve` on 127.0.0.1 unless
    # --read-only); from the environment (the team server, `gunicorn dashboard.app:server`)
    # only with ARMS_EXPLORER_ALLOW_UPLOADS=1, or for a browser that gave the Data page
    # `admin_token`.
    allow_uploads: bool = True
    admin_token: str = field(default="", repr=False)

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
        kwargs["allow_uploads"] = _flag_from_env("ARMS_EXPLORER_ALLOW_UPLOADS")
        token = os.environ.get("ARMS_EXPLORER_ADMIN_TOKEN", "").strip()
        if token:
            if len(token) < MIN_ADMIN_TOKEN_CHARS:
                raise ArmsExplorerError(
                    f"ARMS_EXPLORER_ADMIN_TOKEN is {len(token)} characters; use {MIN_ADMIN_TOKEN_CHARS} characters or more (e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)."
                )
            kwargs["admin_token"] = token
        return cls(**kwargs)  # type: ignore[arg-type]


# Settings of the fetch client that the environment can set: (field, variable, type).
_FETCH_ENV: tuple[tuple[str, str, type[int] | type[float]], ...] = (
    ("fetch_timeout_s", "ARMS_EXPLORER_FETCH_TIMEOUT", float),
    ("fetch_retries", "ARMS_EXPLORER_FETCH_RETRIES", int),
    ("fetch_backoff_s", "ARMS_EXPLORER_FETCH_BACKOFF", float),
    ("fetch_pause_s", "ARMS_EXPLORER_FETCH_PAUSE", float),
)


# A token someone can guess is no gate: a shorter ARMS_EXPLORER_ADMIN_TOKEN is refused.
MIN_ADMIN_TOKEN_CHARS = 16
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def _flag_from_env(variable: str) -> bool:
    """The variable as a yes/no (unset: no); ArmsExplorerError with a sentence for anything else."""
    text = os.environ.get(variable, "").strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ArmsExplorerError(f"{variable}={os.environ[variable]!r} is neither 1 nor 0; set it to 1 (yes) or 0 (no), or unset it.")


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
