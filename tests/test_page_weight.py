"""Weight budget of a practice page (bytes, not time): first visit < 400 KB, next page < 60 KB.

benchmarks/page_weight.py prints the full figures with a slow-4G profile and first
contentful paint; this test only holds the byte budget, which does not depend on
the machine's speed.
"""

from __future__ import annotations

import urllib.request

import pytest

from benchmarks.page_weight import TARGETS, measure, practice_pages
from benchmarks.static_server import YEAR, serve


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_static_server_caches_like_a_real_host(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>" + "wijkteam " * 200, encoding="utf-8")
    (tmp_path / "assets" / "bundle.a5f9d56c.min.js").write_text("console.log(1)", encoding="utf-8")
    with serve(tmp_path) as (base, traffic):
        status, headers, body = fetch(base, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "no-cache"
        assert len(body) < 200
        status, _, body = fetch(base, **{"If-None-Match": headers["ETag"]})
        assert status == 304 and body == b""
        _, js_headers, _ = fetch(base + "assets/bundle.a5f9d56c.min.js")
        assert js_headers["Cache-Control"] == YEAR
        assert fetch(base + "../etc/passwd")[0] == 404
        assert traffic.requests == 4 and traffic.not_modified == 1


@pytest.mark.browser
@pytest.mark.slow
def test_practice_page_weight_budget(real_site, browser):
    first, second = practice_pages(real_site.site)
    figures = measure(real_site.site, first, second, runs=1, throttle=False, browser=browser)
    first_kb, next_kb = figures["first_bytes"][0] / 1024, figures["next_bytes"][0] / 1024
    assert first_kb < TARGETS["first_kb"], f"first load of {first}: {first_kb:.0f} KB"
    assert next_kb < TARGETS["next_kb"], f"next page {second}: {next_kb:.0f} KB"
    assert figures["next_requests"][0] < figures["first_requests"][0] + 1
