"""The contributors' form (/admin/, Decap CMS) end to end, on the local route of ``make cms``.

One copy of the fixture knowledge base is served for the whole module by ``wijkpraktijk cms`` (the
preview server plus decap-server on 127.0.0.1, free ports); headless Chromium fills in the form like
a contributor, and the tests read what landed in practices/ with the project's own reader and check.
Every request the page makes is logged: none may leave 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from browser_support import free_port, watch_requests
from conftest import FIXTURE, REPO
from processes import running
from sitecheck import copy_repo
from test_accessibility import axe_violations, describe
from wijkpraktijk.pipeline import load
from wijkpraktijk.read import parse

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "cms"
NEW_ID = "buurtcirkel-proef"
# mkdocs serve writes its live-reload script into every page; /admin/'s policy blocks it, on purpose
# (a reload would throw away a half-filled form). Any other violation fails the tests.
LIVERELOAD = "inline"
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


def _served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200 and b"wijkpraktijk-cms.js" in response.read()
    except OSError:
        return False


@contextlib.contextmanager
def _cms_running(root: Path) -> Iterator[tuple[subprocess.Popen, int, int]]:
    """``wijkpraktijk cms`` on ``root``, once it serves /admin/: (process, preview port, decap-server port).

    Whatever happens inside, the process and the servers it started are stopped on leaving (processes.py).
    """
    port, proxy = free_port(), free_port()
    cmd = [sys.executable, "-m", "wijkpraktijk", "--root", str(root), "cms", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    with running(
        [*cmd, "--proxy-port", str(proxy)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        deadline = time.monotonic() + 90
        while not _served(f"http://127.0.0.1:{port}/admin/"):
            assert proc.poll() is None, proc.stdout.read()[-3000:]
            assert time.monotonic() < deadline, "make cms did not serve /admin/ within 90 s"
            time.sleep(0.3)
        yield proc, port, proxy


def _assert_free(*ports: int) -> None:
    """Both servers are gone: their ports can be taken again."""
    for free in ports:
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", free))


@pytest.fixture(scope="module")
def route(tmp_path_factory):
    """``wijkpraktijk cms`` on a copy of the fixture: yields (paths, admin URL, proxy port); stops with SIGTERM."""
    root = tmp_path_factory.mktemp("cms-route")
    paths = copy_repo(root, practices=FIXTURE / "practices")
    with _cms_running(root) as (proc, port, proxy):
        yield paths, f"http://127.0.0.1:{port}/admin/", proxy
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail("make cms did not stop on SIGTERM")
    _assert_free(port, proxy)


@pytest.fixture
def cms(browser, route):
    """A logged-in form; the test fails if the page asked anything of a host other than 127.0.0.1."""
    paths, url, proxy = route
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    # decap-server answers on another port of the same host
    requested, foreign = watch_requests(context, lambda url: urlparse(url).hostname == "127.0.0.1")
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    try:
        page.get_by_role("link", name=re.compile("Methoden")).first.wait_for(timeout=15000)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "inloggen-mislukt.png"))
        raise
    yield page, paths, url
    violations = [v for v in page.evaluate("window.__csp") if not v.startswith(f"script-src-elem {LIVERELOAD}")]
    context.close()
    gate = f"http://127.0.0.1:{proxy}/"  # the gate (cms_gate.py), with this run's token in the path
    assert any(r.startswith(gate) and r.endswith("/api/v1") for r in requested), "the form never reached decap-server"
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert violations == [], f"Content-Security-Policy violations: {violations}"


def _field(page, label: str):
    return page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}( \\(optioneel\\))?$"))


def _input(page, label: str):
    return page.locator("#" + _field(page, label).first.get_attribute("for"))


def _choose(page, label: str, *options: str) -> None:
    """A react-select: type the option's label and take the first match."""
    box = _input(page, label)
    for option in options:
        box.click()
        box.fill(option)
        page.keyboard.press("Enter")


def _checked_today(page) -> None:
    """*Laatst gecontroleerd* starts empty (a date nobody checked is no date): the contributor sets it, here
    with the widget's own "Nu" button."""
    field = _input(page, "Laatst gecontroleerd")
    assert field.input_value() == "", "Laatst gecontroleerd is prefilled"
    page.get_by_test_id("now-button").first.click()
    assert field.input_value(), "the Nu button set no date"


def _body(page):
    return page.locator('[aria-label="markdown field"] [data-slate-editor="true"]')


