"""Load benchmark: simulated researchers against gunicorn on 127.0.0.1, through the real HTTP endpoints.

    python benchmarks/bench_load.py [--store DIR] [--users 50] [--seconds 60] [--workers 2] [--json OUT]
    python benchmarks/bench_load.py --attackers 4 [--read-only] ...   # researchers beside an attacker mix
    python benchmarks/bench_load.py --quick --attackers 4             # a small store, 20 s

Without --store, a full-size store is built first (`make_fullsize.py`, then `etl.ingest.ingest`).
Each simulated user repeats what researchers do, with a short pause between actions:

- `open_pair`: open a pair from a link (GET the page, `_dash-layout`, `_dash-dependencies`, then the
  `_dash-update-component` POSTs the page makes);
- `change_filters`: toggle a filter (the pair page's main callback);
- `export_csv`: download the view's deals as CSV;
- `check_claim`: open the check page and check a pasted claim;
- `open_diff`: open the diff of the oldest and newest releases bare (the summary by pair) and turn
  to its second page;
- `search`: open the search page, type a weapon ("drones", "TB2", ...) and press Search, then turn
  to the second page of deals.

With `--attackers N`, N more users attack the same server at the same time, on the README's
team-server command (`-c dashboard/gunicorn.conf.py`: sync workers, 30 s timeout, 20 s budget per
request) with uploads allowed (ARMS_EXPLORER_ALLOW_UPLOADS=1, on a private copy of the store;
`--read-only` leaves them refused): `long_claim` (a check of a text near the reader's 50,000-character
limit: one long word, `$1 UK` repeated, hundreds of claims), `long_word_upload` (a register whose
Comments hold a 40,000-letter word, dropped on the Data page), `whole_diff` (the whole-release diff
and its next page, with no pause), `fuzzed_url` (hostile links: the page and the router callback
that lays it out). Reported: the researchers' failures (the figure that must be 0), worker
timeouts, kills and restarts counted from gunicorn's log, the attackers' answers by status, p50/p95
per action, and throughput against the static-asset baseline measured in the same run.

The POST bodies are recorded once per run from Debian's headless Chromium driving the same server
(never guessed), then retargeted to other pairs and claims. Prints requests, failures, throughput,
and p50/p95 latency per action; baseline: the same users fetching a static asset from the same
server (what gunicorn alone gives on this machine). No assertions: `tests/load/` runs this code
with fewer users for a shorter time and asserts on failures only.
"""

from __future__ import annotations

import argparse
import base64
import copy
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

CHROMIUM = os.environ.get("ARMS_EXPLORER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ACTIONS = ("open_pair", "change_filters", "export_csv", "check_claim", "open_diff", "search")
WEIGHTS = (4, 3, 1.5, 1.5, 1, 1.5)
CLAIMS = (
    "Turkiye delivered 6 Bayraktar TB2 drones to Pakistan in 2023",
    "The United States will deliver 24 MH-60R helicopters to India under a $2.6 billion deal",
    "China delivered J-10C fighter aircraft to Pakistan",
    "Russia supplied S-400 air defence systems to India in 2021",
)
SEARCHES = ("drones", "TB2", "frigates", "MH-60R", "J-10", "helicopters")
PAGE_PATHS = ("/_dash-layout", "/_dash-dependencies")
UPDATE = "/_dash-update-component"
STATIC = "/assets/style.css"


# ---- the server -------------------------------------------------------------------------------


class Gunicorn:
    """`gunicorn -w N dashboard.app:server` on 127.0.0.1 (a free port), logging to a file; stop() ends it."""

    def __init__(self, store: Path, log: Path, workers: int = 2, timeout_s: float = 60.0,
                 extra_args: tuple[str, ...] = (), readme_config: bool = False,
                 env: dict[str, str] | None = None) -> None:
        self.log = log
        self.workers = workers
        # The workers' shared answer cache starts empty in a folder of this run's own: answers kept
        # by an earlier run (same store, code and day) would otherwise be measured as this one's.
        environment = {**os.environ, "ARMS_EXPLORER_STORE": str(store), "PYTHONUNBUFFERED": "1",
                       "ARMS_EXPLORER_ANSWER_CACHE": str(Path(tempfile.mkdtemp(prefix="bench-answers-"))),
                       **(env or {})}
        # The README's team server takes its limits from dashboard/gunicorn.conf.py (30 s timeout,
        # 20 s budget per request); without it, a generous timeout so a slow machine is not measured.
        limits = ["-c", str(REPO / "dashboard" / "gunicorn.conf.py")] if readme_config else ["--timeout", "120"]
        self._log_handle = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *limits, "-w", str(workers), "-b", "127.0.0.1:0",
             "--graceful-timeout", "5", "--log-level", "info", "--no-control-socket", *extra_args, "dashboard.app:server"],
            cwd=REPO, env=environment, stdout=self._log_handle, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.url = ""
        try:
            self._wait_ready(workers, timeout_s)
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, workers: int, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}): {self.log_text()[-2000:]}")
            found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", self.log_text())
            if found and len(self.worker_pids()) >= workers:
                self.url = found.group(1)
                status, _ = request(self.url, "GET", STATIC, timeout=timeout_s)
                if status == 200:
                    return
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn did not start within {timeout_s:.0f} s: {self.log_text()[-2000:]}")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        """The master's live worker processes."""
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def worker_events(self) -> dict[str, int]:
        """From gunicorn's log: workers booted after the first `workers`, timeouts, kills, exits with an error."""
        log = self.log_text()
        return {
            "restarts": max(0, log.count("Booting worker with pid") - self.workers),
            "timeouts": log.count("WORKER TIMEOUT"),
            "killed": log.count("was sent SIGKILL") + log.count("was sent SIGTERM"),
            "crashed": len(re.findall(r"Worker \(pid:\d+\) exited with code [1-9]", log)),
        }

    def rss_mb(self) -> dict[int, float]:
        """Resident memory of each worker, in MB."""
        out = {}
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        out[pid] = int(line.split()[1]) / 1024
            except OSError:
                continue
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group we started (start_new_session)
                self.proc.wait(timeout=10)
        self._log_handle.close()


