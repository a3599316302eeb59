"""Downloads made from the built site, before it is swapped into site/.

- ``downloads/werkkaarten.pdf``: the workshop cards page printed by WeasyPrint,
  one method per A5 sheet (its print CSS, plus an @page rule for the card size).
  No browser at build time: Chromium and Playwright are for the tests only.
  Without pango (scripts/setup/print.sh) the build fails with a clear message
  and site/ is kept.
- ``downloads/wijkpraktijk-offline.zip``: the whole site for use from disk,
  made from the pages just built by either engine (offline.py): links that
  end in a folder point at its index.html, and the search gets its index as
  a script, which a browser loads from disk where it refuses Pagefind's
  fetches (the Verbanden graph too). What has no use from disk stays out
  (OFFLINE_LEFT_OUT); the link to the zip itself says it is this copy.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from . import offline, safety
from .config import ADMIN_SUBTREE
from .search_index import OUTPUT_SUBDIR

FOLDER = "downloads"
CARDS_PDF = "werkkaarten.pdf"
OFFLINE_ZIP = "wijkpraktijk-offline.zip"
OFFLINE_DIR = "wijkpraktijk-offline"
FORM_ASSETS = "assets/cms"  # the form's own scripts: no use without /admin/
# No use from disk: the contributors' form (it needs GitHub or decap-server; 6 MB) and its scripts, Pagefind's
# index (a browser fetches nothing from disk: offline.py writes the search's own), the server's 404 page.
OFFLINE_LEFT_OUT = (ADMIN_SUBTREE, FORM_ASSETS, OUTPUT_SUBDIR, "404.html")
# The cards' paper and what WeasyPrint needs beyond the page's own print CSS (A5, no flex frame, type size):
# one more style sheet on top of the page's, not a printer setting. Its comments say why each rule is there.
CARD_PAGE_CSS = (Path(__file__).with_name("cards-pdf.css")).read_text(encoding="utf-8")


class DownloadError(RuntimeError):
    """A download could not be made; the message is Dutch and says what to do."""


def print_pdf(html: Path, pdf: Path, page_css: str = CARD_PAGE_CSS) -> None:
    """One built HTML page → PDF with WeasyPrint, a print engine that follows the page's print CSS and
    @page rules (what a visitor's 'print' gives, without a browser). Only files of the built site are read:
    anything else a page might point at (another host) is refused, so the build makes no network request."""
    try:
        import weasyprint
        import weasyprint.urls
    except (ImportError, OSError) as exc:  # OSError: pango missing (scripts/setup/print.sh installs it)
        raise DownloadError(
            f"WeasyPrint kan niet starten ({exc}), dus de werkkaarten-pdf kan niet worden gemaakt. "
            "Voer 'make setup' uit (scripts/setup/print.sh installeert pango) en bouw opnieuw."
        ) from exc

    pdf.parent.mkdir(parents=True, exist_ok=True)
    local_only = weasyprint.urls.URLFetcher(allowed_protocols=("file", "data"))
    document = weasyprint.HTML(filename=str(html), url_fetcher=local_only, media_type="print")
    document.write_pdf(str(pdf), stylesheets=[weasyprint.CSS(string=page_css)])


def _kept(path: Path) -> bool:
    """What the offline copy leaves out: what has no use from disk (OFFLINE_LEFT_OUT), and the downloads folder,
    which would hold the zip itself (the cards PDF is added back)."""
    return path.parts[0] != FOLDER and path.as_posix() not in OFFLINE_LEFT_OUT


def offline_pack(site: Path, out_zip: Path, extra_files: list[Path]) -> None:
    """The built ``site`` as a zip for use from disk: copied, its links made file:// links and its search index
    written as a script (offline.py), scanned like the site, and zipped. No second build."""
    with tempfile.TemporaryDirectory(prefix="wijkpraktijk-offline-") as tmp:
        copy = Path(tmp) / OFFLINE_DIR
        shutil.copytree(site, copy, ignore=lambda folder, names: _ignored(site, Path(folder), names))
        offline.rewrite_site(copy, OFFLINE_ZIP)
        offline.write_index(site, copy)
        offline.write_graph(site, copy)
        findings = safety.harden(copy, add_policy=False)  # from file:// a CSP's 'self' means little: scan only
        if findings:
            raise DownloadError(
                "De offline versie bevat iets dat code zou kunnen uitvoeren:\n" + "\n".join(findings[:50])
            )
        for extra in extra_files:
            (copy / FOLDER).mkdir(exist_ok=True)
            shutil.copy(extra, copy / FOLDER / extra.name)
        out_zip.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out_zip, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(copy.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(copy.parent).as_posix())


def _ignored(site: Path, folder: Path, names: list[str]) -> set[str]:
    """shutil.copytree's ignore: the names in ``folder`` that the offline copy leaves out (_kept)."""
    return {name for name in names if not _kept((folder / name).relative_to(site))}


def add_downloads(site: Path) -> None:
    """Write the downloads into ``site``: the freshly built temp folder, with its search index (site.py)."""
    cards = site / "kennisbank" / "werkkaarten" / "index.html"
    pdf = site / FOLDER / CARDS_PDF
    if cards.exists():
        print_pdf(cards, pdf)
    offline_pack(site, site / FOLDER / OFFLINE_ZIP, [pdf] if pdf.exists() else [])