def _write_body(page, text: str) -> None:
    editor = _body(page)
    for _ in range(5):  # the template's text is there first: select it all and delete it
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")
        if not editor.inner_text().strip("\ufeff \n"):  # an empty Slate editor holds a zero-width space
            break
        page.wait_for_timeout(300)
    assert not editor.inner_text().strip("\ufeff \n"), "the body could not be emptied"
    for i, line in enumerate(text.split("\n")):
        if i:
            page.keyboard.press("Enter")
        if line:
            page.keyboard.insert_text(line)


def _publish(page, saved: bool = True) -> None:
    """Decap's local file-system route saves straight away: 'Publiceer' → 'Publiceer nu'; then wait for
    Decap to say so (the entry then reads as published), or fail with what the page says instead."""
    page.get_by_role("button", name="Publiceer").click()
    page.get_by_text("Publiceer nu", exact=True).click()
    if not saved:
        return
    try:
        page.get_by_text("Gepubliceerd", exact=True).first.wait_for(timeout=20_000)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "opslaan-mislukt.png"), full_page=True)
        toasts = page.locator(".Toastify").inner_text()
        pytest.fail(f"the form did not save; it says: {toasts!r}")


def _wait_for_file(path: Path, changed_from: str | None = None, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    seen = None
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        if text is not None and text != changed_from and text == seen:  # decap-server writes in place: wait
            return text  # until two reads agree
        seen = text
        time.sleep(0.3)
    pytest.fail(f"{path} was not written by the form")


def test_a_new_method_from_the_form_passes_the_check_and_becomes_a_page(cms, tmp_path):
    from sitecheck import build

    page, paths, url = cms
    page.goto(url + "#/collections/methoden/new")
    _input(page, "Id (vast webadres)").fill(NEW_ID)
    _input(page, "Titel").fill("Buurtcirkel: yes")  # a colon, and a word YAML 1.1 reads as true
    _input(page, "Samenvatting").fill("Bewoners helpen elkaar wekelijks, met een vrijwilliger als spil.")
    _choose(page, "Thema's", "Eenzaamheid", "Preventie")
    add_source = page.get_by_role("button", name=re.compile("bronnen", re.I)).first
    assert add_source.inner_text().strip().startswith("Voeg"), add_source.inner_text()  # was "Add bronnen"
    add_source.click()
    page.get_by_text("Bron uit bronnen.yml", exact=True).first.click()
    _choose(page, "Bron", "testbron")
    _input(page, "Naam").fill("Formulier Tester")
    _choose(page, "Status", "concept")
    _choose(page, "Onderbouwing", "ervaring")
    _input(page, "Doel").fill("Bewoners met elkaar verbinden.")
    _choose(page, "Niveau", "buurt")
    _checked_today(page)
    body = '## Achtergrond\n\nIn de bron staat hoe het begon [@testbron, "aanpak"].'
    _write_body(page, body)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "nieuwe-methode.png"), full_page=True)
    _publish(page)
    target = paths.practices / "methoden" / f"{NEW_ID}.md"
    page.wait_for_timeout(3000)
    page.screenshot(path=str(SHOTS / "na-opslaan.png"), full_page=True)
    text = _wait_for_file(target)
    raw, problems = parse(text, f"practices/methoden/{NEW_ID}.md")
    assert problems == [] and raw is not None
    assert raw.data["title"] == "Buurtcirkel: yes" and raw.data["themes"] == ["eenzaamheid", "preventie"]
    assert raw.data["sources"] == ["testbron"] and raw.data["basis"] == ["ervaring"]
    assert raw.data["credits"] == [{"name": "Formulier Tester", "role": "tekst"}]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.data["reviewed"])  # written as a date: reviewed: 2026-11-30
    assert re.search(r"^reviewed: \d{4}-\d{2}-\d{2}$", text, re.MULTILINE)
    assert raw.body.rstrip("\n") == body
    assert "null" not in text and text.endswith("\n") and not text.endswith("\n\n")
    keys = list(raw.data)
    assert keys[:10] == [
        "id",
        "type",
        "title",
        "summary",
        "themes",
        "sources",
        "credits",
        "reviewed",
        "status",
        "basis",
    ]
    assert load(paths).problems == []  # make check
    # make build, in a copy: a build regenerates docs/admin/ for the public site, which the route still serves
    built = copy_repo(tmp_path, practices=paths.practices)
    build(built, downloads=False)
    assert (built.site / "kennisbank" / NEW_ID / "index.html").is_file()


