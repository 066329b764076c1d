"""The dashboard's fetch from SIPRI as a background job: one per store, its state in a file.

Under gunicorn each callback may be answered by another worker process, so a job's state is never
kept in process memory. The worker whose callback starts a fetch runs it in a thread of its own
and writes each step to `STORE/jobs/fetch.json` (a temporary file, then a rename: a reader never
sees half a file); any worker reads that file to draw the progress. Cancel is a flag in the file,
which a watcher thread beside the fetch turns into the fetch's cancel event, so it works from any
worker. A lock file around every read-modify-write makes "one fetch per store" hold across
processes. A job whose process has gone (a restarted worker) or that has not written for
`STALE_AFTER_S` is shown as failed with a sentence, never as running forever.

The watcher also writes a heartbeat, so a job on another machine sharing the store (whose pid
cannot be checked from here) still ends as failed when its machine stops.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from etl.config import Settings
from etl.errors import ArmsExplorerError, StoreError
from etl.fetch import (
    FetchCancelled,
    FetchOptions,
    FetchProgress,
    FetchQuery,
    FetchResult,
    fetch_release,
)
from etl.ingest import FileReport

JOBS_DIR = "jobs"
JOB_FILE = "fetch.json"
LOCK_FILE = "fetch.lock"
RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"
# The watcher looks for a cancel flag this often, and writes a heartbeat every HEARTBEAT_S.
WATCH_S = 0.5
HEARTBEAT_S = 5.0
# A running job silent for this long is taken as dead (its machine stopped, or its pid was reused).
STALE_AFTER_S = 60.0
# Download progress comes a chunk at a time; the file is rewritten at most this often for it.
PROGRESS_EVERY_S = 0.5
THREAD_PREFIX = "sipri-fetch-"

LOG = logging.getLogger("dashboard.fetch")

Runner = Callable[..., FetchResult]


@dataclass(frozen=True)
class FetchJob:
    """One fetch as its job file records it."""

    job_id: str
    pid: int
    host: str
    query: str
    started: str  # ISO time, UTC
    updated: str
    state: str = RUNNING  # running, done, failed, cancelled
    stage: str = "start"  # FetchProgress.stage, or "start"
    message: str = "starting the fetch"
    request: int = 0
    requests: int = 0
    fraction: float | None = None
    cancel_requested: bool = False
    finished: str | None = None
    error: str | None = None
    # When done: {"files": [FileReport as dict], "kept": [line], "snapshot": folder name}
    result: dict[str, Any] | None = None

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def started_at(self) -> datetime:
        return datetime.fromisoformat(self.started)

    def elapsed_s(self, now: datetime | None = None) -> float:
        """Seconds from the start to the end, or to `now` while the job runs."""
        end = datetime.fromisoformat(self.finished) if self.finished else (now or _now())
        return max(0.0, (end - self.started_at).total_seconds())

    def file_reports(self) -> list[FileReport]:
        """The ingest's report per file, for a finished job."""
        return [FileReport(**item) for item in (self.result or {}).get("files", [])]

    def releases(self) -> list[str]:
        return sorted({r.release for r in self.file_reports()})


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def job_path(settings: Settings) -> Path:
    return Path(settings.store_dir) / JOBS_DIR / JOB_FILE


# ---- the file --------------------------------------------------------------------------------


def _store_fault(folder: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"{folder}: could not keep the fetch's progress there ({exc.strerror or exc}); nothing was "
        "fetched; fix the store folder's permissions or free some space and try again"
    )


