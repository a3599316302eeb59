"""QR codes of every entry's permanent URL, made offline at build time with segno.

Coaches put them on slides and handouts; the SVG scales for print, the PNG
suits slide software. Both are written next to the pages in docs/kennisbank/qr/.
"""

from __future__ import annotations

import io

FOLDER = "qr"


def both(url: str) -> tuple[str, bytes]:
    """The SVG and the PNG of one code: encoding (choosing the best mask) is the slow part, so once."""
    import segno  # imported here: a warm build reads every code from the cache

    code = segno.make(url, error="m", micro=False)
    svg, png = io.BytesIO(), io.BytesIO()
    code.save(svg, kind="svg", scale=4, border=2, xmldecl=False, title="QR-code: " + url)
    code.save(png, kind="png", scale=10, border=4)
    return svg.getvalue().decode("utf-8") + "\n", png.getvalue()