def test_an_empty_required_field_blocks_saving_with_a_dutch_message(cms):
    page, paths, url = cms
    before = sorted(p.name for p in (paths.practices / "methoden").iterdir())
    page.goto(url + "#/collections/methoden/new")
    _input(page, "Id (vast webadres)").fill("zonder-titel")
    page.get_by_role("button", name="Publiceer").click()
    page.get_by_text("Publiceer nu", exact=True).click()
    message = page.get_by_text("Titel is vereist.", exact=False).first
    message.wait_for(timeout=5000)
    page.screenshot(path=str(SHOTS / "verplicht-veld.png"))
    _input(page, "Id (vast webadres)").fill("Geen Goede Id")
    page.get_by_role("button", name="Publiceer").click()
    page.get_by_text("Publiceer nu", exact=True).click()
    page.get_by_text("Alleen kleine letters a-z", exact=False).first.wait_for(timeout=5000)
    time.sleep(1)
    assert sorted(p.name for p in (paths.practices / "methoden").iterdir()) == before


def test_a_taken_id_is_refused_in_dutch_before_anything_is_written(cms):
    page, paths, url = cms
    before = (paths.practices / "methoden" / "huisbezoek.md").read_text(encoding="utf-8")
    page.goto(url + "#/collections/methoden/new")
    _input(page, "Id (vast webadres)").fill("huisbezoek")
    _input(page, "Titel").fill("Nog een huisbezoek")
    _input(page, "Samenvatting").fill("Een tweede pagina met een id die al bestaat.")
    _choose(page, "Thema's", "Eenzaamheid")
    page.get_by_role("button", name=re.compile("bronnen", re.I)).first.click()
    page.get_by_text("Bron uit bronnen.yml", exact=True).first.click()
    _choose(page, "Bron", "testbron")
    _input(page, "Naam").fill("Formulier Tester")
    _choose(page, "Status", "concept")
    _choose(page, "Onderbouwing", "plan")
    _input(page, "Doel").fill("Dubbel.")
    _choose(page, "Niveau", "individu")
    _checked_today(page)
    _publish(page, saved=False)
    page.get_by_text("is al in gebruik", exact=False).first.wait_for(timeout=5000)
    assert (paths.practices / "methoden" / "huisbezoek.md").read_text(encoding="utf-8") == before
    assert not (paths.practices / "methoden" / "huisbezoek-1.md").exists()


# What _fill_method enters, as the file make check reads (the body follows).
FILLED_METHOD = (
    "---\nid: {id}\ntype: method\ntitle: Buurtcirkel in Zwolle\n"
    "summary: Bewoners helpen elkaar wekelijks, met een vrijwilliger als spil.\nthemes: [eenzaamheid]\n"
    "sources: [testbron]\ncredits:\n  - name: Formulier Tester\nreviewed: 2026-12-07\nstatus: concept\n"
    "basis: [ervaring]\npurpose: Bewoners met elkaar verbinden.\nlevel: [buurt]\n---\n"
)


def _fill_method(page, entry_id: str) -> None:
    """Every required field of a new method, in the contributor's own words; the body is left as it is."""
    page.goto(page.url.split("#")[0] + "#/collections/methoden/new")
    _input(page, "Id (vast webadres)").fill(entry_id)
    _input(page, "Titel").fill("Buurtcirkel in Zwolle")
    _input(page, "Samenvatting").fill("Bewoners helpen elkaar wekelijks, met een vrijwilliger als spil.")
    _choose(page, "Thema's", "Eenzaamheid")
    page.get_by_role("button", name=re.compile("bronnen", re.I)).first.click()
    page.get_by_text("Bron uit bronnen.yml", exact=True).first.click()
    _choose(page, "Bron", "testbron")
    _input(page, "Naam").fill("Formulier Tester")
    _choose(page, "Status", "concept")
    _choose(page, "Onderbouwing", "ervaring")
    _input(page, "Doel").fill("Bewoners met elkaar verbinden.")
    _choose(page, "Niveau", "buurt")
    _checked_today(page)


def _refusal(page, words: str) -> str:
    """The form's refusal on saving (Decap's toast), once it holds ``words``."""
    toast = page.locator(".Toastify__toast").filter(has_text=words)
    try:
        toast.first.wait_for(timeout=10_000)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "weigering-mislukt.png"), full_page=True)
        pytest.fail(f"no refusal with {words!r}; the page says: {page.locator('body').inner_text()[-1500:]!r}")
    return " ".join(toast.first.inner_text().split())


