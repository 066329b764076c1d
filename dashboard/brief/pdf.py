"""The brief printed to PDF by WeasyPrint from the brief's own HTML template.

Where the time goes (the largest pair of release 2024, 288 deals, see benchmarks/bench_brief.py):
WeasyPrint spends about 1 ms of CPU per table cell (styles, line layout, drawing), so the deal
register's ~3,200 cells are the floor; drawing the charts as SVG cost as much again, since
WeasyPrint lays SVG text out letter by letter and redraws an estimate's hatching pattern at each
use. So the PDF's charts are the same figures drawn by kaleido in Chromium as JPEG at print
resolution (`PRINT_SCALE` times their CSS size, about 200 dpi across the page): Chromium draws
them on its own core while WeasyPrint parses and styles the text, and WeasyPrint embeds a JPEG as
it is (a PNG it would decode and compress again, ~0.1 s a chart). The HTML brief keeps its SVG.
"""

from __future__ import annotations

import contextlib
import logging
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from dashboard.brief.charts import DRAW_TIMEOUT_S, chart_images

if TYPE_CHECKING:
    from dashboard.brief import Brief

# Charts are drawn this many times their CSS size: 1,100 CSS px across ~270 mm of A4 landscape
# makes 2,200 pixels, about 200 dpi, so their 13 px text prints sharp at about 9 pt.
PRINT_SCALE = 2
CHART_SCHEME = "brief-chart"  # the PDF page's own charts, served from memory by `_fetcher`


def _fetcher(charts: Future[list[bytes]] | None) -> Any:
    """WeasyPrint's fetcher for a brief: data: images and the brief's own charts (waited for
    when WeasyPrint first needs one), nothing from the network or the disk."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class BriefFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if charts is not None and url.startswith(CHART_SCHEME + ":"):
                images = charts.result(DRAW_TIMEOUT_S)
                return URLFetcherResponse(url, images[int(url.split(":", 1)[1])], {"Content-Type": "image/jpeg"})
            return super().fetch(url, headers)

    # A chart that cannot be drawn stops the PDF (fail_on_errors) instead of leaving a hole.
    return BriefFetcher(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=True)


def brief_pdf(brief: Brief | str) -> bytes:
    """The brief printed to PDF by WeasyPrint: from its template with the charts as print-resolution
    images (drawn by Chromium meanwhile), or, given an HTML brief's text, that page as it is."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    # WeasyPrint logs every CSS property it ignores at WARNING; a brief is not a place for them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    charts: Future[list[bytes]] | None = None
    if isinstance(brief, str):
        html = brief
    else:
        from dashboard.brief import brief_page

        charts = chart_images(brief.charts, "jpeg", PRINT_SCALE)
        html = brief_page(brief, [f"{CHART_SCHEME}:{i}" for i in range(len(brief.charts))])
    try:
        return bytes(HTML(string=html, url_fetcher=_fetcher(charts)).write_pdf())
    except FatalURLFetchingError as exc:
        drawing = charts.exception() if charts is not None and charts.done() else None
        raise (drawing or exc.__cause__ or exc) from None  # kaleido's own error, not WeasyPrint's wrapper
    finally:
        if charts is not None and not charts.done():  # a PDF that failed early: its Chromium closed, not left behind
            with contextlib.suppress(Exception):
                charts.result(DRAW_TIMEOUT_S)
