"""Real-browser testing with Debian's Chromium (Playwright cannot download browsers here)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from collections.abc import Callable
from pathlib import Path

# Debian's Chromium, for the tests only (the build prints with WeasyPrint); no calls to Google's services.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


# The desktop a page gate opens by default (tabs.open(url, **DESKTOP)).
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "nl-NL"}


class Tabs:
    """One browser tab per set of context options, reused by the page-by-page gates (layout, axe) of one module.

    Opening a tab costs Debian's Chromium about 0.35 core-seconds (a new renderer process) and its first load
    another 0.25, more than the check itself: measured on 2 cores, 20 loads in new tabs took 17 core-s, in one
    reused tab 5-7. Each ``open`` leaves the tab as a new visitor finds it: the site's storage and cookies
    cleared (the werkmap keeps its picks in localStorage), and the next ``goto`` loads a fresh document.
    Only for tests that read a page; a test that routes requests or listens to events gets its own context.
    """

    def __init__(self, browser) -> None:
        self.browser = browser
        self.open_tabs: dict[str, object] = {}

    def open(self, origin: str, **options):
        key = repr(sorted(options.items()))
        if key not in self.open_tabs:
            self.open_tabs[key] = self.browser.new_context(**options).new_page()
            return self.open_tabs[key]
        page = self.open_tabs[key]
        page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
        page.goto("about:blank")  # unload handlers run now, before the storage is cleared below
        cdp = page.context.new_cdp_session(page)
        try:
            cdp.send("Storage.clearDataForOrigin", {"origin": origin.rstrip("/"), "storageTypes": "all"})
        finally:
            cdp.detach()
        page.context.clear_cookies()
        return page

    def close(self) -> None:
        for page in self.open_tabs.values():
            page.context.close()
        self.open_tabs.clear()
