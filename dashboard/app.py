"""Builds the Dash app once; `server` is the Flask app for `gunicorn dashboard.app:server`.

The settings live in the Flask config (`current_app.config[SETTINGS_KEY]`), never in a module
global, so every worker process built from the same environment behaves alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dash
from dash import Input, Output, dcc, html
from flask import current_app

from dashboard import data, guards, response_cache, static_cache
from dashboard.components import nav_context_callback
from etl.config import Settings

SETTINGS_KEY = "ARMS_EXPLORER_SETTINGS"
PAGES = Path(__file__).parent / "pages"
TITLE = "Arms Transfers Explorer"


def current_settings() -> Settings:
    """The settings of the app serving the current request."""
    return current_app.config[SETTINGS_KEY]


def create_app(settings: Settings | None = None) -> dash.Dash:
    """The multi-page Dash app over the store that `settings` (default: from the environment) names."""
    settings = settings or Settings.from_env()
    data.use_system_allocator()  # a worker's memory stays what its releases take (dashboard.data)
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES),
        title=TITLE,
        suppress_callback_exceptions=True,
        assets_folder=str(Path(__file__).parent / "assets"),
        update_title="",  # the tab's title stays while a callback runs ("" as None: both falsy to Dash)
        # gzip/brotli (flask-compress): plotly.js alone is 4.6 MB uncompressed on a first visit.
        compress=True,
        # One error boundary for every page: a callback's error as its sentence, above the page.
        on_error=guards.page_error_boundary,
    )
    app.server.config[SETTINGS_KEY] = settings
    guards.install(app)  # security headers on every response; no traceback in any response
    # flask-compress never closes the file behind a streamed response it compresses (a leaked
    # handle per asset). Streamed responses are only our small /assets files: they go as they are;
    # Dash's scripts and callback answers are not streamed and are still compressed.
    app.server.config["COMPRESS_STREAMS"] = False
    # Static files: long lifetimes where the URL names the version, cheap 304s, compressed once.
    static_cache.install(app)
    # The same view asked again over the same store is answered from memory (pure callbacks only).
    response_cache.install(app, settings.store_dir)
    # Refuse oversized uploads before reading them; each file is also checked against the limit.
    app.server.config["MAX_CONTENT_LENGTH"] = 3 * settings.max_upload_bytes
    nav = nav_pages()
    app.layout = html.Div(
        [
            html.Header(
                [
                    dcc.Link(TITLE, href="/", className="brand"),
                    html.Nav([dcc.Link(label, href=href, id=nav_id(href)) for label, href in nav], className="nav"),
                ],
                className="topbar",
            ),
            html.Main([html.Div(id=guards.PAGE_ERROR_ID), dash.page_container], className="main"),
        ]
    )
    # The current page's link is marked in the browser (no request): Dash pages' own location.
    hrefs = json.dumps([href for _, href in nav])
    app.clientside_callback(
        f'(path) => {hrefs}.map(href => (path === href || (href !== "/" && (path || "").startsWith(href + "/"))) ? "active" : "")',
        [Output(nav_id(href), "className") for _, href in nav],
        Input("_pages_location", "pathname"),
    )
    # The error boundary's sentence belongs to the view it came from: gone when the view changes.
    app.clientside_callback(
        "(path, search) => null",
        Output(guards.PAGE_ERROR_ID, "children"),
        Input("_pages_location", "pathname"),
        Input("_pages_location", "search"),
    )
    nav_context_callback(app, nav, nav_id)
    return app


def nav_pages(registry: Any = None) -> list[tuple[str, str]]:
    """(name, path) of every page `dash.register_page` registered, in their `order`: the nav.
    The pages' `order` is the one a researcher works in: a pair, a claim or a weapon; then the
    wider context; then the data."""
    pages = (registry if registry is not None else dash.page_registry).values()
    return [(page["name"], page["path"]) for page in pages]


def nav_id(href: str) -> str:
    """'/check' -> 'nav-check'; '/' -> 'nav-pair'."""
    return "nav-" + (href.strip("/") or "pair")


def __getattr__(name: str) -> object:
    # `server` is built on first use, so importing this module (tests, the CLI) builds nothing.
    if name in ("server", "app"):
        built = _default_app()
        return built.server if name == "server" else built
    raise AttributeError(name)


def _default_app() -> dash.Dash:
    global _APP  # built once per process from the environment, never changed afterwards
    if _APP is None:
        _APP = create_app()
    return _APP


_APP: dash.Dash | None = None
