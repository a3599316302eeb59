#!/usr/bin/env bash
# Create .venv with the pinned dependencies. Works on a fresh Debian with
# Python 3.11: installs python3-venv through apt when venv is missing.
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
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
# Bytecode for the generator's own modules, also where PYTHONDONTWRITEBYTECODE is
# set: otherwise every run compiles them again. Only changed files are rewritten.
.venv/bin/python -m compileall -q scripts/wijkpraktijk >/dev/null