# ---- HTTP ---------------------------------------------------------------------------------------


def request(base: str, method: str, path: str, body: Any = None, timeout: float = 60.0) -> tuple[int, bytes]:
    """(status, body) of one request on a new connection, as a browser's fetch would see it."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass(frozen=True)
class Call:
    """One request of an action: GET a path, or POST a recorded callback body."""

    method: str
    path: str
    body: dict[str, Any] | None = None

    @property
    def output(self) -> str:
        return str((self.body or {}).get("output", ""))


@dataclass(frozen=True)
class Flows:
    """Recorded requests per action, and the pair and claim they were recorded with."""

    actions: dict[str, list[Call]]
    release: str
    pair: tuple[str, str]
    claim: str
    url: str
    search: str = SEARCHES[0]


def record_flows(url: str, release: str, pair: tuple[str, str], claim: str = CLAIMS[0],
                 timeout_ms: int = 60_000, attempts: int = 2, oldest: str | None = None) -> Flows:
    """What Chromium sends for each action, recorded from the running server (tried twice: on a
    busy machine a first page load can outlast the wait)."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(attempts):
        try:
            return _record_once(url, release, pair, claim, timeout_ms, oldest)
        except PlaywrightError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _record_once(url: str, release: str, pair: tuple[str, str], claim: str, timeout_ms: int,
                 oldest: str | None = None) -> Flows:
    from playwright.sync_api import sync_playwright

    calls: list[Call] = []

    def seen(req: Any) -> None:
        path = urlsplit(req.url).path
        if req.method == "POST" and path == UPDATE:
            calls.append(Call("POST", UPDATE, json.loads(req.post_data or "{}")))
        elif req.method == "GET" and (req.resource_type == "document" or path in PAGE_PATHS):
            query = urlsplit(req.url).query
            calls.append(Call("GET", path + (f"?{query}" if query else "")))

    actions: dict[str, list[Call]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(accept_downloads=True).new_page()
            page.on("request", seen)
            page.goto(f"{url}/?release={release}&supplier={pair[0]}&recipient={pair[1]}")
            page.wait_for_selector("#headline .kpi", timeout=timeout_ms)
            page.wait_for_function("() => location.search.includes('estimates=')", timeout=timeout_ms)
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
            actions["open_pair"], calls[:] = list(calls), []
            page.click("#options input[value='leave-out-estimates']")
            page.wait_for_function("() => location.search.includes('estimates=leave-out')", timeout=timeout_ms)
            page.wait_for_load_state("networkidle", timeout=timeout_ms)
            actions["change_filters"], calls[:] = list(calls), []
            with page.expect_download(timeout=timeout_ms):
                page.click("#download-csv")
            actions["export_csv"], calls[:] = list(calls), []
            page.goto(f"{url}/check")
            page.wait_for_selector("#check-text", timeout=timeout_ms)
            page.fill("#check-text", claim)
            page.click("#check-run")
            page.wait_for_selector(".claim-card, #check-notice .alert, #check-table .muted", timeout=timeout_ms)
            actions["check_claim"], calls[:] = list(calls), []
            page.goto(f"{url}/diff" + (f"?from={oldest}&to={release}" if oldest else ""))
            page.wait_for_selector("#diff-pairs, .page .alert", timeout=timeout_ms)  # one release: a sentence
            if page.locator("#diff-pairs").count() and not page.is_disabled("#diff-next"):
                page.click("#diff-next")
                page.wait_for_function("() => /^Pairs 26/.test(document.querySelector('#diff-rows').innerText)",
                                       timeout=timeout_ms)
            actions["open_diff"], calls[:] = list(calls), []
            page.goto(f"{url}/search?release={release}")
            page.wait_for_selector("#search-text", timeout=timeout_ms)
            page.fill("#search-text", SEARCHES[0])
            page.click("#search-run")
            page.wait_for_selector("#search-table, #search-empty", timeout=timeout_ms)
            if page.locator("#search-table").count() and not page.is_disabled("#search-next"):
                page.click("#search-next")
                page.wait_for_function("() => /^Deals 26/.test(document.querySelector('#search-rows').innerText)",
                                       timeout=timeout_ms)
            actions["search"], calls[:] = list(calls), []
        finally:
            browser.close()
    for name in ACTIONS:
        if not any(c.method == "POST" for c in actions.get(name, [])):
            raise RuntimeError(f"recording '{name}' caught no callback request; the page has changed")
    return Flows(actions, release, pair, claim, url, SEARCHES[0])


def retarget(calls: list[Call], flows: Flows, pair: tuple[str, str], claim: str, url: str | None = None,
             search: str | None = None) -> list[Call]:
    """The recorded calls, for another pair, claim, search and server: component values and links replaced."""
    old = f"supplier={flows.pair[0]}&recipient={flows.pair[1]}"
    new = f"supplier={pair[0]}&recipient={pair[1]}"

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            if value == flows.claim:
                return claim
            if search and value == flows.search:
                return search
            return value.replace(old, new).replace(flows.url, url or flows.url)
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        return value

    out = []
    for call in calls:
        if call.body is None:
            out.append(Call(call.method, swap(call.path)))
            continue
        body = swap(copy.deepcopy(call.body))
        for item in body.get("inputs", []) + body.get("state", []):
            if isinstance(item, dict) and item.get("property") == "value":
                if item.get("id") == "supplier":
                    item["value"] = [pair[0]]
                elif item.get("id") == "recipient":
                    item["value"] = [pair[1]]
        out.append(Call(call.method, call.path, body))
    return out


# ---- users ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Done:
    """One action by one user: when it started and ended, and how it went."""

    action: str
    user: int
    started: float
    ended: float
    ok: bool
    error: str = ""

    @property
    def seconds(self) -> float:
        return self.ended - self.started


@dataclass
class LoadResult:
    """Every action done, the requests sent, and the span of the run."""

    done: list[Done] = field(default_factory=list)
    requests: int = 0
    started: float = 0.0
    ended: float = 0.0

    def failures(self) -> list[Done]:
        return [d for d in self.done if not d.ok]

    def summary(self) -> dict[str, Any]:
        """Per action: count, failures, p50 and p95 in ms; overall throughput."""
        span = max(1e-9, self.ended - self.started)
        out: dict[str, Any] = {"seconds": span, "actions": len(self.done), "requests": self.requests,
                               "failed": len(self.failures()), "actions_per_s": len(self.done) / span,
                               "requests_per_s": self.requests / span, "per_action": {}}
        for name in sorted({d.action for d in self.done}):
            times = [d.seconds * 1000 for d in self.done if d.action == name and d.ok]
            out["per_action"][name] = {
                "count": sum(1 for d in self.done if d.action == name),
                "failed": sum(1 for d in self.done if d.action == name and not d.ok),
                "p50_ms": pct(times, 0.5) if times else None,
                "p95_ms": pct(times, 0.95) if times else None,
            }
        return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


Check = Callable[[str, Call, int, bytes], str | None]


def check_response(action: str, call: Call, status: int, body: bytes) -> str | None:
    """Why a response is a failure (None when it is fine): a bad status, not Dash's JSON, an error shown."""
    if call.method == "POST":
        if status == 204:  # the callback changed nothing (Dash's no_update)
            return None
        if status != 200:
            return f"{call.output[:40]} -> HTTP {status}"
        try:
            json.loads(body)
        except ValueError:
            return f"{call.output[:40]} -> not JSON"
        if b"alert-error" in body or b"Traceback" in body:
            return f"{call.output[:40]} -> an error shown: {body[:200]!r}"
        return None
    if status != 200:
        return f"GET {call.path[:60]} -> HTTP {status}"
    return None


def run_users(url: str, flows: Flows, pairs: list[tuple[str, str]], users: int, seconds: float,
              seed: int = 7, think_s: tuple[float, float] = (0.0, 0.5), claims: tuple[str, ...] = CLAIMS,
              check: Check = check_response, actions: tuple[str, ...] = ACTIONS,
              weights: tuple[float, ...] = WEIGHTS, timeout_s: float = 60.0) -> LoadResult:
    """`users` threads doing researchers' actions against `url` for `seconds` (bounded: each request
    times out, and every thread is joined before returning)."""
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    result.started = time.monotonic()

    def user(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        while time.monotonic() < deadline:
            name = rng.choices(actions, weights=weights[: len(actions)])[0]
            calls = retarget(flows.actions[name], flows, rng.choice(pairs), rng.choice(claims), url,
                             rng.choice(SEARCHES))
            t0, error, sent = time.monotonic(), "", 0
            for call in calls:
                try:
                    status, body = request(url, call.method, call.path, call.body, timeout_s)
                except OSError as exc:  # refused, reset, timed out
                    error = f"{call.method} {call.output[:40] or call.path[:40]}: {exc.__class__.__name__}: {exc}"
                    break
                finally:
                    sent += 1
                error = check(name, call, status, body) or ""
                if error:
                    break
            done = Done(name, n, t0, time.monotonic(), not error, error)
            with lock:
                result.done.append(done)
                result.requests += sent
            time.sleep(rng.uniform(*think_s))

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 3 * timeout_s)
    result.ended = time.monotonic()
    return result


def static_baseline(url: str, users: int, seconds: float) -> LoadResult:
    """The same number of users fetching one static asset: what the server alone sustains."""
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    result.started = time.monotonic()

    def user(n: int) -> None:
        while time.monotonic() < deadline:
            t0 = time.monotonic()
            try:
                status, _ = request(url, "GET", STATIC, timeout=30)
                ok, error = status == 200, "" if status == 200 else f"HTTP {status}"
            except OSError as exc:
                ok, error = False, str(exc)
            with lock:
                result.done.append(Done("static", n, t0, time.monotonic(), ok, error))
                result.requests += 1

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    result.ended = time.monotonic()
    return result


# ---- data -------------------------------------------------------------------------------------------


def store_pairs(store: Path, label: str | None = None, count: int = 200, seed: int = 3) -> tuple[str, list[tuple[str, str]]]:
    """The release label and up to `count` random supplier -> recipient pairs that have deals in it."""
    from etl.store import Store

    st = Store(store)
    info = st.release(label)
    deals = st.table(info, "deals")
    sizes = deals.groupby(["supplier_id", "recipient_id"], observed=True).size().sort_values(ascending=False)
    pairs = [(str(s), str(r)) for s, r in sizes.index]
    rng = random.Random(seed)
    chosen = [pairs[0]] + rng.sample(pairs[1:], min(count - 1, len(pairs) - 1))
    return info.label, chosen


def oldest_release(store: Path) -> str | None:
    """The store's oldest release label (the diff action compares it with the newest), if two or more."""
    from etl.store import Store

    labels = [i.label for i in Store(store).releases()]
    return labels[0] if len(labels) > 1 else None


def fullsize_store(out: Path, deals: int = 30_000) -> Path:
    """A store with three full-size releases built from the shared subsets."""
    from benchmarks.make_fullsize import build
    from etl.config import Settings
    from etl.ingest import ingest, read_paths

    files = build(out / "files", deals)
    settings = Settings(store_dir=out / "store")
    for label in sorted(files):
        ingest(read_paths(files[label]), settings)
    return settings.store_dir


def warm_up(url: str, flows: Flows, pairs: list[tuple[str, str]], workers: int) -> None:
    """Every action a few times, so each worker has read the release before timing starts."""
    run_users(url, flows, pairs[:8], users=2 * workers, seconds=1.0, think_s=(0, 0))


def measure(store: Path, users: int, seconds: float, workers: int = 2, log: Path | None = None,
            baseline_s: float | None = None) -> dict[str, Any]:
    """Start gunicorn over `store`, record the flows, run the users and the static baseline."""
    label, pairs = store_pairs(store)
    log = log or Path(tempfile.mkdtemp(prefix="bench-load-")) / "gunicorn.log"
    server = Gunicorn(store, log, workers=workers)
    try:
        flows = record_flows(server.url, label, pairs[0], oldest=oldest_release(store))
        warm_up(server.url, flows, pairs, workers)
        result = run_users(server.url, flows, pairs, users, seconds)
        rss = server.rss_mb()
        base = static_baseline(server.url, users, baseline_s or min(seconds, 10.0))
    finally:
        server.stop()
    return run_summary(result, users, workers, label, pairs, rss, base)


def run_summary(result: Any, users: int, workers: int, label: str, pairs: Any, rss: dict[Any, float],
                base: Any, **more: Any) -> dict[str, Any]:
    """What a run measured and what it ran under (`more`: a scenario's own figures), as printed."""
    summary = result.summary()
    summary.update(users=users, workers=workers, release=label, pairs=len(pairs),
                   worker_rss_mb=sorted(rss.values()), failures=[d.error for d in result.failures()][:10],
                   static=base.summary(), **more)
    return summary


def print_summary(s: dict[str, Any]) -> None:
    st = s["static"]
    print(f"load: {s['users']} users, {s['workers']} gunicorn workers, release {s['release']}, {s['pairs']} pairs, "
          f"{s['seconds']:.0f} s: {s['actions']} actions, {s['requests']} requests, {s['failed']} failed")
    print(f"  throughput {s['actions_per_s']:.1f} actions/s, {s['requests_per_s']:.1f} requests/s; "
          f"baseline (a static asset, same users): {st['requests_per_s']:.0f} requests/s -> ratio "
          f"{s['requests_per_s'] / max(st['requests_per_s'], 1e-9):.2f}")
    static_p50 = st["per_action"].get("static", {}).get("p50_ms") or float("nan")
    for name, a in s["per_action"].items():
        p50 = a["p50_ms"] if a["p50_ms"] is not None else float("nan")
        p95 = a["p95_ms"] if a["p95_ms"] is not None else float("nan")
        print(f"  {name:15s} n={a['count']:5d} failed={a['failed']:3d} p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  "
              f"p50 / static p50 = {p50 / static_p50:.1f}x")
    print(f"  static asset p50 {static_p50:.0f} ms; worker memory (MB) {', '.join(f'{m:.0f}' for m in s['worker_rss_mb'])}")
    for error in s["failures"]:
        print(f"  failure: {error}")


# ---- attackers --------------------------------------------------------------------------------------

ATTACKS = ("long_claim", "long_word_upload", "whole_diff", "fuzzed_url")
ATTACK_WEIGHTS = (3, 1, 2, 4)
LONG_CLAIM_CHARS = 49_990  # the reader's limit is 50,000 characters
LONG_CLAIMS = (
    "a" * LONG_CLAIM_CHARS,
    ("$1 UK " * (LONG_CLAIM_CHARS // 6 + 1))[:LONG_CLAIM_CHARS],
    ("Turkiye delivered 6 Bayraktar TB2 drones to Pakistan in 2023 under a $1 million deal. " * 600)[:LONG_CLAIM_CHARS],
    ("Russia supplied S-400 to India; " * 1600)[:LONG_CLAIM_CHARS],
)
LONG_WORD = "a" * 40_000
HOSTILE_VALUES = (
    "<script>alert(1)</script>", "'\"><img src=x onerror=alert(1)>", "../../../etc/passwd", "%00", "\u202e\u2066",
    "9" * 400, "-1", "1e308", "NaN", "99999999999999999999", "", "turkiye,pakistan" * 50, "=HYPERLINK(\"x\")",
    "x" * 3_000, "\r\nSet-Cookie: a=b", "{\"$gt\": 1}", "2024/../2026",
)
FUZZ_PATHS = ("/", "/check", "/diff", "/search", "/data", "/profile", "/compare", "/flows", "/nope", "/..%2f..%2fetc")
FUZZ_KEYS = ("release", "supplier", "recipient", "from", "to", "q", "text", "by", "estimates", "page", "date", "k")


def fuzzed_link(rng: random.Random) -> tuple[str, str]:
    """(path, query string) of a hostile link: known and unknown keys, hostile values, under 8 KB."""
    from urllib.parse import quote

    params = [(rng.choice(FUZZ_KEYS), rng.choice(HOSTILE_VALUES)) for _ in range(rng.randint(1, 5))]
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in params)
    return rng.choice(FUZZ_PATHS), query[:7_000]


def register_head() -> str:
    """The preamble and header of SIPRI's 2026 register (read from the shared file at run time;
    nothing of SIPRI's is kept here): what an attacker copies to make a file look like SIPRI's."""
    from benchmarks.make_fullsize import CLASSIC, SHARED

    lines = (SHARED / CLASSIC["2026"]).read_bytes().decode("latin-1").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier,"))
    return "\n".join(lines[: header + 1]) + "\n"


def long_word_register(head: str, n: int) -> bytes:
    """A register of two made-up deals, one with a 40,000-letter word in Comments; `n` makes each
    upload new bytes (the same bytes twice are 'already in release', and cost nothing)."""
    rows = [f'Pakistan,Turkiye,2021,,9,,Upload-{n},armed drone,9,,2022; 2023,New,"deal {n} {LONG_WORD}",2.4,21.6,21.6',
            f"Pakistan,Turkiye,2019,,4,,Upload-{n}-B,frigate,2,,2022,New,upload {n},2.4,9.6,4.8"]
    return (head + "\n".join(rows) + "\n").encode("latin-1")


def callback_body(dependencies: list[dict[str, Any]], output_prefix: str, values: dict[str, Any]) -> dict[str, Any]:
    """The body the browser posts for the callback whose output starts with `output_prefix`, from
    the server's own `_dash-dependencies` (used where a browser cannot be recorded: a file drop)."""
    dep = next(d for d in dependencies if d["output"].startswith(output_prefix))

    def prop(p: dict[str, str]) -> dict[str, Any]:
        return {"id": p["id"], "property": p["property"], "value": values[f"{p['id']}.{p['property']}"]}

    outputs = [dict(zip(("id", "property"), o.split(".", 1), strict=True)) for o in dep["output"].strip(".").split("...")]
    return {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [prop(i) for i in dep["inputs"]], "state": [prop(s) for s in dep["state"]],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]}


@dataclass(frozen=True)
class Attack:
    """What the attackers send: the recorded flows, the upload callback's body, a register's head."""

    flows: Flows
    dependencies: list[dict[str, Any]]
    head: str


def attack_calls(name: str, attack: Attack, rng: random.Random, n: int, url: str,
                 pairs: list[tuple[str, str]]) -> list[Call]:
    flows = attack.flows
    if name == "long_claim":
        # A text of its own each time: the server keeps its last few readings, an attacker varies a letter.
        text = rng.choice(LONG_CLAIMS)[:-10] + f" {n:09d}"
        return [c for c in retarget(flows.actions["check_claim"], flows, rng.choice(pairs), text, url)
                if c.method == "POST"]
    if name == "whole_diff":
        return [c for c in retarget(flows.actions["open_diff"], flows, flows.pair, flows.claim, url) if c.method == "POST"]
    if name == "long_word_upload":
        data = "data:text/csv;base64," + base64.b64encode(long_word_register(attack.head, n)).decode()
        body = callback_body(attack.dependencies, "..upload-result.children",
                             {"upload.contents": [data], "upload.filename": [f"trade-register-{n}.csv"]})
        return [Call("POST", UPDATE, body)]
    path, query = fuzzed_link(rng)
    router = next(c for c in flows.actions["open_pair"] if "_pages_content" in c.output)
    body = copy.deepcopy(router.body or {})
    for item in body.get("inputs", []) + body.get("state", []):
        if item.get("id") == "_pages_location" and item.get("property") == "pathname":
            item["value"] = path
        elif item.get("id") == "_pages_location" and item.get("property") == "search":
            item["value"] = "?" + query
        elif item.get("id") == "_pages_location" and item.get("property") == "href":
            item["value"] = f"{url}{path}?{query}"
    return [Call("GET", f"{path}?{query}"), Call("POST", UPDATE, body)]


def attack_response(_action: str, call: Call, status: int, body: bytes) -> str | None:
    """What counts against the server in an attacker's answer: an error it did not mean to give
    (HTTP 500 or more other than its 503 budget sentence, a traceback). A refusal (4xx) or a
    sentence shown is the server holding."""
    if status >= 500 and status != 503:
        return f"{call.method} {call.output[:40] or call.path[:40]} -> HTTP {status}"
    if b"Traceback" in body:
        return f"{call.method} {call.output[:40] or call.path[:40]} -> a traceback in the answer"
    return None


@dataclass
class AttackResult:
    """Each attacker action, and the statuses the server answered with."""

    done: list[Done] = field(default_factory=list)
    statuses: dict[str, dict[int, int]] = field(default_factory=dict)
    bytes_max: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in sorted({d.action for d in self.done}):
            times = [d.seconds * 1000 for d in self.done if d.action == name]
            out[name] = {"count": len(times), "harmful": sum(1 for d in self.done if d.action == name and not d.ok),
                         "p50_ms": pct(times, 0.5), "p95_ms": pct(times, 0.95),
                         "statuses": {str(k): v for k, v in sorted(self.statuses.get(name, {}).items())},
                         "largest_answer_bytes": self.bytes_max.get(name, 0)}
        return out


def run_attackers(url: str, attack: Attack, pairs: list[tuple[str, str]], attackers: int, seconds: float,
                  seed: int = 11, think_s: tuple[float, float] = (0.0, 0.2), timeout_s: float = 60.0,
                  actions: tuple[str, ...] = ATTACKS) -> AttackResult:
    """`attackers` threads sending the attack mix for `seconds`; one request at a time each."""
    result = AttackResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    def attacker(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        weights = [ATTACK_WEIGHTS[ATTACKS.index(a)] for a in actions]
        first = True
        while time.monotonic() < deadline:
            # Each attacker opens with a different attack, so every kind is sent in a short run.
            name = actions[n % len(actions)] if first else rng.choices(actions, weights=weights)[0]
            first = False
            with lock:
                number = next(counter)
            calls = attack_calls(name, attack, rng, number, url, pairs)
            t0, error = time.monotonic(), ""
            for call in calls:
                try:
                    status, body = request(url, call.method, call.path, call.body, timeout_s)
                except OSError as exc:
                    error = f"{call.method} {call.output[:40] or call.path[:40]}: {exc.__class__.__name__}: {exc}"
                    status, body = -1, b""
                with lock:
                    counts = result.statuses.setdefault(name, {})
                    counts[status] = counts.get(status, 0) + 1
                    result.bytes_max[name] = max(result.bytes_max.get(name, 0), len(body))
                error = error or attack_response(name, call, status, body) or ""
                if error:
                    break
            with lock:
                result.done.append(Done(name, n, t0, time.monotonic(), not error, error))
            time.sleep(rng.uniform(*think_s))

    threads = [threading.Thread(target=attacker, args=(n,), daemon=True) for n in range(attackers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 3 * timeout_s)
    return result


def measure_under_attack(store: Path, users: int, attackers: int, seconds: float, workers: int = 2,
                         log: Path | None = None, uploads: bool = True,
                         baseline_s: float | None = None, compare: bool = True) -> dict[str, Any]:
    """On the README's team server: the researchers alone (with `compare`), then the researchers and
    the attackers at once, then the static baseline; the figures of the attacked run, with the
    researchers' figures alone beside them."""
    import shutil

    from etl.store import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-attack-"))
    log = log or folder / "gunicorn.log"
    if uploads:  # the attackers' uploads change the store: a private copy
        store = Path(shutil.copytree(store, folder / "store", ignore=shutil.ignore_patterns("prepared")))
    label, pairs = store_pairs(store)
    files_before = len(Store(store).release(label).files)
    env = {"ARMS_EXPLORER_ALLOW_UPLOADS": "1" if uploads else "0"}
    server = Gunicorn(store, log, workers=workers, readme_config=True, env=env)
    try:
        flows = record_flows(server.url, label, pairs[0], oldest=oldest_release(store))
        warm_up(server.url, flows, pairs, workers)
        dependencies = json.loads(request(server.url, "GET", "/_dash-dependencies")[1])
        attack = Attack(flows, dependencies, register_head())
        alone = run_users(server.url, flows, pairs, users, seconds) if compare else None
        booted = server.worker_events()
        box: dict[str, AttackResult] = {}
        side = threading.Thread(target=lambda: box.update(
            a=run_attackers(server.url, attack, pairs, attackers, seconds)))
        side.start()
        result = run_users(server.url, flows, pairs, users, seconds)
        side.join(timeout=seconds + 200)
        events = {k: v - booted.get(k, 0) for k, v in server.worker_events().items()}
        rss = server.rss_mb()
        base = static_baseline(server.url, users, baseline_s or min(seconds, 10.0))
        files = len(Store(store).release(label).files)
    finally:
        server.stop()
    return run_summary(result, users, workers, label, pairs, rss, base,
                       attackers=attackers, uploads=uploads, worker_events=events,
                       attacks=box["a"].summary() if "a" in box else {},
                       attack_harm=[d.error for d in box.get("a", AttackResult()).done if not d.ok][:10],
                       release_files_before=files_before, release_files_after=files,
                       alone=alone.summary() if alone is not None else None)


def print_attacks(s: dict[str, Any]) -> None:
    ev = s["worker_events"]
    print(f"attackers: {s['attackers']} beside the {s['users']} researchers, uploads "
          f"{'allowed' if s['uploads'] else 'refused (read-only)'}; README config (30 s timeout, 20 s budget)")
    print(f"  researchers: {s['failed']} failed of {s['actions']} actions; workers: {ev['restarts']} restarted, "
          f"{ev['timeouts']} timed out, {ev['killed']} killed, {ev['crashed']} crashed; "
          f"release {s['release']}: {s['release_files_before']} files before the run, {s['release_files_after']} after")
    alone = s.get("alone")
    if alone:
        print(f"  researchers alone on the same server before the attack: {alone['failed']} failed of "
              f"{alone['actions']} actions, {alone['actions_per_s']:.1f} actions/s")
        for name, a in alone["per_action"].items():
            attacked = s["per_action"].get(name, {})
            print(f"    {name:15s} alone p50 {a['p50_ms'] or float('nan'):7.0f} ms  p95 {a['p95_ms'] or float('nan'):7.0f} ms"
                  f"  | attacked p50 {attacked.get('p50_ms') or float('nan'):7.0f} ms  "
                  f"p95 {attacked.get('p95_ms') or float('nan'):7.0f} ms")
    for name, a in s["attacks"].items():
        print(f"  {name:17s} n={a['count']:4d} harmful={a['harmful']:3d} p50 {a['p50_ms']:7.0f} ms  "
              f"p95 {a['p95_ms']:7.0f} ms  statuses {a['statuses']}  largest answer {a['largest_answer_bytes']:,} B")
    for error in s["attack_harm"]:
        print(f"  harm: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store folder (default: build a full-size one)")
    parser.add_argument("--deals", type=int, default=30_000, help="deals per release when building the store")
    parser.add_argument("--users", type=int, default=int(os.environ.get("ARMS_LOAD_USERS", 50)))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("ARMS_LOAD_SECONDS", 60)))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--attackers", type=int, default=0, help="attackers beside the researchers (README config)")
    parser.add_argument("--read-only", action="store_true", help="with --attackers: uploads refused, as the team server's default")
    parser.add_argument("--quick", action="store_true", help="a store of 3,000 deals per release and 20 s")
    args = parser.parse_args()
    if args.quick:
        args.deals, args.seconds = min(args.deals, 3_000), min(args.seconds, 20.0)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        store = args.store
        if store is None:
            t = time.perf_counter()
            store = fullsize_store(Path(tmp), args.deals)
            print(f"built a store of 3 releases x {args.deals:,} deals in {time.perf_counter() - t:.0f} s")
        if args.attackers:
            summary = measure_under_attack(store, args.users, args.attackers, args.seconds, args.workers,
                                           Path(tmp) / "gunicorn.log", uploads=not args.read_only)
        else:
            summary = measure(store, args.users, args.seconds, args.workers, Path(tmp) / "gunicorn.log")
    print_summary(summary)
    if args.attackers:
        print_attacks(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