def _make_check_says(paths, tmp_path, rel: str, text: str) -> list[tuple[str, str]]:
    """(message, hint) of every problem make check finds in this one page, in a copy of the knowledge base."""
    copy = copy_repo(tmp_path, practices=paths.practices)
    (copy.practices / rel).write_text(text, encoding="utf-8")
    return [(d.message, d.hint) for d in load(copy).problems if d.file == f"practices/{rel}"]


def test_a_paragraph_without_a_source_is_refused_before_saving_as_make_check_would(cms, tmp_path):
    """ux review 3: the form saved it as "Gepubliceerd"; the page then silently did not appear."""
    page, paths, _url = cms
    _fill_method(page, "buurtcirkel-zonder-bron")
    body = "## Achtergrond\n\nIn de bron staat hoe het begon [@testbron].\n\nDeze alinea zegt iets zonder bron."
    _write_body(page, body)
    _publish(page, saved=False)
    said = _refusal(page, "noemt geen bron")
    page.screenshot(path=str(SHOTS / "alinea-zonder-bron.png"))
    front = FILLED_METHOD.format(id="buurtcirkel-zonder-bron")
    expected = _make_check_says(paths, tmp_path, "methoden/buurtcirkel-zonder-bron.md", front + body + "\n")
    assert [m for m, _ in expected] == ["Deze alinea noemt geen bron."]
    for message, hint in expected:  # make check's very words, and where: the body's line 5
        assert f"Tekst, regel 5: {message} → {' '.join(hint.split())}" in said, said
    assert "Error" not in said
    assert not (paths.practices / "methoden" / "buurtcirkel-zonder-bron.md").exists()


def test_an_unedited_template_is_refused_before_saving_as_make_check_would(cms, tmp_path):
    """The body the form starts with is the template's (``make new`` copies the same): left as it is, refused."""
    from wijkpraktijk import leftovers

    page, paths, _url = cms
    _fill_method(page, "buurtcirkel-sjabloon")
    assert "Verplichte kop." in _body(page).inner_text()  # the template's explanations are there
    _publish(page, saved=False)
    said = _refusal(page, leftovers.BODY_MESSAGE)
    page.screenshot(path=str(SHOTS / "sjabloon-niet-ingevuld.png"))
    assert f"{leftovers.BODY_MESSAGE} → {' '.join(leftovers.BODY_HINT.split())}" in said, said
    assert said.count(leftovers.BODY_MESSAGE) >= 3  # one per block of template text, as make check
    assert not (paths.practices / "methoden" / "buurtcirkel-sjabloon.md").exists()
    # make check says the same of the template's body
    from wijkpraktijk.new import read_template

    _text, raw, _ = read_template(paths, "method")
    front = FILLED_METHOD.format(id="buurtcirkel-sjabloon")
    expected = _make_check_says(paths, tmp_path, "methoden/buurtcirkel-sjabloon.md", front + raw.body)
    leftover = [m for m, _ in expected if m == leftovers.BODY_MESSAGE]
    assert leftover and said.count(leftovers.BODY_MESSAGE) == len(leftover), (said, expected)


FIXTURE_ENTRIES = sorted(
    p.relative_to(FIXTURE / "practices").as_posix() for p in (FIXTURE / "practices").glob("*/*.md")
)


@pytest.mark.parametrize("rel", FIXTURE_ENTRIES)
def test_editing_an_entry_changes_only_what_was_edited(cms, rel):
    """Every type of page, loaded into the form (all its widgets) and saved after one edit: the summary line
    is the only line of the file that differs, and the body is byte for byte the same.

    (Decap saves nothing while an entry equals what it loaded, so an edit is the only way to save; what an
    unchanged save would write is tested on every file in tests/test_cms.py.)"""
    page, paths, url = cms
    folder, name = rel.split("/")
    target = paths.practices / folder / name
    before = target.read_text(encoding="utf-8")
    page.goto(url + f"#/collections/{folder}/entries/{name[:-3]}")
    summary = _input(page, "Samenvatting")
    old, _ = parse(before, f"practices/{rel}")
    page.wait_for_function("([e, v]) => e.value === v", arg=[summary.element_handle(), old.data["summary"]])
    summary.fill(old.data["summary"] + " Met een nieuwe zin.")
    _publish(page)
    after = _wait_for_file(target, changed_from=before)
    new, _ = parse(after, f"practices/{rel}")
    assert {k: v for k, v in new.data.items() if k != "summary"} == {
        k: v for k, v in old.data.items() if k != "summary"
    }
    assert new.data["summary"] == old.data["summary"] + " Met een nieuwe zin."
    assert new.body == old.body
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert [a.split(":")[0] for a, _ in changed] == ["summary"]  # same lines otherwise: nothing moved
    assert load(paths).problems == []


