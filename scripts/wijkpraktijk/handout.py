"""Everything an entry page needs to be cited, printed and put on a slide.

Computed once per build from the knowledge base, before rendering: the
permanent URL, APA citations (of the page and, for practice stories, of the
original sources), the reference-manager files in ``cite/``, the QR codes in
``qr/`` and the date the source file last changed. Templates only show it.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field

import orjson

from . import citation, qrcodes, siteconfig
from .cache import DiskCache
from .config import GENERATED_SUBTREE, Paths
from .gitdates import Changed, GitQuery
from .jsontext import compact
from .parallel import pmap, sharded
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


ACCESSED_PLACEHOLDER = dt.date(1901, 2, 3)
_PLACEHOLDER_TEXT = "3 februari 1901"


def _apa(texts: list[str], today: dt.date) -> list[str] | None:
    """The cached placeholder citations with today's date, or None if the style writes dates differently."""
    if _PLACEHOLDER_TEXT not in texts[0]:
        return None
    return [texts[0].replace(_PLACEHOLDER_TEXT, nl_date(today)), *texts[1:]]


def _dated(text: str, today: dt.date) -> str | None:
    """BibTeX and RIS, cached the same way as APA: they write the retrieval date as YYYY-MM-DD."""
    if ACCESSED_PLACEHOLDER.isoformat() not in text:
        return None
    return text.replace(ACCESSED_PLACEHOLDER.isoformat(), today.isoformat())


def _make(job: tuple[str, list[dict]]) -> str:
    """Everything slow for one entry: its QR codes, and its APA, BibTeX and RIS texts (dated with the placeholder).

    One cache entry per page, as JSON (the PNG in base64); module-level so
    that worker processes can run it (parallel.py).
    """
    url, items = job
    svg, png = qrcodes.both(url)
    return compact({"qr_svg": svg, "qr_png": base64.b64encode(png).decode("ascii"), "apa": citation.apa(items),
                    "bibtex": citation.bibtex(items), "ris": citation.ris(items)})


def _cached(cache: DiskCache, jobs: list[tuple[str, list[dict]]]) -> list[dict]:
    """Each job's result: read from the cache, or made (on all cores) and stored."""
    found: list[str | None] = [cache.lookup("page", job) for job in jobs]
    missing = [i for i, value in enumerate(found) if value is None]
    with cache.batch():
        for i, value in zip(missing, pmap(_make, [jobs[i] for i in missing]), strict=True):
            cache.put("page", jobs[i], value)
            found[i] = value
    records = [orjson.loads(text) for text in found]
    for record in records:
        record["qr_png"] = base64.b64decode(record["qr_png"])
    return records


def build(paths: Paths, kb, today: dt.date | None = None, git: GitQuery | None = None) -> tuple[dict[str, EntryExtras], dict[str, str | bytes]]:
    """Per-entry extras for the templates, and the files to write next to the pages.

    ``git``: the source files' history, asked for when the build began (pipeline.py).
    """
    today = today or dt.date.today()
    base = site_url(paths)
    entries = sorted(kb.entries.values(), key=lambda e: e.id)
    changed = (git or GitQuery(paths.root)).dates([e.path for e in entries])
    urls = {e.id: entry_url(base, e.id, GENERATED_SUBTREE) for e in entries}
    cache = DiskCache(paths.root / ".cache" / "handout", CACHE_VERSION)
    # citeproc-py's output changes with the retrieval date, which changes every day:
    # it is formatted with a fixed placeholder date, cached, and today's date swapped in.
    items, placeholder_items = {}, {}
    for entry in entries:
        sources = []
        if entry.type == "practice":
            sources = [citation.source_item(s, f"{entry.id}-bron-{i}") for i, s in enumerate(kb.sources_of(entry), start=1)]
        items[entry.id] = [citation.entry_item(entry, urls[entry.id], today), *sources]
        placeholder_items[entry.id] = [citation.entry_item(entry, urls[entry.id], ACCESSED_PLACEHOLDER), *sources]
    ids = [e.id for e in entries]
    records = _cached(cache, [(urls[i], placeholder_items[i]) for i in ids])
    cache.prune()

    def outputs(numbers: list[int]) -> list[tuple[EntryExtras, dict[str, str | bytes]]]:
        """Per entry: its extras and its files (CSL-JSON is formatted here, uncached: orjson is quick)."""
        done = []
        for n in numbers:
            entry = entries[n]
            own = items[entry.id]
            record = records[n]
            texts = _apa(record["apa"], today) or citation.apa(own)
            cite = {
                "BibTeX": f"{CITE_FOLDER}/{entry.id}.bib",
                "RIS": f"{CITE_FOLDER}/{entry.id}.ris",
                "CSL-JSON": f"{CITE_FOLDER}/{entry.id}.json",
            }
            qr = {"SVG": f"{qrcodes.FOLDER}/{entry.id}.svg", "PNG": f"{qrcodes.FOLDER}/{entry.id}.png"}
            own_files = {
                cite["BibTeX"]: _dated(record["bibtex"], today) or citation.bibtex(own),
                cite["RIS"]: _dated(record["ris"], today) or citation.ris(own),
                cite["CSL-JSON"]: citation.csl_json(own),
            }
            done.append((EntryExtras(url=urls[entry.id], apa=texts[0], source_apa=texts[1:], changed=changed.get(entry.path),
                                     cite_files=cite, qr=qr), own_files))
        return done

    files: dict[str, str | bytes] = {}
    extras: dict[str, EntryExtras] = {}
    for n, (extra, own_files) in enumerate(sharded(outputs, range(len(entries)))):
        extras[entries[n].id] = extra
        files[extra.qr["SVG"]], files[extra.qr["PNG"]] = records[n]["qr_svg"], records[n]["qr_png"]
        files.update(own_files)
    return extras, files

