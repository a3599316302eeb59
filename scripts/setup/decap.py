"""Decap CMS's browser files from one pinned npm tarball, integrity checked, instead of its package tree.

Why: the form at /admin/ needs only Decap's built bundle (dist/decap-cms.js and its lazily loaded
chunks, about 6 MB), but installing the decap-cms package pulls in some 500 packages (about 300 MB) to
build it. ``npm pack`` fetches the one tarball through npm (registry, proxy and cache as npm is set up);
its SHA-512 must equal the integrity pinned in package.json ("vendored"), and only the bundle files are
unpacked, into node_modules/.vendored/decap-cms/ (cms.py copies them into docs/admin/).
Standard library only: it runs before the project's virtualenv exists.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "node_modules" / ".vendored" / "decap-cms"
BUNDLE_RE = re.compile(r"^package/dist/([0-9]+\.)?decap-cms\.js$")  # the bundle and its chunks, no source maps


def main() -> int:
    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["vendored"]["decap-cms"]
    stamp = TARGET / ".integrity"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == pin["integrity"]:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        packed = subprocess.run(
            ["npm", "pack", f"decap-cms@{pin['version']}", "--pack-destination", tmp, "--json", "--silent"],
            check=True,
            capture_output=True,
            text=True,
        )
        tarball = Path(tmp) / json.loads(packed.stdout)[0]["filename"]
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode("ascii")
        if digest != pin["integrity"]:
            print(f"decap-cms {pin['version']}: het pakket klopt niet met package.json ({digest}).", file=sys.stderr)
            return 1
        shutil.rmtree(TARGET, ignore_errors=True)
        (TARGET / "dist").mkdir(parents=True)
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive.getmembers():
                match = BUNDLE_RE.match(member.name)
                if match and member.isfile():
                    with archive.extractfile(member) as source:
                        (TARGET / "dist" / Path(member.name).name).write_bytes(source.read())
    stamp.write_text(pin["integrity"], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
