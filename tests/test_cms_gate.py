"""The gate in front of decap-server (cms_gate.py): the form's own page only, and files in practices/ only.

The rule is a pure function, tried here with every request of security review 3 (A10, A13–A15) and more;
then the real ``make cms`` is started once on a copy with a hostile .env, and asked over HTTP as the review did.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml
from browser_support import free_port
from conftest import FIXTURE, REPO
from sitecheck import copy_repo
from wijkpraktijk.cms_gate import ACTIONS, Gate, refusal

ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture
def gate(tmp_path) -> Gate:
    (tmp_path / "practices" / "begrippen").mkdir(parents=True)
    (tmp_path / "scripts").mkdir()
    return Gate(8081, ORIGIN, tmp_path, token="tok")


def _headers(host="127.0.0.1:8081", origin=ORIGIN):
    return {k: v for k, v in (("Host", host), ("Origin", origin)) if v is not None}


def _body(action: str, **params) -> bytes:
    return json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()


def _asset(path: str) -> dict:
    return {"asset": {"path": path, "content": "cHJpbnQoMSkK", "encoding": "base64"}, "options": {"commitMessage": "x"}}


def test_the_forms_own_requests_pass(gate):
    for body in (
        _body("info"),
        _body("entriesByFolder", folder="practices/begrippen", extension="md", depth=1),
        _body("entriesByFiles", files=[{"path": "practices/begrippen/zorgmijder.md", "label": "x"}]),
        _body("getEntry", path="practices/begrippen/zorgmijder.md"),
        _body("getMedia", mediaFolder="practices/_bestanden"),
        _body("persistMedia", **_asset("practices/_bestanden/foto.jpg")),
        _body(
            "persistEntry",
            entry={"slug": "x", "path": "practices/begrippen/x.md", "raw": "-", "newPath": "practices/begrippen/y.md"},
            assets=[],
            options={"commitMessage": "x", "useWorkflow": False, "status": "x"},
        ),
        _body("deleteFiles", paths=["practices/_bestanden/a.jpg"], options={"commitMessage": "x"}),
    ):
        assert refusal(gate, "POST", "/tok/api/v1", _headers(), body) is None, body
    assert refusal(gate, "OPTIONS", "/tok/api/v1", _headers(), b"") is None  # the preflight
    assert refusal(gate, "POST", "/tok/api/v1", _headers(host="localhost:8081"), _body("info")) is None


@pytest.mark.parametrize(
    "path",
    [
        "scripts/wijkpraktijk/__init__.py",  # A10: the next make check ran it
        "PWNED-by-decap.txt",
        ".git/config",  # A13: read through getEntry
        "Makefile",
        ".github/workflows/deploy.yml",
        "practices/../scripts/x.py",
        "practices/begrippen/../../Makefile",
        "practices//begrippen/x.md",
        "./practices/begrippen/x.md",
        "/etc/passwd",
        "practices\\..\\Makefile",
        "practicesx/a.md",
        "",
        None,
        5,
    ],
)
def test_a_path_outside_practices_is_refused_in_every_field(gate, path):
    bodies = [
        _body("persistMedia", **_asset(path)),
        _body("getEntry", path=path),
        _body("getMedia", mediaFolder=path),
        _body("entriesByFolder", folder=path, extension="md", depth=9),
        _body("entriesByFiles", files=[{"path": "practices/begrippen/a.md"}, {"path": path}]),
        _body("deleteFiles", paths=["practices/_bestanden/a.jpg", path], options={"commitMessage": "x"}),
        _body("persistEntry", dataFiles=[{"slug": "x", "path": "practices/begrippen/x.md", "newPath": path}]),
    ]
    for body in bodies:
        why = refusal(gate, "POST", "/tok/api/v1", _headers(), body)
        assert why and "alleen in practices/" in why, body


def test_a_link_inside_practices_does_not_lead_out(gate):
    (gate.root / "practices" / "uit").symlink_to(gate.root / "scripts", target_is_directory=True)
    assert refusal(gate, "POST", "/tok/api/v1", _headers(), _body("persistMedia", **_asset("practices/uit/x.py")))


@pytest.mark.parametrize(
    ("host", "origin", "path", "message"),
    [
        ("rebind.test:8081", "http://rebind.test:8081", "/tok/api/v1", "Onbekende Host"),  # A14: DNS rebinding
        (None, ORIGIN, "/tok/api/v1", "Onbekende Host"),
        ("127.0.0.1:9999", ORIGIN, "/tok/api/v1", "Onbekende Host"),
        ("127.0.0.1:8081", "http://localhost:9933", "/tok/api/v1", "Alleen het formulier"),  # A13: another local page
        ("127.0.0.1:8081", "http://evil.test:9933", "/tok/api/v1", "Alleen het formulier"),  # A15: what ORIGIN=* let in
        ("127.0.0.1:8081", "http://127.0.0.1:8001", "/tok/api/v1", "Alleen het formulier"),
        ("127.0.0.1:8081", "null", "/tok/api/v1", "Alleen het formulier"),
        ("127.0.0.1:8081", None, "/tok/api/v1", "Alleen het formulier"),  # curl
        ("127.0.0.1:8081", ORIGIN, "/api/v1", "Onbekend adres"),  # the review's own address, without the token
        ("127.0.0.1:8081", ORIGIN, "/tok2/api/v1", "Onbekend adres"),
        ("127.0.0.1:8081", ORIGIN, "/tok/api/v1?x", "Onbekend adres"),
    ],
)
def test_requests_from_anywhere_but_the_form_are_refused(gate, host, origin, path, message):
    for method in ("POST", "OPTIONS"):
        why = refusal(gate, method, path, _headers(host, origin), _body("info"))
        assert why and why.startswith(message), why


def test_only_the_forms_actions_as_json(gate):
    for method, body, message in (
        ("GET", b"", "Alleen POST"),
        ("PUT", _body("info"), "Alleen POST"),
        ("POST", b"action=info", "geen JSON"),
        ("POST", b"\xff", "geen JSON"),
        ("POST", b"[]", "Onbekende actie"),
        ("POST", _body("unpublishedEntries"), "Onbekende actie"),  # git mode only
        ("POST", _body("publishUnpublishedEntry", collection="x", slug="y"), "Onbekende actie"),
    ):
        assert message in refusal(gate, method, "/tok/api/v1", _headers(), body)
    assert "info" in ACTIONS and len(ACTIONS) == 11


# -- the real make cms ---------------------------------------------------------------------------------


def _post(url: str, body: bytes, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _preflight(url: str, origin: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, method="OPTIONS")
    request.add_header("Origin", origin)
    request.add_header("Access-Control-Request-Method", "POST")
    request.add_header("Access-Control-Request-Headers", "content-type")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """``wijkpraktijk cms`` on a copy of the fixture with the review's .env (ORIGIN=*) at its root."""
    root = tmp_path_factory.mktemp("cms-gate")
    copy_repo(root, practices=FIXTURE / "practices")
    (root / ".env").write_text("# lokale instellingen voor het formulier\nORIGIN=*\n", encoding="utf-8")
    port, proxy = free_port(), free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(root), "cms", "--dev-addr", f"127.0.0.1:{port}"]
        + ["--proxy-port", str(proxy)],
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    config_file = root / "docs" / "admin" / "config.yml"
    deadline = time.monotonic() + 90
    try:
        while True:
            assert proc.poll() is None, proc.stdout.read()[-3000:]
            assert time.monotonic() < deadline, "make cms did not start within 90 s"
            config = yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
            url = config.get("local_backend", {}).get("url")
            if url:
                try:
                    if _post(url, b'{"action":"info"}', Origin=f"http://127.0.0.1:{port}")[0] == 200:
                        break
                except OSError:
                    pass
            time.sleep(0.3)
    except BaseException:
        proc.kill()
        raise
    yield root, url, f"http://127.0.0.1:{port}", proxy
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=15)


