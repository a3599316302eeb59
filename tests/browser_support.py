"""Real-browser testing with Debian's Chromium (Playwright cannot download browsers here)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from collections.abc import Callable
from pathlib import Path

# Debian's Chromium, started as the build starts it for the cards PDF (no calls to Google's services).
from wijkpraktijk.downloads import CHROMIUM, CHROMIUM_ARGS


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(root: Path):
    """Serve ``root`` on 127.0.0.1 on a free port; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def watch_requests(context, is_own: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """(every request of ``context``, those to another host): the latter are refused, and a test wants none."""
    requested: list[str] = []
    foreign: list[str] = []

    def route(request_route):
        url = request_route.request.url
        requested.append(url)
        if url.startswith(("data:", "blob:")) or is_own(url):
            request_route.continue_()
        else:
            foreign.append(url)
            request_route.abort()

    context.route("**/*", route)
    return requested, foreign


def accessible(page, selector: str) -> dict[str, str]:
    """Chromium's accessibility node of the first match: role, name and description, as a screen reader gets them."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"nothing matches {selector}"
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
    return {key: (ax.get(key) or {}).get("value", "") for key in ("role", "name", "description")}


# The text an element shows to the eye: without what is visually hidden (clip-path, as .wp-sr does) or not drawn.
VISIBLE_TEXT = """el => {
  const parts = [];
  const walk = n => {
    if (n.nodeType === 3) { parts.push(n.textContent); return; }
    if (n.nodeType !== 1) return;
    const style = getComputedStyle(n);
    if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath !== 'none') return;
    n.childNodes.forEach(walk);
  };
  walk(el);
  return parts.join('').replace(/\\s+/g, ' ').trim();
}"""
