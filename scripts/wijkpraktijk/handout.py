"""Everything an entry page needs to be cited, printed and put on a slide.

Computed once per build from the knowledge base, before rendering: the
permanent URL, APA citations (of the page and, for practice stories, of the
original sources), the reference-manager files in ``cite/``, the QR codes in
``qr/`` and the date the source file last changed. Templates only show it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from . import citation, qrcodes, siteconfig
from .cache import DiskCache
from .config import GENERATED_SUBTREE, Paths
from .gitdates import Changed, source_dates
from .render import nl_date
from .siteurls import entry_url

CITE_FOLDER = "cite"
CACHE_VERSION = "1"  # bump when citation.py or qrcodes.py output changes


@dataclass(frozen=True)
class EntryExtras:
    url: str
    apa: str
    source_apa: list[str] = field(default_factory=list)
    changed: Changed | None = None
    cite_files: dict[str, str] = field(default_factory=dict)  # label → path inside the subtree
    qr: dict[str, str] = field(default_factory=dict)


def site_url(paths: Paths) -> str:
    """The public address, from mkdocs.yml: set once, there."""
    return siteconfig.site_url(paths.mkdocs_yml)


# citeproc-py is the slow part of a build (~40 ms a citation). The retrieval date
# changes every day, so it is formatted with a fixed placeholder, cached, and the
# placeholder is swapped for today's date afterwards: the cache stays warm.
ACCESSED_PLACEHOLDER = dt.date(1901, 2, 3)
_PLACEHOLDER_TEXT = "3 februari 1901"


def _apa(cache: DiskCache, items: list[dict], today: dt.date) -> list[str]:
    texts = json.loads(cache.get("apa", items, lambda: json.dumps(citation.apa(items), ensure_ascii=False)))
    if _PLACEHOLDER_TEXT not in texts[0]:  # the style changed how it writes dates: no shortcut
        items = [{**items[0], "accessed": citation.date_parts(today)}, *items[1:]]
        return citation.apa(items)
    return [texts[0].replace(_PLACEHOLDER_TEXT, nl_date(today)), *texts[1:]]


def _bibtex(cache: DiskCache, placeholder_items: list[dict], items: list[dict], today: dt.date) -> str:
    """BibTeX's LaTeX encoding is the other slow step; cached the same way as APA."""
    text = cache.get("bibtex", placeholder_items, lambda: citation.bibtex(placeholder_items))
    if ACCESSED_PLACEHOLDER.isoformat() not in text:
        return citation.bibtex(items)
    return text.replace(ACCESSED_PLACEHOLDER.isoformat(), today.isoformat())


def build(paths: Paths, kb, today: dt.date | None = None) -> tuple[dict[str, EntryExtras], dict[str, str | bytes]]:
    """Per-entry extras for the templates, and the files to write next to the pages."""
    today = today or dt.date.today()
    base = site_url(paths)
    entries = sorted(kb.entries.values(), key=lambda e: e.id)
    changed = source_dates(paths.root, [e.path for e in entries])
    urls = {e.id: entry_url(base, e.id, GENERATED_SUBTREE) for e in entries}
    cache = DiskCache(paths.root / ".cache" / "handout", CACHE_VERSION)
    files: dict[str, str | bytes] = {}
    for entry_id, url in urls.items():
        files[f"{qrcodes.FOLDER}/{entry_id}.svg"] = cache.get("qr-svg", url, lambda url=url: qrcodes.svg(url))
        files[f"{qrcodes.FOLDER}/{entry_id}.png"] = cache.get("qr-png-bin", url, lambda url=url: qrcodes.png(url))
    extras: dict[str, EntryExtras] = {}
    for entry in entries:
        sources = []
        if entry.type == "practice":
            sources = [citation.source_item(s, f"{entry.id}-bron-{i}") for i, s in enumerate(kb.sources_of(entry), start=1)]
        items = [citation.entry_item(entry, urls[entry.id], today), *sources]
        placeholder_items = [citation.entry_item(entry, urls[entry.id], ACCESSED_PLACEHOLDER), *sources]
        texts = _apa(cache, placeholder_items, today)
        cite = {
            "BibTeX": f"{CITE_FOLDER}/{entry.id}.bib",
            "RIS": f"{CITE_FOLDER}/{entry.id}.ris",
            "CSL-JSON": f"{CITE_FOLDER}/{entry.id}.json",
        }
        files[cite["BibTeX"]] = _bibtex(cache, placeholder_items, items, today)
        files[cite["RIS"]] = citation.ris(items)
        files[cite["CSL-JSON"]] = citation.csl_json(items)
        extras[entry.id] = EntryExtras(
            url=urls[entry.id], apa=texts[0], source_apa=texts[1:], changed=changed.get(entry.path),
            cite_files=cite, qr={"SVG": f"{qrcodes.FOLDER}/{entry.id}.svg", "PNG": f"{qrcodes.FOLDER}/{entry.id}.png"},
        )
    cache.prune()
    return extras, files

