"""Text helpers every stage shares: escaping a value once for the place it lands, Dutch dates, JSON.

Why a small module of its own: templates, citations, exports and the page makers all need them, and
none of those should import another stage to get a one-line helper.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import orjson

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Characters Python-Markdown (with tables) lets a backslash escape. '<' is not among
# them, so it becomes an entity instead; '~' needs nothing without pymdownx.tilde.
_MD_SPECIAL = re.compile(r"([\\`*_\[\](){}#+!|>])")


def md_text(value: object) -> str:
    """Front-matter text is data, not Markdown: escape what Markdown or HTML would act on."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", " ")


def html_text(value: object) -> str:
    """Text for an HTML element's content (as in a raw ``<pre><code>`` block): &, < and > escaped, once."""
    return html.escape(str(value), quote=False)


def html_attribute(value: object) -> str:
    """A value for a quoted HTML attribute (a URL from a field goes in ``href``, never into Markdown)."""
    return html.escape(str(value), quote=True)


def nl_date(value: object) -> str:
    """'2014-10' → 'oktober 2014'; a date → '23 november 2026'."""
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


HTML_META = ("title", "description")


def front_matter(data: dict) -> str:
    """MkDocs page meta, written as JSON values so no title can break out of it.

    Themes print ``title`` and ``description`` into HTML without escaping
    (Material's ``<meta content="{{ page.meta.description }}">``), so those
    are HTML-escaped here; the browser shows them as the contributor wrote them.
    JSON is valid YAML; with ASCII escapes (\\uXXXX) no line separator can sneak
    in, and it is much faster than a YAML dump, which counts on large sites.
    """
    lines = [
        f"{key}: "
        + json.dumps(
            html.escape(value, quote=True) if key in HTML_META and isinstance(value, str) else value,
            ensure_ascii=True,
            default=str,
        )
        + "\n"
        for key, value in data.items()
    ]
    return "---\n" + "".join(lines) + "---\n"


def pretty(value: object) -> str:
    """UTF-8 JSON (no \\u escapes), indented by two spaces, keys in insertion order, with a final newline."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")


def compact(value: object) -> str:
    return orjson.dumps(value).decode("utf-8")
