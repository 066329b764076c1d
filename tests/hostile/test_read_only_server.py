"""Who may change the store: the team server is read-only for data unless its admin opens it.

A fabricated file with SIPRI's preamble (synthetic, tests/hostile/conftest.py) is what an
anonymous visitor would drop on the Data page. On a read-only server the page shows no upload
control and no fetch button, and the callbacks refuse a hand-made request anyway (called directly
and posted to the Flask app as a browser would post it); on an open server it is stored.
"""

from __future__ import annotations

import base64
import inspect
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import dash
import pytest

from etl.config import Settings
from etl.errors import ArmsExplorerError
from etl.ingest import ingest
from etl.store import Store
from tests.hostile.conftest import hostile_register, page_of

FABRICATED = hostile_register("18 May 2026 2:29:20 PM")
TOKEN = "a-long-admin-token-for-tests-0123"


def upload_args(name: str = "trade-register.csv", data: bytes = FABRICATED) -> tuple[list[str], list[str]]:
    return ["data:text/csv;base64," + base64.b64encode(data).decode()], [name]


def app_for(tmp_path: Path, **changes: Any) -> dash.Dash:
    from dashboard.app import create_app

    return create_app(Settings(store_dir=tmp_path / "store", **changes))


def releases_in(tmp_path: Path) -> list[str]:
    return sorted(Store(tmp_path / "store").manifest()["releases"])


def layout_text(app: dash.Dash, cookie: str | None = None) -> str:
    headers = {"Cookie": cookie} if cookie else {}
    with app.server.test_request_context(headers=headers):
        return json.dumps(page_of("data").layout(), cls=_PlotlyJSON)


