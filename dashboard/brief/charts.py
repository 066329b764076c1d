"""The brief's charts drawn on the server by kaleido in Debian's Chromium: SVG for the HTML brief,
JPEG at print resolution for the PDF (drawn while WeasyPrint lays out the text, see
`dashboard.brief.pdf`).

kaleido drives an installed Chromium (never a downloaded browser, nothing fetched: plotly.js from
plotly's own package, MathJax off). One Chromium can be kept running for a server's briefs
(`keep_chromium_running`); otherwise one is started for a brief's charts and closed after them.
"""

from __future__ import annotations

import os
import shutil
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.errors import ArmsExplorerError

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
BROWSER_ENV = "BROWSER_PATH"  # kaleido's (choreographer's) own variable
CHROMIUM_ENV = "ARMS_EXPLORER_CHROMIUM"  # the browser tests' variable, honoured here too
# kaleido reloads its tab (plotly.js parsed again) after every figure, which costs more than
# drawing a chart; the brief's renderer reloads it after this many figures instead.
RELOAD_EVERY = 25
# Chromium's requests go to a proxy that does not exist: the page kaleido draws in loads plotly.js
# from plotly's package (file://), so nothing a chart does can reach the network.
NO_NETWORK = {"mathjax": False, "proxy_server": "http://127.0.0.1:9"}
# Seconds a brief's charts may take in a kept Chromium before the brief gives up.
DRAW_TIMEOUT_S = 120


class BriefError(ArmsExplorerError):
    """A brief that cannot be made as asked."""


@dataclass(frozen=True)
class Chart:
    """A figure of the brief and its size in CSS pixels (as kaleido draws it)."""

    name: str
    figure: Any
    width: int
    height: int


def chromium_path() -> str:
    """The Chromium kaleido drives: $BROWSER_PATH or $ARMS_EXPLORER_CHROMIUM, else Debian's;
    BriefError if there is none (kaleido is never asked to download one)."""
    for variable in (BROWSER_ENV, CHROMIUM_ENV):
        chosen = os.environ.get(variable, "").strip()
        if chosen:
            if Path(chosen).is_file():
                return chosen
            raise BriefError(f"No browser at {variable}={chosen} to draw the brief's charts; point it at Chromium or unset it.")
    for path in (*CHROMIUM_PATHS, shutil.which("chromium") or ""):
        if path and Path(path).is_file():
            return path
    raise BriefError("No Chromium found to draw the brief's charts (looked for /usr/bin/chromium); install Debian's "
                     "chromium (`apt-get install chromium`) or set BROWSER_PATH to a Chromium, or use --format md.")


_RENDERER_LOCK = threading.Lock()
_RENDERER: _Renderer | None = None


def _kaleido_class() -> Any:
    import kaleido

    class BriefKaleido(kaleido.Kaleido):  # type: ignore[misc]
        """kaleido's Kaleido, its tab reloaded every RELOAD_EVERY figures (should kaleido rename the
        method, its own reload after each figure comes back: slower, still right)."""

        drawn = 0

        async def _return_kaleido_tab(self, tab: Any) -> None:
            self.drawn += 1
            if self.drawn % RELOAD_EVERY == 0 or not hasattr(self, "tabs_ready"):
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    return BriefKaleido


Spec = tuple[Any, dict[str, Any]]


async def _draw(k: Any, specs: list[Spec]) -> list[bytes]:
    return [bytes(await k.calc_fig(fig, opts=opts)) for fig, opts in specs]


class _Renderer:
    """One Chromium kept open in a thread of its own, drawing the charts of a server's briefs
    (asked from any thread; kaleido takes the calls one at a time)."""

    def __init__(self, path: str) -> None:
        import asyncio

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="brief-chromium", daemon=True)
        self.thread.start()
        self.kaleido = _kaleido_class()(path=path, **NO_NETWORK)
        self._submit(self.kaleido.__aenter__()).result(60)

    def _submit(self, coroutine: Any) -> Future[Any]:
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def draw(self, specs: list[Spec]) -> Future[list[bytes]]:
        return self._submit(_draw(self.kaleido, specs))

    def close(self) -> None:
        import contextlib

        with contextlib.suppress(Exception):
            self._submit(self.kaleido.__aexit__(None, None, None)).result(20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()


def chart_images(charts: list[Chart], fmt: str = "svg", scale: float = 1) -> Future[list[bytes]]:
    """Each chart drawn by kaleido as `fmt` (svg, jpeg, png) at `scale` times its CSS size, as a
    future: drawn in the Chromium kept by `keep_chromium_running` where there is one, else in one
    started for these charts (in a thread) and closed after them. The caller goes on meanwhile
    (Chromium draws on a core of its own); BriefError at once if there is no Chromium."""
    path = chromium_path()
    specs = [(c.figure, {"format": fmt, "width": c.width, "height": c.height, "scale": scale}) for c in charts]
    renderer = _RENDERER
    if renderer is not None:
        return renderer.draw(specs)
    import asyncio

    async def once() -> list[bytes]:
        async with _kaleido_class()(path=path, **NO_NETWORK) as k:
            return await _draw(k, specs)

    future: Future[list[bytes]] = Future()

    def run() -> None:
        try:
            future.set_result(asyncio.run(once()))
        except BaseException as exc:  # handed to the caller, who raises it
            future.set_exception(exc)

    threading.Thread(target=run, name="brief-chromium-once", daemon=True).start()
    return future


def chart_svgs(charts: list[Chart]) -> list[str]:
    """Each chart as SVG text, drawn by kaleido (`chart_images`)."""
    return [s.decode("utf-8") for s in chart_images(charts, "svg").result(DRAW_TIMEOUT_S)]


def keep_chromium_running() -> None:
    """Keep one Chromium for this process's briefs (closed when the process exits), so a server's
    briefs after the first skip Chromium's start-up (seconds)."""
    global _RENDERER
    import atexit

    with _RENDERER_LOCK:
        if _RENDERER is None:
            _RENDERER = _Renderer(chromium_path())
            atexit.register(stop_chromium)


def stop_chromium() -> None:
    """Close the Chromium `keep_chromium_running` started (if any)."""
    global _RENDERER
    with _RENDERER_LOCK:
        renderer, _RENDERER = _RENDERER, None
    if renderer is not None:
        renderer.close()
