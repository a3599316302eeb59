"""Turn docs/ into site/ with MkDocs, without ever leaving a half-built site/.

The generator stays independent of MkDocs: this module only runs the
``mkdocs`` command on a finished docs/, so Zensical could replace it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .config import Paths
from .redirects import config_file
from .search_index import build_search_index
from .write import DIR_MODE


def build_site(paths: Paths, strict: bool = True, extra_args: list[str] | None = None, downloads: bool = True) -> int:
    """Build into a temporary folder and swap it in only when MkDocs succeeded."""
    paths.root.joinpath(".cache").mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=paths.root / ".cache"))
    tmp.chmod(DIR_MODE)  # becomes site/: readable like any folder, not 0700
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(config_file(paths)), "--site-dir", str(tmp)]
    if strict:
        cmd.append("--strict")
    cmd += extra_args or []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(cmd, cwd=paths.root, env=env)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        return result.returncode
    if downloads:  # workshop cards PDF and the offline zip (downloads.py), before the swap
        from .downloads import DownloadError, add_downloads

        try:
            add_downloads(paths, tmp)
        except DownloadError as exc:
            print(exc, file=sys.stderr)
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