@pytest.mark.slow
def test_make_cms_writes_nothing_outside_practices(running):
    root, url, origin, _proxy = running
    body = _body("persistMedia", **_asset("scripts/wijkpraktijk/__init__.py"))
    status, _, answer = _post(url, body, Origin=origin)
    assert status == 403 and "alleen in practices/" in answer.decode("utf-8")
    assert not (root / "scripts").exists()
    status, _, answer = _post(url, _body("getEntry", path=".git/config"), Origin=origin)
    assert status == 403
    status, _, answer = _post(url, _body("getEntry", path="practices/methoden/huisbezoek.md"), Origin=origin)
    assert status == 200 and "Huisbezoek" in json.loads(answer)["data"]


@pytest.mark.slow
def test_make_cms_answers_no_other_page_and_ignores_the_checkouts_env(running):
    _root, url, origin, proxy = running
    status, headers = _preflight(url, "http://evil.test:9933")
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, headers = _preflight(url, origin)  # with ORIGIN=* read from .env, decap-server would answer '*'
    assert status in (200, 204) and headers["Access-Control-Allow-Origin"] == origin
    tokenless = f"http://127.0.0.1:{proxy}/api/v1"
    assert _post(tokenless, _body("info"), Origin=origin)[0] == 403
    rebound = urllib.request.Request(url, data=_body("info"), headers={"Host": f"rebind.test:{proxy}"})
    rebound.add_header("Origin", f"http://rebind.test:{proxy}")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(rebound, timeout=10)
    assert refused.value.code == 403


def test_the_token_is_new_every_run_and_only_in_the_config(tmp_path):
    first, second = Gate(8081, ORIGIN, tmp_path), Gate(8081, ORIGIN, tmp_path)
    assert first.token != second.token and len(first.token) >= 32
    assert first.url == f"http://127.0.0.1:8081/{first.token}/api/v1"
