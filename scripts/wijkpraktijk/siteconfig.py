"""Reading mkdocs.yml, the one place where the site's address and extensions are set.

The generator needs a few plain keys from it (site_url, markdown_extensions);
the file may hold tags like !ENV or !!python/name that only MkDocs resolves,
so those are read as None instead of failing.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

DEFAULT_SITE_URL = "https://wijkpraktijk.nl/"


class _AnyTagLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when the wheel has it: ~10x faster
    pass


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> dict:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    except (OSError, yaml.YAMLError):
        return {}


def mkdocs_config(path: Path) -> dict:
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read(path, mtime)


def site_url(path: Path) -> str:
    """The public address, always ending in '/'."""
    url = mkdocs_config(path).get("site_url") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"
