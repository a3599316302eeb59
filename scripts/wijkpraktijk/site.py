"""Turn docs/ into site/ with MkDocs and Pagefind, without ever leaving a half-built site/.

The generator stays independent of MkDocs: this module only runs the
``mkdocs`` command on a finished docs/, so Zensical could replace it.

Search runs on Pagefind, not Material's own search, which ships one JSON
index of the whole site to every visitor (megabytes at thousands of pages).
Pagefind splits the index into small chunks that the browser fetches per
query, stems Dutch, folds diacritics and supports the filters of the explore
page. It runs on the temporary build folder before the swap, so a failed
index keeps the previous site/. The binary comes from the pinned npm package
(1.6 searches a large index several times as fast as 1.5.2, the newest on PyPI).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import leaks, safety
from .config import NODE_MODULES, Paths
from .redirects import config_file, dutch_redirect_pages
from .write import DIR_MODE

OUTPUT_SUBDIR = "pagefind"
_NPM_CPU = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def pagefind_binary() -> Path:
    """The binary from the platform package that scripts/setup/npm.sh installed (package-lock.json)."""
    cpu = _NPM_CPU.get(platform.machine().lower(), platform.machine().lower())
    return NODE_MODULES / "@pagefind" / f"linux-{cpu}" / "bin" / "pagefind_extended"


def build_search_index(site_dir: Path) -> int:
    """Index ``site_dir`` into ``site_dir/pagefind``; returns the exit status."""
    cmd = [
        str(pagefind_binary()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--force-language",
        "nl",
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]
    fix = (
        "→ Voer 'make setup' uit: scripts/setup/npm.sh installeert Pagefind uit package-lock.json "
        "(@pagefind/linux-x64 of -arm64; voor andere systemen is er geen pakket)."
    )
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        print(
            f"De zoekindex (Pagefind) kon niet worden gemaakt: {exc.strerror or exc}: {cmd[0]}\n{fix}", file=sys.stderr
        )
        return 2
    if result.returncode != 0 or not (site_dir / OUTPUT_SUBDIR / "pagefind.js").exists():
        print(
            "De zoekindex (Pagefind) kon niet worden gemaakt:\n"
            + (result.stderr or result.stdout)[-2000:]
            + "\n"
            + fix,
            file=sys.stderr,
        )
        return result.returncode or 2
    return 0


def mkdocs_build(paths: Paths, config: Path, site_dir: Path, *flags: str) -> int:
    """``mkdocs build --clean`` of ``config`` into ``site_dir``; the exit status (MkDocs prints its own messages)."""
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--clean",
        "--config-file",
        str(config),
        "--site-dir",
        str(site_dir),
    ]
    return subprocess.run([*cmd, *flags], cwd=paths.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).returncode


def build_site(paths: Paths, strict: bool = True, extra_args: list[str] | None = None, downloads: bool = True) -> int:
    """Build into a temporary folder and swap it in only when MkDocs succeeded."""
    paths.cache.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=paths.cache))
    tmp.chmod(DIR_MODE)  # becomes site/: readable like any folder, not 0700
    status = mkdocs_build(paths, config_file(paths), tmp, *(["--strict"] if strict else []), *(extra_args or []))
    if status != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        return status
    dutch_redirect_pages(tmp, config_file(paths))
    leaked = leaks.in_site(tmp)  # before the cards PDF is printed from those pages
    if leaked:
        print(
            "Op de gebouwde site staat opmaakcode als gewone tekst; de vorige versie in site/ is bewaard:\n"
            + "\n".join(f"  {found}" for found in leaked[:20])
            + "\n→ Een sjabloon in scripts/wijkpraktijk/templates/ zet een { .klasse } niet op een eigen regel: "
            "meld het als fout in de generator.",
            file=sys.stderr,
        )
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    if downloads:  # workshop cards PDF and the offline zip (downloads.py), before the swap
        from .downloads import DownloadError, add_downloads

        try:
            add_downloads(paths, tmp)
        except DownloadError as exc:
            print(exc, file=sys.stderr)
            shutil.rmtree(tmp, ignore_errors=True)
            return 1
    # The last line of defence (safety.py): no active content anywhere, then a CSP on every page.
    findings = safety.harden(tmp)
    if findings:
        print(
            "De gebouwde site bevat iets dat code zou kunnen uitvoeren; de vorige versie in site/ is bewaard:\n"
            + "\n".join(f"  {finding}" for finding in findings[:50])
            + "\n→ Dit hoort make check al te weigeren: meld het als fout, met het bestand dat het veroorzaakt.",
            file=sys.stderr,
        )
        shutil.rmtree(tmp, ignore_errors=True)
        return 1
    # Search index on the finished temp site, so a failed index keeps the old site/.
    status = build_search_index(tmp)
    if status != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        return status
    old = paths.site.with_name(paths.site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if paths.site.exists():
        paths.site.rename(old)
    tmp.rename(paths.site)
    shutil.rmtree(old, ignore_errors=True)
    return 0
