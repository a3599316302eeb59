"""Workshop cards: one printable card per method, on one generated page.

The page (``kennisbank/werkkaarten.md``) is ordinary Markdown through the
same templates, styled by docs/assets/print.css to one method per A5 sheet.
downloads.py prints it to a single PDF with Chromium after the site build.
"""

from __future__ import annotations

from .render import Renderer

PAGE = "werkkaarten.md"


def pages(kb, renderer: Renderer) -> dict[str, str]:
    extras = renderer.settings.get("entry_extras", {})
    methods = [m for m in kb.of_type("method") if m.id in extras]
    text = renderer.env.get_template("cards.md.j2").render(
        methods=[(m.model, extras[m.id]) for m in methods], href=renderer._linker(PAGE),
    )
    return {PAGE: text}