class _PlotlyJSON(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        return o.to_plotly_json() if hasattr(o, "to_plotly_json") else str(o)


def dependencies(app: dash.Dash) -> list[dict[str, Any]]:
    return json.loads(app.server.test_client().get("/_dash-dependencies").data)


def post_callback(client: Any, app: dash.Dash, output_prefix: str, values: dict[str, Any]) -> Any:
    from tests.e2e.conftest import callback_payload

    payload = callback_payload(dependencies(app), output_prefix, values)
    if not payload["output"].startswith(".."):  # one output: the browser sends it alone, not in a list
        [payload["outputs"]] = payload["outputs"]
    return client.post("/_dash-update-component", json=payload)


# ---- read-only --------------------------------------------------------------------------------


def test_a_read_only_data_page_has_no_upload_or_fetch_but_says_how_the_admin_enables_them(tmp_path: Path) -> None:
    shown = layout_text(app_for(tmp_path, allow_uploads=False))
    assert '"id": "upload"' not in shown and '"id": "fetch-start"' not in shown
    assert "ARMS_EXPLORER_ALLOW_UPLOADS=1" in shown and '"id": "read-only"' in shown
    opened = layout_text(app_for(tmp_path, allow_uploads=True))
    assert '"id": "upload"' in opened and '"id": "fetch-start"' in opened and "read-only" not in opened


def test_a_fabricated_upload_called_directly_is_refused_on_a_read_only_server(tmp_path: Path) -> None:
    app = app_for(tmp_path, allow_uploads=False)
    with app.server.test_request_context():
        shown, stored = page_of("data").upload_files(*upload_args())
    assert shown[0].id == "upload-refused" and "read-only" in shown[0].children
    assert "ARMS_EXPLORER_ALLOW_UPLOADS=1" in shown[0].children
    assert stored is dash.no_update
    assert releases_in(tmp_path) == []


def test_a_fabricated_upload_posted_to_a_read_only_server_is_refused(tmp_path: Path) -> None:
    app = app_for(tmp_path, allow_uploads=False)
    contents, names = upload_args()
    response = post_callback(app.server.test_client(), app, "..upload-result.children",
                             {"upload.contents": contents, "upload.filename": names})
    assert response.status_code == 200
    body = json.loads(response.data)["response"]
    assert "read-only" in json.dumps(body["upload-result"])
    assert "Stored in release" not in response.data.decode()
    assert releases_in(tmp_path) == []


def test_a_fetch_asked_for_by_hand_is_refused_on_a_read_only_server(tmp_path: Path) -> None:
    app = app_for(tmp_path, allow_uploads=False, sipri_base_url="http://127.0.0.1:9/api/p/")
    with app.server.test_request_context():
        data_page = page_of("data")
        shown, poll_off, cancel_off = data_page.start_fetch(1, 2000, 2001, "", "")
        cancelled = data_page.cancel_fetch(1)
    assert shown[0].id == "fetch-refused" and poll_off and cancel_off
    assert cancelled[0][0].id == "fetch-refused"
    assert not (tmp_path / "store" / "jobs").exists()


# ---- open -------------------------------------------------------------------------------------


def test_the_same_upload_is_stored_on_an_open_server(tmp_path: Path) -> None:
    app = app_for(tmp_path, allow_uploads=True)
    contents, names = upload_args()
    response = post_callback(app.server.test_client(), app, "..upload-result.children",
                             {"upload.contents": contents, "upload.filename": names})
    assert "Stored in release 2026" in response.data.decode()
    assert releases_in(tmp_path) == ["2026"]


def test_an_uploaded_file_is_marked_as_uploaded_in_the_store(tmp_path: Path) -> None:
    if "origin" not in inspect.signature(ingest).parameters:
        pytest.skip("etl.ingest.ingest has no origin= yet (the store side of issue 13, finding 4, adds it)")
    app = app_for(tmp_path, allow_uploads=True)
    with app.server.test_request_context():
        page_of("data").upload_files(*upload_args())
    [entry] = Store(tmp_path / "store").manifest()["releases"]["2026"]["files"]
    assert entry["origin"] == "upload"


# ---- the admin token --------------------------------------------------------------------------


def test_with_an_admin_token_the_page_asks_for_it_and_refuses_until_it_is_given(tmp_path: Path) -> None:
    app = app_for(tmp_path, allow_uploads=False, admin_token=TOKEN)
    shown = layout_text(app)
    assert '"id": "admin-token"' in shown and '"id": "upload"' not in shown
    client = app.server.test_client()
    contents, names = upload_args()
    refused = post_callback(client, app, "..upload-result.children", {"upload.contents": contents, "upload.filename": names})
    assert "read-only" in refused.data.decode() and releases_in(tmp_path) == []

    wrong = post_callback(client, app, "..data-controls.children", {"admin-unlock.n_clicks": 1, "admin-token.value": TOKEN[:-1]})
    assert "not this server's admin token" in wrong.data.decode()
    assert "Set-Cookie" not in wrong.headers
    still = post_callback(client, app, "..upload-result.children", {"upload.contents": contents, "upload.filename": names})
    assert "read-only" in still.data.decode() and releases_in(tmp_path) == []

    right = post_callback(client, app, "..data-controls.children", {"admin-unlock.n_clicks": 1, "admin-token.value": TOKEN})
    cookie = right.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
    assert '"upload"' in right.data.decode() and '"fetch-start"' in right.data.decode()
    stored = post_callback(client, app, "..upload-result.children", {"upload.contents": contents, "upload.filename": names})
    assert "Stored in release 2026" in stored.data.decode() and releases_in(tmp_path) == ["2026"]
    assert '"id": "upload"' in layout_text(app, cookie.split(";")[0])


# ---- where the setting comes from -------------------------------------------------------------


def test_the_team_server_from_the_environment_is_read_only_unless_the_admin_allows_uploads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.app import create_app

    monkeypatch.setenv("ARMS_EXPLORER_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("ARMS_EXPLORER_ALLOW_UPLOADS", raising=False)
    monkeypatch.delenv("ARMS_EXPLORER_ADMIN_TOKEN", raising=False)
    assert Settings.from_env().allow_uploads is False
    with create_app().server.test_request_context():  # what `gunicorn dashboard.app:server` builds
        shown, _ = page_of("data").upload_files(*upload_args())
    assert shown[0].id == "upload-refused"
    for value, allowed in (("1", True), ("yes", True), ("0", False), ("", False)):
        monkeypatch.setenv("ARMS_EXPLORER_ALLOW_UPLOADS", value)
        assert Settings.from_env().allow_uploads is allowed
    monkeypatch.setenv("ARMS_EXPLORER_ALLOW_UPLOADS", "perhaps")
    with pytest.raises(ArmsExplorerError, match="ARMS_EXPLORER_ALLOW_UPLOADS='perhaps'"):
        Settings.from_env()
    monkeypatch.delenv("ARMS_EXPLORER_ALLOW_UPLOADS")
    monkeypatch.setenv("ARMS_EXPLORER_ADMIN_TOKEN", "short")
    with pytest.raises(ArmsExplorerError, match="16 characters"):
        Settings.from_env()
    monkeypatch.setenv("ARMS_EXPLORER_ADMIN_TOKEN", TOKEN)
    assert Settings.from_env().admin_token == TOKEN and TOKEN not in repr(Settings.from_env())


def test_serve_on_a_researchers_machine_allows_uploads_unless_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dashboard.app import SETTINGS_KEY
    from etl.cli import main

    monkeypatch.delenv("ARMS_EXPLORER_ALLOW_UPLOADS", raising=False)
    served: list[Settings] = []
    monkeypatch.setattr(dash.Dash, "run", lambda self, **_: served.append(self.server.config[SETTINGS_KEY]))
    assert main(["serve", "--store", str(tmp_path)]) == 0
    assert main(["serve", "--store", str(tmp_path), "--read-only"]) == 0
    # reachable from the network: read-only as the team server is, unless the admin allows uploads
    assert main(["serve", "--store", str(tmp_path), "--host", "0.0.0.0"]) == 0
    monkeypatch.setenv("ARMS_EXPLORER_ALLOW_UPLOADS", "1")
    assert main(["serve", "--store", str(tmp_path), "--host", "0.0.0.0"]) == 0
    assert main(["serve", "--store", str(tmp_path), "--host", "0.0.0.0", "--read-only"]) == 0
    assert [s.allow_uploads for s in served] == [True, False, False, True, False]
    assert replace(served[1], allow_uploads=True) == served[0]


# ---- the files of each release, and taking one out ---------------------------------------------

SECOND = hostile_register("18 May 2026 2:29:20 PM", [
    ("Pakistan", "China", "2015", "8", "Hangor", "submarine", "", "", "Second file's deal")])


def two_files(tmp_path: Path) -> Store:
    """Release 2026 of the fabricated register (ingested) and a second file (uploaded)."""
    settings = Settings(store_dir=tmp_path / "store")
    ingest([("trade-register.csv", FABRICATED)], settings)
    ingest([("second.csv", SECOND)], settings, origin="upload")
    return Store(settings.store_dir)


def removal(app: dash.Dash, release: str, sha256: str) -> dict[str, Any]:
    """What the browser posts when the Remove control of one file is confirmed."""
    dep = next(d for d in dependencies(app) if '"remove-file"' in d["inputs"][0]["id"])
    pattern = {"release": release, "sha256": sha256, "type": "remove-file"}
    key = json.dumps(pattern, separators=(",", ":"), sort_keys=True)
    property_name = dep["output"].split(".", 1)[1]
    return {"output": dep["output"], "outputs": {"id": "store-releases", "property": property_name},
            "inputs": [[{"id": pattern, "property": "submit_n_clicks", "value": 1}]], "state": [],
            "changedPropIds": [f"{key}.submit_n_clicks"]}


def test_the_data_page_lists_every_file_with_how_and_when_it_came_its_sha256_date_and_rows(tmp_path: Path) -> None:
    store = two_files(tmp_path)
    shown = layout_text(app_for(tmp_path, allow_uploads=False))
    for f in store.release("2026").files:
        assert f["name"] in shown and f["sha256"][:12] in shown
    assert "ingest (command line)" in shown and "upload (Data page)" in shown
    assert "18 May 2026" in shown and f"{store.release('2026').files[0]['added_at'][:10]}" in shown
    assert '"Rows stored"' in shown


def test_a_read_only_data_page_has_no_remove_control_and_refuses_a_removal_posted_by_hand(tmp_path: Path) -> None:
    store = two_files(tmp_path)
    before = store.manifest()
    app = app_for(tmp_path, allow_uploads=False)
    assert "remove-file" not in layout_text(app)
    second = next(f for f in store.release("2026").files if f["name"] == "second.csv")
    response = app.server.test_client().post("/_dash-update-component", json=removal(app, "2026", second["sha256"]))
    assert response.status_code == 200
    assert "read-only for data" in response.data.decode() and "remove-refused" in response.data.decode()
    assert store.manifest() == before


def test_on_an_open_server_remove_takes_one_file_out_and_rebuilds_the_release_as_the_command_does(
    tmp_path: Path,
) -> None:
    store = two_files(tmp_path)
    app = app_for(tmp_path, allow_uploads=True)
    assert "remove-file" in layout_text(app)
    second = next(f for f in store.release("2026").files if f["name"] == "second.csv")
    response = app.server.test_client().post("/_dash-update-component", json=removal(app, "2026", second["sha256"]))
    text = response.data.decode()
    assert "Removed second.csv from release 2026; the release was rebuilt from its 1 other file(s)." in text
    release = Store(tmp_path / "store").release("2026")
    assert [f["name"] for f in release.files] == ["trade-register.csv"]
    assert "Hangor" not in set(Store(tmp_path / "store").table(release, "deals")["designation"])
    assert "second.csv" not in text.split("remove-ok")[1]  # the list afterwards no longer holds it


def test_with_the_admin_token_given_the_files_get_their_remove_control(tmp_path: Path) -> None:
    two_files(tmp_path)
    app = app_for(tmp_path, allow_uploads=False, admin_token=TOKEN)
    client = app.server.test_client()
    assert "remove-file" not in layout_text(app)
    right = post_callback(client, app, "..data-controls.children", {"admin-unlock.n_clicks": 1, "admin-token.value": TOKEN})
    assert "remove-file" in right.data.decode()
    assert "remove-file" in layout_text(app, right.headers["Set-Cookie"].split(";")[0])
