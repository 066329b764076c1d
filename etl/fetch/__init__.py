"""SIPRI's backend client: fetch both registers, keep each raw answer as a snapshot, ingest them.

SIPRI's Arms Transfers Database site (a JavaScript app) downloads its CSV exports from an
undocumented backend. This module asks that backend for the same exports, so a release can be
fetched without clicking through the site.

What is known (checked against the recorded answer in ../shared/sipri/atbackend-response_2025-02-10.json):
- `POST <base>trades/trade-register-csv/` with a JSON filter body answers `{"bytes": "<base64>"}`
  and nothing else; the base64 decodes, byte for byte, to a delivery-level register CSV
  (`delivery-rows_2025-02-10_2000-2001.csv`): SIPRI's usual preamble with `Data generated`, then
  the 17-column header `SIPRI AT Database ID,Supplier,...`; plain ASCII with LF line endings
  (so its encoding for names with accents is not known: the readers accept UTF-8 and Latin-1).
- That answer came from a request filtering delivery years 2000-2001 and carrying the
  `exportOption` filter; its preamble states the year range ("for the year range '2000' to '2001'").

What is assumed (published by third-party clients, not verifiable from here):
- The request body shape: `{"filters": [...], "logic": "AND"}` with a `Delivery year` filter
  (`condition "contains"`, `value1`/`value2` the first and last year), an `opendeals` filter
  and, for the delivery-level layout, an `exportOption` filter, all with empty `listData`.
- Without `exportOption` the same endpoint answers the classic register (16 columns, one row per
  deal, header `Recipient,Supplier,...`). We never rely on this blindly: every answer is read
  with the project's own readers, and an answer in the other layout than asked is an error.
- What `opendeals` does (presumably: include deals without deliveries yet); we send it as the
  third-party clients do.
- Supplier and recipient filters: the backend filters on SIPRI's own numeric entity ids in
  `listData`, which SIPRI does not publish and this project does not have. So we never send
  names (an unknown id may give an error, an empty export or everything, and we could not tell
  which); we ask for every country and filter the decoded CSV here, keeping the preamble,
  header and the matching records byte for byte. The snapshot keeps SIPRI's whole answer.

A fetch is all or nothing: a failure anywhere (network, answer, reading, ingest) leaves the store
as it was. `fetch_release` takes a progress callback and a cancel event and touches no global
state, so a dashboard page can run it in a background thread.
"""

from etl.fetch.answer import export_csv, filter_records
from etl.fetch.errors import (
    FetchCancelled,
    FetchError,
    FetchHTTPError,
    FetchNetworkError,
    FetchResponseError,
    FetchTimeoutError,
)
from etl.fetch.http import HttpAnswer, post_json
from etl.fetch.query import (
    ENDPOINT,
    FIRST_YEAR,
    LAYOUTS,
    SNAPSHOT_FILE,
    SNAPSHOTS_DIR,
    FetchOptions,
    FetchProgress,
    FetchQuery,
    ProgressCallback,
    endpoint_url,
    request_body,
)
from etl.fetch.release import FetchedExport, FetchResult, fetch_release
from etl.fetch.snapshots import load_snapshot, snapshot_folders

__all__ = [
    "ENDPOINT", "FIRST_YEAR", "LAYOUTS", "SNAPSHOTS_DIR", "SNAPSHOT_FILE", "FetchCancelled", "FetchError",
    "FetchHTTPError", "FetchNetworkError", "FetchOptions", "FetchProgress", "FetchQuery", "FetchResponseError",
    "FetchResult", "FetchTimeoutError", "FetchedExport", "HttpAnswer", "ProgressCallback", "endpoint_url",
    "export_csv", "fetch_release", "filter_records", "load_snapshot", "post_json", "request_body",
    "snapshot_folders",
]