def test_the_preview_uses_the_sites_stylesheets(cms):
    page, paths, url = cms
    page.goto(url + "#/collections/praktijken/entries/buurtteam-voorbeeld")
    frame = page.frame_locator("iframe").first
    frame.locator("article.md-typeset h1").wait_for()
    links = frame.locator("link[rel=stylesheet]")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any("assets/stylesheets/main" in h for h in hrefs) and any("wijkpraktijk.css" in h for h in hrefs)
    assert frame.locator("article.md-typeset h2").first.inner_text() == "Aanleiding"
    page.screenshot(path=str(SHOTS / "voorbeeld.png"))


def test_login_screen_has_no_wcag_violations(browser, route):
    _paths, url, _proxy = route
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
        page = context.new_page()
        page.goto(url)
        page.get_by_role("button", name="Inloggen").wait_for()
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
        violations = axe_violations(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"inloggen-{width}.png"))
        context.close()
        assert not violations, describe(violations)


def test_built_admin_page_is_private_and_out_of_search(tmp_path_factory, browser):
    """The production /admin/ (GitHub backend): own CSP, noindex, not in the sitemap, nothing asked of GitHub
    before logging in; the rest of the site keeps the site's policy."""
    from browser_support import serve_directory
    from sitecheck import build

    paths = copy_repo(tmp_path_factory.mktemp("cms-built"), practices=FIXTURE / "practices")
    build(paths, downloads=False)
    html = (paths.site / "admin" / "index.html").read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    policy = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "script-src 'self' 'unsafe-eval';" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    assert "connect-src 'self' https://api.github.com;" in policy and "127.0.0.1" not in policy
    assert "admin" not in (paths.site / "sitemap.xml").read_text(encoding="utf-8")
    assert not (paths.site / "pagefind" / "fragment").exists() or all(
        "/admin/" not in f.read_bytes().decode("latin-1") for f in (paths.site / "pagefind").rglob("*.pf_meta")
    )
    config = yaml.safe_load((paths.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "wijkpraktijk/wijkpraktijk" and "local_backend" not in config
    assert config["backend"]["open_authoring"] is True and config["publish_mode"] == "editorial_workflow"
    with serve_directory(paths.site) as base:
        context = browser.new_context(locale="nl-NL")
        requested: list[str] = []
        context.on("request", lambda r: requested.append(r.url))
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(base + "admin/")
        page.get_by_role("button", name="Inloggen met GitHub").wait_for()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == []
        assert not axe_violations(page), describe(axe_violations(page))
        assert [r for r in requested if not r.startswith(base) and not r.startswith("data:")] == []
        context.close()
        # Framed by a page of another origin (security review 3, A18/I2): the form does not start.
        outside = tmp_path_factory.mktemp("cms-frame")
        (outside / "frame.html").write_text(f'<iframe src="{base}admin/" width="900" height="600"></iframe>')
        with serve_directory(outside) as other:
            context = browser.new_context(locale="nl-NL")
            page = context.new_page()
            page.goto(other.replace("127.0.0.1", "localhost") + "frame.html")
            framed = page.frame_locator("iframe").first
            framed.get_by_role("link", name="Open het formulier in een eigen venster").wait_for()
            assert framed.get_by_role("button", name="Inloggen met GitHub").count() == 0
            context.close()


def test_make_cms_stops_on_ctrl_c(tmp_path):
    """Ctrl-C (SIGINT) stops the preview and decap-server alike; their ports are free again."""
    copy_repo(tmp_path, practices=FIXTURE / "practices")
    with _cms_running(tmp_path) as (proc, port, proxy):
        config = yaml.safe_load((tmp_path / "docs" / "admin" / "config.yml").read_text(encoding="utf-8"))
        info = urllib.request.Request(
            config["local_backend"]["url"],
            data=b'{"action":"info"}',
            headers={"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{port}"},
        )
        with urllib.request.urlopen(info, timeout=5) as response:
            assert b"local_fs" in response.read()
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=15)[0]
        assert "Traceback" not in output
        _assert_free(port, proxy)
