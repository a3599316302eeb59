"""Page sizes and text of a PDF, read back with poppler (scripts/setup/chromium.sh installs poppler-utils).

A regular expression over the file only sees pages that are plain objects, as Chromium writes them;
WeasyPrint (the cards PDF) packs its objects in compressed object streams.
"""

from __future__ import annotations

import re
import subprocess
import tempfile


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of ``data``."""
    assert data.startswith(b"%PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "100000", handle.name], capture_output=True, text=True, check=True
        ).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out, re.M)]
    assert len(sizes) == count
    return sizes


def pdf_text(path) -> str:
    """The text of the PDF at ``path``, as poppler's pdftotext reads it."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
