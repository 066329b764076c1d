"""The `check`, `search` and `diff` subcommands, registered on the `arms-explorer` Typer app.

Kept here (not in etl/cli/) so that the verify package owns its commands; `etl.cli.entry` calls
`register(app)` once. Errors raise `ArmsExplorerError` subclasses, which `etl.cli.main` prints as
one sentence with exit status 2.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from etl.config import Settings
from etl.errors import printable

# The commands import the store, pandas and the claim reader when they run, not when
# `arms-explorer` starts (its --help must not pay for them).
if TYPE_CHECKING:
    from etl.entities import EntityResolver
    from etl.store import ReleaseInfo, Store


class OutputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder (default: $ARMS_EXPLORER_STORE or the user data folder).",
                 envvar="ARMS_EXPLORER_STORE"),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="text, markdown or json.")]


class CheckFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    claimreview = "claimreview"


CheckFormatOption = Annotated[CheckFormat, typer.Option(
    "--format", help="text, markdown, json, or claimreview (schema.org ClaimReview items, JSON-LD).")]


def _store(store: Path | None) -> Store:
    from etl.store import Store

    st = Store.from_settings(Settings.from_env(store))
    st.require_folder()  # a typo in --store is an error, not an empty store
    return st


def _resolver(info: ReleaseInfo) -> EntityResolver:
    from etl.entities import EntityResolver

    return EntityResolver.with_unclassified(info.unclassified)


def check_command(
    text: Annotated[str, typer.Argument(help="The text to check: a sentence, a paragraph or a whole article, as written.")] = "",
    file: Annotated[Path | None, typer.Option("--file", help="A saved article: .html (its main text and date are read offline) or .txt.")] = None,
    article_date: Annotated[str | None, typer.Option("--date", help="The article's date, YYYY-MM-DD: anchors 'last week', 'next year', 'in May'.")] = None,
    supplier: Annotated[str | None, typer.Option("--supplier", help="Supplier (overrides the text, for every claim).")] = None,
    recipient: Annotated[str | None, typer.Option("--recipient", help="Recipient (overrides the text, for every claim).")] = None,
    weapon: Annotated[str | None, typer.Option("--weapon", help="Designation or type, e.g. 'MH-60R' or 'frigates'.")] = None,
    quantity: Annotated[str | None, typer.Option("--quantity", help="Number of weapons claimed.")] = None,
    value: Annotated[str | None, typer.Option("--value", help="Money value claimed, e.g. '$2.6 billion'.")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="announced, agreed, ordered, delivered or used.")] = None,
    from_year: Annotated[str | None, typer.Option("--from-year")] = None,
    to_year: Annotated[str | None, typer.Option("--to-year")] = None,
    release: Annotated[str | None, typer.Option("--release", help="Release to check against (default: newest).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's address, for --format claimreview (a saved page's own address is read from it).")] = None,
    format: CheckFormatOption = CheckFormat.text,
    store: StoreOption = None,
) -> None:
    """Check an article or a claim against the register: every claim on its own pair, a verdict per part, with evidence."""
    from etl.verify.article import ReleaseData, check_text
    from etl.verify.claims import ClaimError, parse_date, read_claim
    from etl.verify.pages import article_from_file
    from etl.verify.render_article import render_article

    dated = parse_date(article_date)
    if file is not None:
        if text:
            raise ClaimError("Give the text or --file, not both.")
        text, published = article_from_file(file)
        dated = dated or published
        if url is None and format is CheckFormat.claimreview:
            url = _page_url(file)
    from etl.verify.claims import ClaimFields

    fields = ClaimFields(supplier, recipient, weapon, quantity, value, stage, from_year, to_year)
    data = ReleaseData.load(_store(store), release)
    if not text.strip():
        # Fields alone: one claim, as before.
        claim = read_claim(text, fields, data.resolver, data.index)
        from etl.verify.article import check_article
        from etl.verify.claims import Article

        result = check_article(Article(text="", claims=(claim,), no_claim=()), data, article_date=dated)
    else:
        result = check_text(text, data, dated, fields)
    if format is CheckFormat.claimreview:
        from etl.verify.claimreview import claimreview_json

        typer.echo(printable(claimreview_json(result, article_url=url)))
        return
    typer.echo(printable(render_article(result, format.value)))


def _page_url(path: Path) -> str | None:
    """The address a saved .html page gives for itself (None for text files or a page without one)."""
    from etl.verify.pages import HTML_SUFFIXES, MAX_FILE_BYTES, _decode

    if not path.name.lower().endswith(HTML_SUFFIXES):
        return None
    from etl.verify.claimreview import url_from_html

    with path.open("rb") as handle:
        return url_from_html(_decode(handle.read(MAX_FILE_BYTES)))


def search_command(
    text: Annotated[str, typer.Argument(help="A designation ('TB2', 'MH-60R') or a type ('frigates', 'loitering munitions').")],
    release: Annotated[str | None, typer.Option("--release", help="Release to search (default: newest).")] = None,
    all_releases: Annotated[bool, typer.Option("--all-releases", help="Search every release in the store.")] = False,
    format: FormatOption = OutputFormat.text,
    store: StoreOption = None,
) -> None:
    """Find a weapon across every supplier -> recipient pair, with order and delivery years."""
    from etl.verify.diff import DiffError
    from etl.verify.render import render_search
    from etl.verify.search import search_weapon

    st = _store(store)
    if all_releases and release:
        raise DiffError("Give --release or --all-releases, not both.")
    infos = st.releases() if all_releases else [st.release(release)]
    if not infos:
        st.release(None)  # raises the store's own 'no release yet' sentence
    result = search_weapon(text, [(info, st.table(info, "deals")) for info in infos])
    typer.echo(printable(render_search(result, format.value)))


def diff_command(
    from_release: Annotated[str, typer.Option("--from", help="The older release, e.g. 2024.")],
    to_release: Annotated[str, typer.Option("--to", help="The newer release, e.g. 2026.")],
    supplier: Annotated[list[str] | None, typer.Option("--supplier", help="Supplier; repeat for several.")] = None,
    recipient: Annotated[list[str] | None, typer.Option("--recipient", help="Recipient; repeat for several.")] = None,
    wording: Annotated[bool, typer.Option("--wording", help="Also list deals that differ only in the wording of description or comments.")] = False,
    format: FormatOption = OutputFormat.text,
    store: StoreOption = None,
) -> None:
    """Deals added, removed, changed, relabelled or not comparable between two releases."""
    from etl.verify.diff import DiffError, diff_releases
    from etl.verify.render import render_diff

    if from_release == to_release:
        raise DiffError(f"--from and --to are both release {from_release}: choose two different releases.")
    st = _store(store)
    old, new = st.release(from_release), st.release(to_release)
    resolver = _resolver(new)
    suppliers = resolver.resolve_many(supplier, field="supplier") if supplier else None
    recipients = resolver.resolve_many(recipient, field="recipient") if recipient else None
    result = diff_releases(old, st.table(old, "deals"), new, st.table(new, "deals"), suppliers, recipients)
    typer.echo(printable(render_diff(result, format.value, include_wording=wording)))


def register(app: typer.Typer) -> None:
    """Add the verify subcommands to the `arms-explorer` app."""
    app.command("check")(check_command)
    app.command("search")(search_command)
    app.command("diff")(diff_command)
