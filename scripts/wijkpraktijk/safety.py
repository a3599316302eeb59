"""The built site's last line of defence: a scan for active content, and a Content-Security-Policy on every page.

Contributors' text is refused or escaped long before this (body.py, allowlist.py, the templates). This runs on
the finished HTML, whatever produced it (MkDocs now, Zensical later): an event handler, a script URL, an
embedded object or a script in the content area fails the build, with the file, and the previous site/ is kept.
Then every page gets a CSP as a meta tag (static hosts such as GitHub Pages send no custom headers). It allows
the site's own script files and, by hash, the few inline scripts the theme writes into each page, so a script or
handler that got through anyway would not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"})
SCRIPT_URL_RE = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
EMBEDS = frozenset({"iframe", "frame", "object", "embed", "base"})
# Fine in the theme's <head>, never in the content: a refresh to another site, a style sheet, a preload.
HEAD_ONLY = frozenset({"meta", "link", "style"})
# 'ping' makes a link report each click elsewhere; 'srcdoc' is a whole document in an attribute.
ACTIVE_ATTRIBUTES = frozenset({"ping", "srcdoc"})
OFFSITE_REFRESH_RE = re.compile(r"url\s*=\s*['\"]?\s*([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# What a page's own policy may allow for scripts and still be kept (the form: 'unsafe-eval', see cms.py).
OWN_POLICY_SCRIPTS = frozenset({"'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"})
CONTENT = "article"  # Material's content area: all that contributors' text can reach
NOT_JAVASCRIPT = frozenset({"application/json", "application/ld+json"})  # data blocks, never run
# 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly; it allows compiling that, not JavaScript's eval.
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "frame-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


@dataclass
class Page:
    """What a page holds that matters here."""

    findings: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    own_policy: str | None = None  # a page that brings its own CSP (the form at /admin/, cms.py) keeps it


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.in_content = 0
        self.script: list[str] | None = None  # text of the inline script being read

    def handle_starttag(self, tag, attrs):
        where = " in de inhoud" if self.in_content else ""
        if tag == CONTENT:
            self.in_content += 1
        if tag in EMBEDS or (tag in HEAD_ONLY and self.in_content):
            self.page.findings.append(f"<{tag}>{where}")
        for name, value in attrs:
            compact = re.sub(r"[\s\x00-\x20]", "", value or "")
            if name.startswith("on") or name in ACTIVE_ATTRIBUTES:
                self.page.findings.append(f"{name}= op <{tag}>{where}")
            elif name in URL_ATTRIBUTES and SCRIPT_URL_RE.match(compact) and not _data_image(tag, name, compact):
                self.page.findings.append(f"{name}={(value or '')[:60]!r} op <{tag}>{where}")
        if tag == "script":
            self._script(dict(attrs))
        if tag == "meta":
            self._meta(dict(attrs))

    def _meta(self, attrs: dict) -> None:
        equiv, content = (attrs.get("http-equiv") or "").lower(), attrs.get("content") or ""
        if equiv == "content-security-policy":
            self._own_policy(content)
        elif equiv == "refresh" and OFFSITE_REFRESH_RE.search(content):  # redirect stubs point inside the site
            self.page.findings.append(f"doorverwijzing naar een andere website ({content[:60]!r})")

    def _own_policy(self, content: str) -> None:
        """Judged in ``scan`` once the page's inline scripts are known (the policy harden() writes lists them)."""
        if self.in_content:
            self.page.findings.append("eigen Content-Security-Policy in de tekst van de pagina")
        self.page.own_policy = content

    def _script(self, attrs: dict) -> None:
        src = attrs.get("src")
        if src is not None:
            if re.match(r"^([a-z][a-z0-9+.-]*:|//)", src.strip(), re.IGNORECASE):
                self.page.findings.append(f"<script src={src[:60]!r}> van een andere website")
        elif self.in_content:
            self.page.findings.append("<script> in de inhoud")
        elif (attrs.get("type") or "").lower() not in NOT_JAVASCRIPT:
            self.script = []

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.page.inline_scripts.append("".join(self.script))
            self.script = None
        elif tag == CONTENT and self.in_content:
            self.in_content -= 1


def _data_image(tag: str, name: str, value: str) -> bool:
    """An inline picture (Material draws some icons so) is not a script; an SVG could be, so it is not allowed."""
    return tag == "img" and name == "src" and re.match(r"^data:image/(png|gif|jpe?g|webp);", value, re.I) is not None


def scan(html: str) -> Page:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    page = scanner.page
    if page.own_policy is not None and page.own_policy != policy(page.inline_scripts):
        # Not the policy harden() gives this page: kept only when its scripts come from the site alone.
        script_src = re.search(r"(?:^|;)\s*script-src ([^;]*)", page.own_policy)
        sources = script_src.group(1).split() if script_src else []
        if not sources or any(s not in OWN_POLICY_SCRIPTS for s in sources):
            page.findings.append(f"eigen Content-Security-Policy met script-src {' '.join(sources) or '(geen)'}")
    return page


def policy(inline_scripts: list[str]) -> str:
    """The page's CSP: its inline scripts allowed by their SHA-256, exactly as the browser hashes them."""
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"
        for text in dict.fromkeys(inline_scripts)
    )
    return POLICY.format(hashes=hashes)


def with_policy(html: str, inline_scripts: list[str]) -> str:
    """``html`` with the CSP meta tag as early in <head> as it can go (right after the charset)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_scripts)}">'
    anchor = re.search(r"<meta charset=[^>]*>", html, re.IGNORECASE) or re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if anchor is None:
        return html
    return html[: anchor.end()] + tag + html[anchor.end() :]


def harden(site: Path, add_policy: bool = True) -> list[str]:
    """Scan every HTML page of ``site``; without findings, give each its CSP. Returns the findings (Dutch)."""
    pages = sorted(site.rglob("*.html"))
    findings: list[str] = []
    scanned: dict[Path, tuple[str, Page]] = {}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        page = scan(html)
        scanned[path] = (html, page)
        findings += [f"{path.relative_to(site).as_posix()}: {finding}" for finding in page.findings]
    if findings or not add_policy:
        return findings
    for path, (html, page) in scanned.items():
        if page.own_policy is None:
            path.write_text(with_policy(html, page.inline_scripts), encoding="utf-8")
    return []
