#!/usr/bin/env bash
# Front-end packages the build vendors into the site (cytoscape for the Verbanden graph, yaml for the
# form at /admin/, Pagefind for search) and
# decap-server, which `make cms` runs. Pinned in package-lock.json; installed into node_modules/ only
# when the lock changed, without dev dependencies (world-atlas is only for scripts/make_outline.py,
# axe-core only for the tests) unless called as `npm.sh dev`.
# Decap CMS's browser bundle comes from its one pinned tarball (scripts/setup/decap.py), not its
# package tree. Installs Debian's nodejs/npm through apt when npm is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "$0")/../.."
if ! command -v npm >/dev/null; then
  echo "npm ontbreekt; installeren met apt-get..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
# `npm.sh dev` (make setup-dev, make test) also installs the dev dependencies: axe-core, the version the
# accessibility test runs, and world-atlas. A dev install serves the site's set-up too.
mode=${1:-}
stamp=node_modules/.package-lock.sha
want="$(sha256sum package-lock.json | cut -d' ' -f1)${mode:+ $mode}"
have=$(cat "$stamp" 2>/dev/null || true)
if [ "$have" != "$want" ] && [ "$have" != "$want dev" ]; then
  if [ "$mode" = dev ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
  fi
  echo "$want" > "$stamp"
fi
python3 scripts/setup/decap.py
