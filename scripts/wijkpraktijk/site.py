"""Turn docs/ into site/ with MkDocs and Pagefind, without ever leaving a half-built site/.

The generator stays independent of MkDocs: this module only runs the
``mkdocs`` command on a finished docs/, so Zensical could replace it.

Search runs on Pagefind (search_index.py), not Material's own search, which
ships one JSON index of the whole site to every visitor (megabytes at
thousands of pages). It runs on the temporary build folder before the swap,
so a failed index keeps the previous site/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from . import leaks, safety
from .config import Paths
from .engine import BUILD_ENGINE, build, config_file, output_problems
from .search_index import OUTPUT_SUBDIR, build_search_index
from .write import DIR_MODE

BUILDING_PREFIX = ".site-"  # the site being built (git-ignored), swapped in as site/ when complete


def _refused(what: str, findings: list[str], shown: int, advice: str) -> bool:
    """Say in Dutch why the new site is not swapped in (the previous site/ stays), with the first findings."""
    if findings:
        print(
            f"{what}; de vorige versie in site/ is bewaard:\n"
            + "\n".join(f"  {found}" for found in findings[:shown])
            + f"\n→ {advice}",
            file=sys.stderr,
        )
    return bool(findings)


def _leaked(site_dir: Path) -> bool:
    """Source syntax printed as text on a built page ({ .klasse }, [@key], [[id]]): said in Dutch (leaks.py)."""
    return _refused(
        "Op de gebouwde site staat opmaakcode als gewone tekst",
        leaks.in_site(site_dir),
        20,
        "Een sjabloon in scripts/wijkpraktijk/templates/ zet een { .klasse } niet op een eigen regel: "
        "meld het als fout in de generator.",
    )


def build_site(
    paths: Paths,
    strict: bool = True,
    extra_args: list[str] | None = None,
    downloads: bool = True,
    engine: str = BUILD_ENGINE,
) -> int:
    """Build into a temporary folder with ``engine`` (engine.ENGINES) and swap it in only when that succeeded."""
    # Next to site/, so the swap below is one rename; mkdtemp's random name is never one a checkout carries.
    tmp = Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=paths.root))
    tmp.chmod(DIR_MODE)  # becomes site/: readable like any folder, not 0700
    flags = (*(["--strict"] if strict else []), *(extra_args or []))
    status = build(paths, config_file(paths), tmp, *flags, engine=engine)
    if status == 0:
        status = _after_engine(tmp, engine, strict, downloads)
    if status != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        return status
    _swap_in(tmp, paths.site)
    return 0


def _after_engine(tmp: Path, engine: str, strict: bool, downloads: bool) -> int:
    """The steps on the engine's output in ``tmp``, each on either engine's: checks, search index, downloads,
    the safety scan and CSP. The exit status; anything but 0 keeps the previous site/."""
    from .downloads import DownloadError, add_downloads

    # make serve's search index lives in docs/pagefind/ (preview_search.py), so the engine copied it: the site
    # gets its own.
    shutil.rmtree(tmp / OUTPUT_SUBDIR, ignore_errors=True)
    problems = output_problems(engine, tmp)
    if problems:
        print("\n".join(problems), file=sys.stderr)
    if (problems and strict) or _leaked(tmp):  # as the engine's --strict; leaks before the cards PDF
        return 1
    # Pagefind before the downloads: the offline copy's search index is read from its fragments (offline.py).
    status = build_search_index(tmp)
    if status != 0:
        return status
    if downloads:  # workshop cards PDF and the offline zip (downloads.py), from the pages without their CSP
        try:
            add_downloads(tmp)
        except DownloadError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 1 if _unsafe(tmp) else 0


def _unsafe(site_dir: Path) -> bool:
    """The last line of defence (safety.py): no active content anywhere, then a CSP on every page."""
    return _refused(
        "De gebouwde site bevat iets dat code zou kunnen uitvoeren",
        safety.harden(site_dir),
        50,
        "Dit hoort make check al te weigeren: meld het als fout, met het bestand dat het veroorzaakt.",
    )


def _swap_in(built: Path, site: Path) -> None:
    """The finished build becomes site/ with two renames; the old one goes only then."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    built.rename(site)
    shutil.rmtree(old, ignore_errors=True)
