"""The Content-Security-Policy in a real browser, and the build-time scan for active content (safety.py).

Every kind of page loads with the CSP and not one violation; an inline handler slipped into a built page
does not run; and a build whose HTML holds active content fails and keeps the previous site/.
"""

from __future__ import annotations

import shutil

import pytest
from browser_support import DESKTOP, serve_directory
from conftest import FIXTURE
from page_kinds import names, visit
from sitecheck import build, copy_repo
from wijkpraktijk import safety
from wijkpraktijk.site import build_site

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "")));
"""


@pytest.fixture(scope="module")
def console(tabs, engine_url) -> list[str]:
    """The reused desktop tab (browser_support.Tabs) recording CSP violations in every document it loads, and
    its console messages."""
    page = tabs.open(engine_url, **DESKTOP)
    page.add_init_script(RECORD_VIOLATIONS)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", names())
def test_every_kind_of_page_has_the_policy_and_breaks_none_of_it(tabs, console, engine_url, engine_page_kinds, name):
    kind, path = engine_page_kinds[name]
    if path is None:
        pytest.skip(f"{kind.path} is not part of this site (yet)")
    page = tabs.open(engine_url, **DESKTOP)
    console.clear()
    visit(page, engine_url, kind, path)
    page.wait_for_load_state("networkidle")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy and "form-action 'self'" in policy
    assert page.evaluate("window.__csp") == [], name
    assert [m for m in console if "Content Security Policy" in m] == [], name


@pytest.mark.browser
@pytest.mark.slow
def test_an_injected_inline_handler_does_not_run(browser, real_site, site_url):
    """A handler and an inline script that got into a built page (as if every earlier layer had missed them)."""
    source = real_site.site / "kennisbank" / "presentie" / "index.html"
    target = real_site.site / "kennisbank" / "csp-proef" / "index.html"
    target.parent.mkdir(exist_ok=True)
    html = source.read_text(encoding="utf-8")
    injected = '<img src="x.png" onerror="window.__ran = 1"><script>window.__ran = 2</script>'
    target.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(site_url + "kennisbank/csp-proef/", wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__ran") is None
        blocked = page.evaluate("window.__csp")
        assert len([v for v in blocked if v.startswith("script-src")]) == 2, blocked
    finally:
        context.close()
        shutil.rmtree(target.parent)


PAYLOADS = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVa\tScript:alert(1)">x</a>',
    '<img src="x" onerror="alert(1)">',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<script>alert(1)</script>",
    '<script src="https://evil.example/x.js"></script>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="data:text/html,x"></object>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">x</button></form>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    # the body a poisoned cache carried (security review 3, F2): a refresh to another site, past nh3
    '<p>Deze pagina is verhuisd.</p><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9911/phish">',
    '<meta http-equiv="refresh" content="0; url=../elders/">',  # no meta in the content at all
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    '<a href="https://example.org" ping="https://evil.example/klik">x</a>',
]


def test_a_refresh_to_another_site_is_found_in_the_head_too():
    """Redirect pages (redirects.py) refresh to a page of the site; a refresh to another site is no stub."""
    stub = '<html><head><meta http-equiv="refresh" content="0; url=../nieuw/"></head><body></body></html>'
    assert safety.scan(stub).findings == []
    away = stub.replace("../nieuw/", "https://evil.example/")
    assert safety.scan(away).findings == ["doorverwijzing naar een andere website ('0; url=https://evil.example/')"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_scan_finds_active_content_in_the_content_area(payload):
    html = f"<html><head><meta charset=utf-8></head><body><article>{payload}</article></body></html>"
    assert safety.scan(html).findings, payload


def test_the_themes_own_inline_scripts_are_allowed_by_hash():
    html = (
        "<html><head><meta charset=utf-8><script>var a=1</script>"
        '<script id="__config" type="application/json">{"x": 1}</script></head>'
        '<body><article><script src="../assets/verbanden.js"></script><p>tekst</p></article></body></html>'
    )
    page = safety.scan(html)
    assert page.findings == [] and page.inline_scripts == ["var a=1"]
    hardened = safety.with_policy(html, page.inline_scripts)
    assert hardened.startswith('<html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy"')
    assert "'sha256-" in hardened and hardened.count("'sha256-") == 1


@pytest.mark.slow
def test_a_build_with_active_content_fails_and_keeps_the_previous_site(tmp_path, capsys):
    paths = copy_repo(tmp_path, practices=FIXTURE / "practices")
    build(paths, downloads=False)
    before = sorted(p.relative_to(paths.site) for p in paths.site.rglob("*"))
    # As if a renderer had let a handler through: the hand-written home page carries one.
    index = paths.docs / "index.md"
    handler = '\n<img src="kennisbank/qr/huisbezoek.png" onerror="alert(1)">\n'  # an image that is there
    index.write_text(index.read_text(encoding="utf-8") + handler, encoding="utf-8")
    assert build_site(paths, downloads=False) != 0
    assert "onerror= op <img> in de inhoud" in capsys.readouterr().err
    assert sorted(p.relative_to(paths.site) for p in paths.site.rglob("*")) == before


@pytest.mark.browser
@pytest.mark.slow
def test_the_zero_click_payloads_stay_text_in_a_browser(browser, tmp_path):
    """V2 of the security review (accepted by the check, so it must come out inert): a credit, a title and a
    bronnen.yml title that try to close the citation block. V1 and V3 never get that far (the check refuses them)."""
    paths = copy_repo(tmp_path, practices=FIXTURE / "practices")
    payload = "</div><img src=x.png onerror=window.__ran=1>"
    practice = paths.practices / "praktijken" / "buurtteam-voorbeeld.md"
    text = practice.read_text(encoding="utf-8").replace("  - name: Test Redactie", f'  - name: "Jan{payload}"')
    practice.write_text(text.replace("title: Buurtteam Voorbeeld", f'title: "Buurtteam{payload}"'), encoding="utf-8")
    sources = paths.practices / "bronnen.yml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("title: Een testartikel", f'title: "Artikel{payload}"'),
        encoding="utf-8",
    )
    build(paths, downloads=False)
    with serve_directory(paths.site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base + "kennisbank/buurtteam-voorbeeld/", wait_until="load")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__ran") is None
            assert page.locator("img[onerror]").count() == 0
            citation = page.locator(".wp-cite pre code").first.inner_text()
            assert "</div><img src=x.png onerror=window.__ran=1>" in citation  # shown as the text it is
        finally:
            context.close()
