"""The cards PDF is printed without a browser (issue 25, item 7): WeasyPrint, the site's own print CSS, A5.

The handout tests (test_handout_browser.py) check the PDF of a whole built site; these check the printer
itself, fast: the card size, one card per sheet from handout.css, only local files read, and that no module
of the build imports Playwright.
"""

from __future__ import annotations

import ast
import http.server
import threading

from conftest import REPO
from pdf_support import pdf_pages, pdf_text
from wijkpraktijk.downloads import print_pdf

CARD = """<h2 class="wp-card" id="m{n}">Methode {n}</h2><p>Doel van methode {n}.</p>
<p class="wp-card-foot"><img src="qr.svg" width="96" height="96" alt="QR"> https://wijkpraktijk.nl/</p>"""
QR = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_three_cards_print_on_three_a5_sheets_with_the_site_css(tmp_path):
    (tmp_path / "handout.css").write_bytes((REPO / "docs" / "assets" / "handout.css").read_bytes())
    (tmp_path / "qr.svg").write_text(QR, encoding="utf-8")
    cards = "".join(CARD.format(n=n) for n in range(3))
    html = tmp_path / "index.html"
    html.write_text(
        f'<!doctype html><html lang="nl"><head><link rel="stylesheet" href="handout.css"></head>'
        f'<body><article class="md-typeset">{cards}</article></body></html>',
        encoding="utf-8",
    )
    print_pdf(html, tmp_path / "kaarten.pdf")
    pages = pdf_pages((tmp_path / "kaarten.pdf").read_bytes())
    assert len(pages) == 3  # break-before: page from handout.css's print rules
    assert all(abs(w - 420) < 2 and abs(h - 595) < 2 for w, h in pages)  # A5, not handout.css's A4


def test_cards_inside_materials_flex_frame_still_get_a_sheet_each(tmp_path):
    """WeasyPrint does not break a flex container across pages: Material's frame squeezed 13 cards onto 2."""
    (tmp_path / "qr.svg").write_text(QR, encoding="utf-8")
    cards = "".join(CARD.format(n=n) for n in range(4))
    flex = 'style="display:flex;flex-direction:column"'
    html = tmp_path / "index.html"
    html.write_text(
        f'<!doctype html><html lang="nl"><head><style>@media print {{ h2.wp-card {{ break-before: page }} }}</style>'
        f'</head><body><a class="md-skip" href="#m0">Ga naar inhoud</a><div class="md-container" {flex}>'
        f'<main class="md-main"><div class="md-main__inner md-grid" {flex}><div class="md-content">'
        f'<article class="md-typeset">{cards}</article></div></div></main></div></body></html>',
        encoding="utf-8",
    )
    print_pdf(html, tmp_path / "kaarten.pdf")
    assert len(pdf_pages((tmp_path / "kaarten.pdf").read_bytes())) == 4
    assert "Ga naar inhoud" not in pdf_text(tmp_path / "kaarten.pdf")


def test_the_printer_reads_no_address_outside_the_site(tmp_path):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        html = tmp_path / "index.html"
        html.write_text(
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            f'<img src="http://127.0.0.1:{port}/x.png"><p>Kaart</p>',
            encoding="utf-8",
        )
        print_pdf(html, tmp_path / "kaart.pdf")
    finally:
        server.shutdown()
    assert hits == []
    assert (tmp_path / "kaart.pdf").read_bytes().startswith(b"%PDF")


def test_no_module_of_the_build_imports_playwright():
    """Playwright and Chromium are test-only: make build must run without them."""
    found = []
    for path in sorted((REPO / "scripts" / "wijkpraktijk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "playwright"]
    assert found == []
    assert "playwright" not in (REPO / "requirements.in").read_text(encoding="utf-8")
