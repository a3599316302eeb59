#!/usr/bin/env bash
# The cards PDF (make build) is printed by WeasyPrint (requirements.txt), which draws text with pango:
# Debian's libpango-1.0-0 and libpangoft2-1.0-0 (harfbuzz and fontconfig come with them) and a font.
# Installed through apt when WeasyPrint cannot load them; no browser is needed to build the site.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "$0")/../.."
if .venv/bin/python -c "import weasyprint" 2>/dev/null; then exit 0; fi
echo "pango (voor de werkkaarten-pdf) ontbreekt; installeren met apt-get..." >&2
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
