#!/usr/bin/env bash
# Create .venv with the pinned dependencies. Works on a fresh Debian with
# Python 3.11: installs python3-venv through apt when venv is missing.
# 'venv.sh' installs what the site needs (requirements.txt); 'venv.sh dev' adds
# what the tests and the linter need (requirements-dev.txt).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    echo "python3-venv ontbreekt; installeren met apt-get..." >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    "$PY" -m venv .venv
  fi
fi
if [ "${1:-}" = dev ]; then
  files=(requirements.txt requirements-dev.txt); stamp=.venv/.requirements-dev.sha
else
  files=(requirements.txt); stamp=.venv/.requirements.sha
fi
want=$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "${files[-1]}"
  echo "$want" > "$stamp"
fi
