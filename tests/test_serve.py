"""`make serve`: the preview regenerates when a file in practices/ changes, and stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser_support import free_port
from conftest import REPO
from processes import running
from sitecheck import copy_repo
from wijkpraktijk.search_index import base

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb" / "practices"


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(check, seconds: float, what: str, proc) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        assert proc.poll() is None, f"the server stopped: {proc.stdout.read()[-3000:]}"
        time.sleep(0.3)
    pytest.fail(f"{what} within {seconds} s")


def _searchable(root: str, word: str) -> bool:
    """Whether the preview's word list (what the search dialog reads) holds ``word``."""
    try:
        index = json.loads(_page(root + "pagefind/woorden/index.json") or "{}")
        key = base(word)
        chunk = index.get("chunks", {}).get(key[:2])
        return bool(chunk) and key in json.loads(_page(root + "pagefind/woorden/" + chunk) or "{}")
    except json.JSONDecodeError:
        return False


def test_editing_a_file_updates_the_served_page_and_sigterm_stops_the_server(tmp_path):
    paths = copy_repo(tmp_path, practices=FIXTURE)
    port = free_port()
    cmd = [sys.executable, "-m", "wijkpraktijk", "--root", str(tmp_path), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    url = f"http://127.0.0.1:{port}/kennisbank/wijkteam/"
    with running(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        _wait_for(lambda: "<h1" in _page(url), 90, "the entry page was not served", proc)
        root = f"http://127.0.0.1:{port}/"
        # Search works in the preview as on the site (preview_search.py): Pagefind and the word list.
        _wait_for(lambda: _searchable(root, "wijkteam"), 90, "the preview got no search index", proc)
        assert _page(root + "pagefind/pagefind-entry.json") and _page(root + "pagefind/pagefind.js")
        assert not _searchable(root, "wijkwerkteam")
        first = _page(url)
        assert "livereload" in first  # MkDocs reloads the open page once it rebuilt
        assert "Wijkwerkteam" not in first
        source = paths.practices / "begrippen" / "wijkteam.md"
        source.write_text(
            source.read_text(encoding="utf-8").replace("title: Wijkteam", "title: Wijkwerkteam"), encoding="utf-8"
        )
        _wait_for(lambda: "Wijkwerkteam" in _page(url), 60, "the edit did not reach the served page", proc)
        # MkDocs rebuilds only changed files (--dirty); the generator rewrote the page that links here too.
        linking = url.replace("wijkteam/", "buurtteam-voorbeeld/")
        _wait_for(lambda: "Wijkwerkteam" in _page(linking), 30, "the linking page kept the old title", proc)
        _wait_for(lambda: _searchable(root, "wijkwerkteam"), 60, "the preview's search kept the old words", proc)
        # A broken edit keeps the last good page and says what is wrong.
        source.write_text(source.read_text(encoding="utf-8").replace("type: concept", "type: begrip"), encoding="utf-8")
        # Block-style YAML 40,000 deep (security review 3, R9): it segfaulted the preview and orphaned MkDocs.
        deep = source.read_text(encoding="utf-8").replace("id: wijkteam", "id: diep\nextra:\n" + "- " * 30_000 + "x")
        (paths.practices / "begrippen" / "diep.md").write_text(deep, encoding="utf-8")
        time.sleep(3)
        assert "Wijkwerkteam" in _page(url)
        assert proc.poll() is None, "the preview stopped on a deep file"
        proc.send_signal(signal.SIGTERM)
        try:
            output = proc.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            pytest.fail("the server did not stop on SIGTERM")
        # Still inside the block, before it stops whatever is left: the preview itself freed the port.
        with socket.socket() as sock:  # no server left behind
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections may linger in TIME_WAIT
            sock.bind(("127.0.0.1", port))
            sock.listen()
    assert "wijkteam.md" in output and "type" in output and "Traceback" not in output
    assert "Zoekfunctie bijgewerkt" in output
    assert not list(paths.docs.glob(".pagefind-*"))  # no half-swapped index left behind
    assert "diep.md: De velden zijn te diep genest" in output


def test_a_preview_that_dies_takes_its_server_with_it(tmp_path):
    """However make serve ends (here SIGKILL, as a crash would), mkdocs serve does not keep the port."""
    copy_repo(tmp_path, practices=FIXTURE)
    port = free_port()
    cmd = [sys.executable, "-m", "wijkpraktijk", "--root", str(tmp_path), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    with running(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        _wait_for(lambda: "<h1" in _page(f"http://127.0.0.1:{port}/kennisbank/wijkteam/"), 90, "no page served", proc)
        proc.send_signal(signal.SIGKILL)  # only the preview itself: its children must go by themselves
        proc.communicate(timeout=15)
        deadline = time.monotonic() + 15
        while _page(f"http://127.0.0.1:{port}/") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert _page(f"http://127.0.0.1:{port}/") == "", "mkdocs serve outlived the preview"
