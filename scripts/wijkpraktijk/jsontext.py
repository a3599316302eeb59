"""JSON text for the files people download (open data, citations).

orjson, because the standard library's encoder falls back to pure Python as
soon as it indents: at 10,000 entries that was seconds of every build.
Output is UTF-8 (no \\u escapes), indented by two spaces, keys in insertion
order, with a final newline.
"""

from __future__ import annotations

import orjson


def pretty(value: object) -> str:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode("utf-8")


def compact(value: object) -> str:
    return orjson.dumps(value).decode("utf-8")
