"""gunicorn settings for the team server: `gunicorn -c dashboard/gunicorn.conf.py -w 2 ... dashboard.app:server`.

Every limit is written here rather than left to gunicorn's defaults, so the README's command
states what a request may cost:
- `timeout`: a worker silent this long is killed and restarted (gunicorn's default, made explicit).
- `request_budget_s` (ours): a request still running after this long is stopped inside the worker
  with one sentence (RequestBudgetExceeded: above the page for a callback, else HTTP 503) and the
  worker goes on serving; the timeout stays the backstop for work that never returns to Python (a long call into C).
- `limit_request_line`: 8,190 bytes, the most gunicorn allows (its default, 4,094, refused a
  Check page link after a 4,000-character paste with HTTP 414).
The budget needs sync workers (one request per process at a time, on its main thread): with
`--threads` or another worker class it is off and only the timeout holds.
"""

from __future__ import annotations

import signal
from typing import Any

worker_class = "sync"
timeout = 30
graceful_timeout = 30
# The budget is two thirds of the timeout: time left to answer with a sentence before the kill.
request_budget_s = 20.0
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190


def _budget_applies(worker: Any) -> bool:
    from gunicorn.workers.sync import SyncWorker

    return isinstance(worker, SyncWorker) and getattr(worker.cfg, "threads", 1) <= 1


def _stop_request(_signum: int, _frame: Any) -> None:
    from dashboard.guards import RequestBudgetExceeded

    raise RequestBudgetExceeded(request_budget_s)


def post_worker_init(worker: Any) -> None:
    if _budget_applies(worker):
        signal.signal(signal.SIGALRM, _stop_request)


def pre_request(worker: Any, _req: Any) -> None:
    if _budget_applies(worker):
        signal.setitimer(signal.ITIMER_REAL, request_budget_s)


def post_request(worker: Any, _req: Any, _environ: Any, _resp: Any) -> None:
    if _budget_applies(worker):
        signal.setitimer(signal.ITIMER_REAL, 0)