@contextlib.contextmanager
def _locked(settings: Settings) -> Iterator[None]:
    """Hold the job file's lock (across processes and threads: each call opens the file anew)."""
    folder = job_path(settings).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_FILE, "a+")  # noqa: SIM115 - closed by the `with` below
    except OSError as exc:
        raise _store_fault(folder, exc) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _load(settings: Settings) -> FetchJob | None:
    """The job the file holds; None where there is none or it cannot be read (a new job replaces it)."""
    path = job_path(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return FetchJob(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as exc:
        LOG.warning("%s: unreadable fetch job file ignored (%s)", path, exc.__class__.__name__)
        return None


def _save(settings: Settings, job: FetchJob) -> None:
    """Write the job file atomically: readers in other processes see the old or the new job."""
    path = job_path(settings)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(job), handle)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _update(settings: Settings, job_id: str, **changes: Any) -> FetchJob | None:
    """Apply `changes` to the job if the file still holds it; the job as saved."""
    with _locked(settings):
        job = _load(settings)
        if job is None or job.job_id != job_id:
            return None
        job = replace(job, updated=_iso(_now()), **changes)
        _save(settings, job)
        return job


# ---- is it alive? ----------------------------------------------------------------------------


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M UTC")


def death_sentence(job: FetchJob, now: datetime | None = None) -> str | None:
    """Why a job marked running cannot be running any more; None if it may well be."""
    started = _hhmm(job.started_at)
    if job.host == socket.gethostname():
        if job.pid == os.getpid():
            alive = any(t.name == THREAD_PREFIX + job.job_id for t in threading.enumerate())
        else:
            try:
                os.kill(job.pid, 0)
                alive = True
            except ProcessLookupError:
                alive = False
            except PermissionError:  # another user's process: it exists
                alive = True
        if not alive:
            return (
                f"The fetch started at {started} stopped without finishing: the server process "
                f"running it (pid {job.pid}) has ended, perhaps in a restart; fetch again."
            )
    silent = ((now or _now()) - datetime.fromisoformat(job.updated)).total_seconds()
    if silent > STALE_AFTER_S:
        return (
            f"The fetch started at {started} stopped without finishing: it has given no sign of "
            f"life for {silent / 60:.0f} minutes; fetch again."
        )
    return None


def _bury(settings: Settings, job: FetchJob, now: datetime | None) -> FetchJob:
    """The job, marked failed if its process is gone (under the lock, so only once)."""
    if not job.running:
        return job
    sentence = death_sentence(job, now)
    if sentence is None:
        return job
    moment = _iso(now or _now())
    failed = replace(job, state=FAILED, error=sentence, finished=moment, updated=moment)
    _save(settings, failed)
    return failed


def read_job(settings: Settings, now: datetime | None = None) -> FetchJob | None:
    """The store's latest fetch job (a dead one marked failed), or None if there never was one."""
    job = _load(settings)
    if job is None or not job.running:
        return job
    if death_sentence(job, now) is None:
        return job
    with _locked(settings):
        job = _load(settings)
        return None if job is None else _bury(settings, job, now)


# ---- start, run, cancel ----------------------------------------------------------------------


def start_fetch(
    settings: Settings,
    query: FetchQuery,
    options: FetchOptions,
    runner: Runner = fetch_release,
) -> tuple[FetchJob, bool]:
    """(the job, True) for a fetch started now in a background thread; (the running job, False)
    if a fetch of this store is already running, in this process or any other."""
    with _locked(settings):
        current = _load(settings)
        if current is not None:
            current = _bury(settings, current, None)
            if current.running:
                return current, False
        moment = _iso(_now())
        job = FetchJob(
            job_id=uuid.uuid4().hex,
            pid=os.getpid(),
            host=socket.gethostname(),
            query=query.describe(),
            started=moment,
            updated=moment,
        )
        try:
            _save(settings, job)
        except OSError as exc:
            raise _store_fault(job_path(settings).parent, exc) from None
        thread = threading.Thread(
            target=_run,
            args=(settings, job.job_id, query, options, runner),
            name=THREAD_PREFIX + job.job_id,
            # A worker that is stopping does not wait for SIPRI: its job then shows as failed.
            daemon=True,
        )
        try:
            thread.start()
        except RuntimeError as exc:  # the process may start no more threads
            failed = replace(job, state=FAILED, finished=moment, error=(
                f"The fetch could not start ({exc}); try again in a moment."))
            _save(settings, failed)
            return failed, False
    return job, True


def request_cancel(settings: Settings) -> FetchJob | None:
    """The running job with its cancel flag set (the worker running it stops it); else the last job."""
    with _locked(settings):
        job = _load(settings)
        if job is None:
            return None
        job = _bury(settings, job, None)
        if not job.running or job.cancel_requested:
            return job
        job = replace(job, cancel_requested=True, updated=_iso(_now()))
        _save(settings, job)
        return job


def _summary(result: FetchResult) -> dict[str, Any]:
    kept = [
        f"{item.name}: kept {item.records_kept} of {item.records_read} records (filtered here)"
        for item in result.exports
        if item.records_kept != item.records_read
    ]
    return {
        "files": [asdict(report) for report in result.ingest.files],
        "kept": kept,
        "snapshot": result.snapshot_dir.name,
    }


def _run(
    settings: Settings, job_id: str, query: FetchQuery, options: FetchOptions, runner: Runner
) -> None:
    """The thread's work: the fetch, its progress and its end written to the job file."""
    cancel = threading.Event()
    finished = threading.Event()
    last_write = [0.0]

    def write(**changes: Any) -> None:
        # The fetch goes on if its progress cannot be written; a stale job shows as failed.
        try:
            _update(settings, job_id, **changes)
        except (OSError, ArmsExplorerError) as exc:
            LOG.warning("fetch %s: could not write its progress (%s)", job_id, exc)

    def on_progress(event: FetchProgress) -> None:
        moment = time.monotonic()
        if event.stage == "download" and moment - last_write[0] < PROGRESS_EVERY_S:
            return
        last_write[0] = moment
        write(stage=event.stage, message=event.message, request=event.request,
              requests=event.requests, fraction=event.fraction)

    def watch() -> None:
        beat = time.monotonic()
        while not finished.wait(WATCH_S):
            job = _load(settings)
            if job is None or job.job_id != job_id:
                cancel.set()  # the file was replaced: nobody is watching this fetch any more
                return
            if job.cancel_requested:
                cancel.set()
            if time.monotonic() - beat >= HEARTBEAT_S:
                beat = time.monotonic()
                write()

    watcher = threading.Thread(target=watch, name=f"{THREAD_PREFIX}{job_id}-watch", daemon=True)
    watcher.start()
    end: dict[str, Any]
    try:
        result = runner(settings, query, options, progress=on_progress, cancel=cancel)
    except FetchCancelled as exc:
        end = {"state": CANCELLED, "error": exc.message}
    except ArmsExplorerError as exc:
        end = {"state": FAILED, "error": exc.message}
    except Exception as exc:  # noqa: BLE001 - the page shows a sentence; the log gets the traceback
        LOG.exception("fetch %s failed", job_id)
        end = {"state": FAILED, "error": (
            f"The fetch failed ({exc.__class__.__name__}); nothing was stored. Please report this "
            "with the server's log.")}
    else:
        end = {"state": DONE, "stage": "done", "fraction": None, "result": _summary(result)}
    finally:
        finished.set()
    write(finished=_iso(_now()), **end)
    watcher.join(timeout=5)

