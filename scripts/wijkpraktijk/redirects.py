"""The pages at the addresses of former ids: old links and citations keep working after a rename.

The generator writes them itself, as plain HTML files (``kennisbank/<former id>/index.html``), which MkDocs and
Zensical both copy into the site as they are: no engine plugin (mkdocs-redirects) is needed, and the page is in
Dutch. Each has ``noindex`` and a canonical link to the new address, so search engines move to it; a meta
refresh and a visible link, so it works without scripts; and a one-line script that keeps the anchor (it
reads the refresh's address, so it holds no value of ours).
"""

from __future__ import annotations

from .config import entry_url
from .pages import Site, writes
from .write import Collector

FORMER_PAGES = Collector.FORMER_PAGES  # what the maker declares: one folder per former id, at the top


def pages_of(site: Site) -> dict[str, str]:
    """{'<former id>/index.html': the id the page now has} for every former id (validation keeps them unique)."""
    return {
        f"{old}/index.html": entry.id
        for entry in sorted(site.kb.entries.values(), key=lambda e: e.id)
        for old in entry.model.former_ids
    }


@writes(FORMER_PAGES)
def redirect_pages(site: Site) -> dict[str, str]:
    """One page per former id, pointing at the entry's page (../<id>/ from kennisbank/<former id>/)."""
    template = site.env.get_template("redirect.html.j2")
    out = {}
    for path, entry_id in pages_of(site).items():
        target = f"../{entry_id}/"
        out[path] = template.render(
            title=site.refs[entry_id].title,
            target=target,
            canonical=entry_url(site.settings.site_url, entry_id),
        )
    return out
