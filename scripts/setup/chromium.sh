#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright cannot download browsers here), and poppler-utils
# (pdftotext, pdftoppm) to read back the PDFs Chromium prints (tests/test_werkmap.py). Tests only:
# make build needs no browser (the cards PDF is printed by WeasyPrint, scripts/setup/print.sh).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/pdftoppm ] && [ -x /usr/bin/pdftotext ]; then exit 0; fi
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
echo "Chromium of poppler-utils ontbreekt; installeren met apt-get..." >&2
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core poppler-utils
