"""QR codes of every entry's permanent URL, made offline at build time with segno.

Coaches put them on slides and handouts; the SVG scales for print, the PNG
suits slide software. Both are written next to the pages in docs/kennisbank/qr/.
"""

from __future__ import annotations

import io

import segno

FOLDER = "qr"


def svg(url: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=4, border=2, xmldecl=False, title="QR-code: " + url)
    return out.getvalue().decode("utf-8") + "\n"


def png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=10, border=4)
    return out.getvalue()


def files(urls: dict[str, str]) -> dict[str, str | bytes]:
    """{entry id: url} → {'qr/<id>.svg': text, 'qr/<id>.png': bytes}."""
    out: dict[str, str | bytes] = {}
    for entry_id, url in urls.items():
        out[f"{FOLDER}/{entry_id}.svg"] = svg(url)
        out[f"{FOLDER}/{entry_id}.png"] = png(url)
    return out
