"""Provenance: SIPRI's credit line, the data's date and release, and citations for any view."""

from __future__ import annotations

from datetime import date

from etl.config import SIPRI_CREDIT, SIPRI_DB_URL, TIV_EXPLANATION, TIV_UNIT_LABEL
from etl.store import ReleaseInfo


def credit_line(release: ReleaseInfo) -> str:
    """'Source: SIPRI Arms Transfers Database (c) SIPRI; release 2024, data generated 13 Oct 2024.'

    A release that holds a file uploaded on the Data page says so: its figures are not SIPRI's alone.
    """
    return (
        f"{SIPRI_CREDIT}; release {release.label}, data generated {release.data_generated_text}"
        f"{_uploaded_note(release)}."
    )


def uploaded_files(release: ReleaseInfo) -> list[str]:
    """Names of the release's files that a user uploaded on the Data page."""
    return [str(f.get("name")) for f in release.files if f.get("origin") == "upload"]


def _uploaded_note(release: ReleaseInfo) -> str:
    names = uploaded_files(release)
    if not names:
        return ""
    files = "1 file" if len(names) == 1 else f"{len(names)} files"
    return (
        f"; includes {files} uploaded by a user of this server, not verified as SIPRI's: "
        f"{', '.join(names)}"
    )


def provenance_lines(release: ReleaseInfo, query: str | None = None) -> list[str]:
    """The lines that head every export: source, release, query, units."""
    lines = [credit_line(release)]
    if query:
        lines.append(f"Query: {query}")
    lines.append(f"Units: {TIV_UNIT_LABEL}. {TIV_EXPLANATION}")
    lines.append(f"Database: {SIPRI_DB_URL}")
    return lines


def citation_text(
    release: ReleaseInfo, view_url: str | None = None, accessed: date | None = None
) -> str:
    """A plain-text citation of the release (and the view, when it has a link)."""
    when = (accessed or date.today()).isoformat()
    text = (
        f"Stockholm International Peace Research Institute (SIPRI), SIPRI Arms Transfers Database, "
        f"release {release.label} (data generated {release.data_generated_text}"
        f"{_uploaded_note(release)}), {SIPRI_DB_URL}, accessed {when}."
    )
    if view_url:
        text += f" View: {view_url}"
    return text


def citation_bibtex(
    release: ReleaseInfo, view_url: str | None = None, accessed: date | None = None
) -> str:
    """The citation as a BibTeX @misc entry."""
    when = (accessed or date.today()).isoformat()
    note = f"Release {release.label}, data generated {release.data_generated_text}{_uploaded_note(release)}"
    if view_url:
        note += f"; view: \\url{{{view_url}}}"
    return (
        f"@misc{{sipri_at_{release.label},\n"
        f"  author = {{{{Stockholm International Peace Research Institute}}}},\n"
        f"  title = {{{{SIPRI Arms Transfers Database}}}},\n"
        f"  year = {{{release.label}}},\n"
        f"  howpublished = {{\\url{{{SIPRI_DB_URL}}}}},\n"
        f"  note = {{{note}; accessed {when}}}\n"
        f"}}"
    )


def citation_ris(
    release: ReleaseInfo, view_url: str | None = None, accessed: date | None = None
) -> str:
    """The citation in RIS format."""
    when = (accessed or date.today()).strftime("%Y/%m/%d")
    lines = [
        "TY  - DATA",
        "AU  - Stockholm International Peace Research Institute",
        "TI  - SIPRI Arms Transfers Database",
        f"PY  - {release.label}",
        f"UR  - {view_url or SIPRI_DB_URL}",
        f"Y2  - {when}",
        f"N1  - Release {release.label}, data generated {release.data_generated_text}{_uploaded_note(release)}",
        "ER  - ",
    ]
    return "\n".join(lines)
