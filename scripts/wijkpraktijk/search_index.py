"""Build the Pagefind search index over a freshly built site.

Material's own search ships one JSON index of the whole site to every
visitor (megabytes at thousands of pages). Pagefind splits the index into
small chunks that the browser fetches per query, stems Dutch, folds
diacritics and supports the filters of the explore page. It runs on the
temporary build folder before site.py swaps it in, so a failed index keeps
the previous site/. The binary comes from the pinned ``pagefind[bin]`` wheel.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"


def build_search_index(site_dir: Path) -> int:
    """Index ``site_dir`` into ``site_dir/pagefind``; returns the exit status."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR,
           "--force-language", "nl", "--exclude-selectors", ".headerlink", "--quiet"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        print(f"De zoekindex kon niet worden gemaakt: {exc}", file=sys.stderr)
        return 2
    if result.returncode != 0 or not (site_dir / OUTPUT_SUBDIR / "pagefind.js").exists():
        print("De zoekindex (Pagefind) kon niet worden gemaakt:\n" + (result.stderr or result.stdout)[-2000:]
              + "\n→ Controleer of 'make setup' is gelukt (pagefind[bin] in requirements.txt).", file=sys.stderr)
        return result.returncode or 2
    return 0
