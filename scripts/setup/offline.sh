#!/usr/bin/env bash
# Browser code for the offline download (see scripts/wijkpraktijk/downloads.py):
# Material's offline search needs the iframe-worker shim, which Material would
# otherwise load from a CDN. Installed from npm with the committed lock file.
set -euo pipefail
cd "$(dirname "$0")/offline"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else echo "Run as root: $*" >&2; return 1; fi; }
if ! command -v npm >/dev/null; then
  echo "npm ontbreekt; installeren met apt-get..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
fi
stamp=node_modules/.lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
