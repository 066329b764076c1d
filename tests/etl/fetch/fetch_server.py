"""A real HTTP server on 127.0.0.1 (random port) that replays scripted answers and records requests.

Tests point `Settings.sipri_base_url` at `server.base_url` and script what the "backend" answers:
`ReplayServer(sequence(Reply(...), ...))` answers each request with the next reply (the last one
repeats); `by_layout(delivery=..., classic=...)` answers by what the request body asks for.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted answer: status, body and headers, optionally late or cut off."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait this long before answering (a slow backend)
    drop: bool = False  # close the connection without answering (a reset)


@dataclass
class Recorded:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Responder = Callable[[Recorded], Reply]


def sequence(*replies: Reply) -> Responder:
    """Answer the n-th request with the n-th reply; the last reply answers every later request."""
    queue = list(replies)
    lock = threading.Lock()

    def answer(_request: Recorded) -> Reply:
        with lock:
            return queue.pop(0) if len(queue) > 1 else queue[0]

    return answer


def by_layout(delivery: Reply, classic: Reply) -> Responder:
    """Answer a request carrying the `exportOption` filter with `delivery`, any other with `classic`."""

    def answer(request: Recorded) -> Reply:
        fields = [f.get("field") for f in request.json().get("filters", [])]
        return delivery if "exportOption" in fields else classic

    return answer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (a timeout test) makes the handler's write fail: expected here.
        return


class ReplayServer:
    """The server, started on enter and stopped (waits cut short) on exit."""

    def __init__(self, responder: Responder) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self._stop = threading.Event()
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}/api/p/"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorded = Recorded(self.command, self.path, dict(self.headers.items()), body)
                server.requests.append(recorded)
                reply = server.responder(recorded)
                if reply.delay_s and server._stop.wait(reply.delay_s):
                    return
                if reply.drop:
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(reply.body)

            do_POST = _serve
            do_GET = _serve

        return Handler
