"""The gate in front of decap-server under ``make cms``: only the form's own page, and only files in practices/.

decap-server (npm) obeys any page on localhost or 127.0.0.1, whatever its port, never checks the Host header
(so a DNS-rebinding page gets in too), and reads and writes every file of the repository: scripts/, the
Makefile, .git/config (security review 3, F3). So it listens on an internal port, and on ``--proxy-port`` this
gate forwards a request to it only when

- ``Host`` is ``127.0.0.1:<port>`` or ``localhost:<port>``: a rebinding page sends its own name;
- ``Origin`` is exactly the preview's own (``http://127.0.0.1:8000``), for preflights too;
- the path is ``/<token>/api/v1`` with a token made for this run, written only into the generated
  ``config.yml`` (``local_backend.url``), which no other site can read;
- the body is JSON with one of the actions the form uses, and every path in it (``path``, ``newPath``,
  ``folder``, ``mediaFolder``, ``paths``, at any depth) is a plain relative path under practices/ that
  stays there once links are resolved.

Anything else gets 403 with the reason in Dutch, and decap-server never sees it. ``refusal`` is the whole rule,
a pure function, so the tests try it without a server.
"""

from __future__ import annotations

import http.client
import json
import os
import posixpath
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

API = "/api/v1"  # decap-server's one route
# decap-server's actions in its 'fs' mode (dist/index.js); the editorial workflow's exist only in 'git' mode.
ACTIONS = frozenset(
    {
        "info",
        "entriesByFolder",
        "entriesByFiles",
        "getEntry",
        "persistEntry",
        "getMedia",
        "getMediaFile",
        "persistMedia",
        "deleteFile",
        "deleteFiles",
        "getDeployPreview",
    }
)
PATH_KEYS = frozenset({"path", "newPath", "folder", "mediaFolder", "paths"})
CONTENT = "practices"
MAX_BODY = 50 * 1024 * 1024  # decap-server's own limit (express.json); a photo in base64 fits
# Request headers decap-server needs; everything else (cookies, a forged Host) stays here.
FORWARDED = ("Content-Type", "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers")
HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"})


@dataclass(frozen=True)
class Gate:
    """What one run of ``make cms`` lets through: its own port, the preview's origin, its token, its checkout."""

    port: int
    origin: str
    root: Path
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def route(self) -> str:
        return f"/{self.token}{API}"

    @property
    def url(self) -> str:
        """``local_backend.url`` in the form's config: the only place the token is written."""
        return f"http://127.0.0.1:{self.port}{self.route}"


def _paths(value: object) -> list[object]:
    """Every value under a path-like key, at any depth of the request's params."""
    found: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if key in PATH_KEYS:
                    found.extend(inner if isinstance(inner, list) else [inner])
                else:
                    stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _inside_content(path: object, root: Path) -> bool:
    """A plain relative path (no '..', no '\\', no doubled '/') under practices/, also once links are resolved."""
    if not isinstance(path, str) or not path or "\\" in path or "\0" in path or path.startswith("/"):
        return False
    plain = posixpath.normpath(path)
    if plain != path.rstrip("/") or not (plain == CONTENT or plain.startswith(CONTENT + "/")):
        return False
    content = os.path.realpath(root / CONTENT)
    resolved = os.path.realpath(root / plain)
    return resolved == content or resolved.startswith(content + os.sep)


def refusal(gate: Gate, method: str, path: str, headers, body: bytes) -> str | None:
    """Why this request may not reach decap-server (Dutch), or None when it may."""
    if headers.get("Host") not in (f"127.0.0.1:{gate.port}", f"localhost:{gate.port}"):
        return "Onbekende Host: het formulier praat alleen met 127.0.0.1."
    if headers.get("Origin") != gate.origin:
        return f"Alleen het formulier op {gate.origin}/admin/ mag hier opslaan."
    if path != gate.route:
        return "Onbekend adres: open het formulier opnieuw via make cms."
    if method == "OPTIONS":
        return None
    if method != "POST":
        return "Alleen POST-verzoeken van het formulier."
    try:
        request = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "Het verzoek is geen JSON."
    if not isinstance(request, dict) or request.get("action") not in ACTIONS:
        return "Onbekende actie."
    outside = [p for p in _paths(request.get("params")) if not _inside_content(p, gate.root)]
    if outside:
        return f"Het formulier schrijft en leest alleen in {CONTENT}/, niet in {str(outside[0])[:80]!r}."
    return None


def _handler(gate: Gate, upstream: int):
    class Handler(BaseHTTPRequestHandler):
        server_version = "wijkpraktijk-cms-gate"
        sys_version = ""

        def _answer(self, status: int, body: bytes, headers: list[tuple[str, str]] = ()) -> None:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _handle(self) -> None:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY:
                self._answer(413, b'{"error": "Het verzoek is te groot."}', [("Content-Type", "application/json")])
                return
            body = self.rfile.read(length)
            why = refusal(gate, self.command, self.path, self.headers, body)
            if why is not None:
                message = json.dumps({"error": why}, ensure_ascii=False).encode("utf-8")
                self._answer(403, message, [("Content-Type", "application/json; charset=utf-8")])
                return
            connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=120)
            try:
                headers = {name: self.headers[name] for name in FORWARDED if self.headers.get(name) is not None}
                connection.request(self.command, API, body=body if self.command == "POST" else None, headers=headers)
                response = connection.getresponse()
                data = response.read()
                kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
                self._answer(response.status, data, kept)
            except OSError:
                self._answer(502, b'{"error": "decap-server antwoordt niet."}', [("Content-Type", "application/json")])
            finally:
                connection.close()

        do_POST = do_OPTIONS = do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

        def log_message(self, *args) -> None:  # decap-server logs what it does; refusals are answered
            pass

    return Handler


class GateServer:
    """The gate on 127.0.0.1:``gate.port``, forwarding to decap-server on 127.0.0.1:``upstream``, in a thread."""

    def __init__(self, gate: Gate, upstream: int):
        self.server = ThreadingHTTPServer(("127.0.0.1", gate.port), _handler(gate, upstream))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> GateServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
