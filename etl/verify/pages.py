"""A saved article as text: an .html page (its main text and published date, by trafilatura,
offline) or a .txt file. Errors a user can cause are one sentence naming the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.verify.claims import ClaimError

MAX_FILE_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def article_from_html(html: str, name: str = "the page") -> tuple[str, date | None]:
    """The main text and published date of an article page (trafilatura, no network)."""
    import trafilatura  # only for pages: it is slow to import

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise ClaimError(f"{name}: no article text found in the page; save the article as text "
                         "(.txt) or paste it.")
    published = None
    metadata = trafilatura.extract_metadata(html)
    if metadata is not None and metadata.date:
        try:
            published = date.fromisoformat(str(metadata.date)[:10])
        except ValueError:
            published = None
    title = metadata.title.strip() if metadata is not None and metadata.title else ""
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    return text, published


def article_from_bytes(data: bytes, name: str) -> tuple[str, date | None]:
    """An article file's text and published date (None for text files)."""
    if len(data) > MAX_FILE_BYTES:
        raise ClaimError(f"{name}: {len(data):,} bytes is larger than an article page can be "
                         f"({MAX_FILE_BYTES:,} bytes at most).")
    if b"\x00" in data[:4096]:
        raise ClaimError(f"{name}: not a text or HTML file (it holds binary data).")
    text = _decode(data)
    looks_html = name.lower().endswith(HTML_SUFFIXES) or text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
    if looks_html:
        return article_from_html(text, name)
    return text, None


def article_from_file(path: Path) -> tuple[str, date | None]:
    """The article saved at `path` (.html, .htm or .txt)."""
    try:
        if not path.is_file():
            raise ClaimError(f"{path}: no such file (give a saved article page, .html or .txt).")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ClaimError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    return article_from_bytes(data, path.name)
