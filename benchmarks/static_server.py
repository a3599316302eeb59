"""A static file server that caches like a real host: ETag, Cache-Control and gzip.

Python's http.server sends Last-Modified only and never compresses, so a
"second page" measured against it says little about a visitor's second page.
This server, used by benchmarks/page_weight.py and its test, does what common
static hosts (GitHub Pages, Netlify, nginx with gzip on) do:

- every response has a strong ETag (a hash of the file), and a request with a
  matching If-None-Match gets 304 Not Modified without a body;
- files whose name holds a content hash (Material's ``bundle.a5f9d56c.min.js``)
  are cached for a year (``max-age=31536000, immutable``); everything else
  (HTML, our own CSS/JS, the search index) is ``no-cache``: the browser keeps
  it but asks each time, and gets a 304 when nothing changed;
- text (HTML, CSS, JS, JSON, SVG, XML) is sent gzip-compressed when the
  browser accepts it.

It counts requests and bytes sent (status line, headers and body), so a
benchmark sees everything, also what web workers fetch.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.server
import mimetypes
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(js|css)$")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@dataclass
class Traffic:
    requests: int = 0
    not_modified: int = 0
    bytes_sent: int = 0
    paths: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.requests = self.not_modified = self.bytes_sent = 0
            self.paths = []


class _Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    traffic: Traffic
    cache: dict[Path, tuple[bytes, bytes, str]]
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _file(self) -> Path | None:
        rel = unquote(urlparse(self.path).path).lstrip("/")
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root):
            return None
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def _load(self, path: Path) -> tuple[bytes, bytes, str]:
        if path not in self.cache:
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            self.cache[path] = (body, gzip.compress(body, 6, mtime=0), etag)
        return self.cache[path]

    def do_GET(self):
        self._respond(head=False)

    def do_HEAD(self):
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        path = self._file()
        if path is None:
            self._send(404, {"Content-Type": "text/plain; charset=utf-8"}, b"Niet gevonden\n", head)
            return
        body, zipped, etag = self._load(path)
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype == "application/javascript":
            ctype += "; charset=utf-8"
        headers = {
            "Content-Type": ctype,
            "ETag": etag,
            "Cache-Control": YEAR if FINGERPRINTED.search(path.name) else REVALIDATE,
        }
        if etag in (t.strip() for t in self.headers.get("If-None-Match", "").split(",")):
            with self.traffic.lock:
                self.traffic.not_modified += 1
            self._send(304, headers, b"", head=True)
            return
        if ctype.startswith(COMPRESSIBLE):
            headers["Vary"] = "Accept-Encoding"
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                headers["Content-Encoding"] = "gzip"
                body = zipped
        self._send(200, headers, body, head)

    def _send(self, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        # Status line and headers as they go on the wire, plus the blank line.
        header_bytes = sum(len(line) for line in self._headers_buffer) + 2
        # Counted before the body goes out, so a client that has its answer sees it counted.
        with self.traffic.lock:
            self.traffic.requests += 1
            self.traffic.bytes_sent += header_bytes + (0 if head else len(body))
            self.traffic.paths.append(self.path)
        self.end_headers()
        if not head:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(root: Path):
    """Serve ``root`` on 127.0.0.1; yields (base URL ending in '/', Traffic)."""
    traffic = Traffic()
    handler = type("Handler", (_Handler,), {"root": Path(root).resolve(), "traffic": traffic, "cache": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", traffic
    finally:
        server.shutdown()
        server.server_close()
