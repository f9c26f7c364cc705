#!/usr/bin/env bash
# Sets up everything the portal needs in this folder: a virtual environment with the pinned
# requirements, the database schema and the static files. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating the virtual environment (.venv)"
  "$PYTHON" -m venv .venv
fi
# Install only when requirements.txt changed since the last successful install.
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> Installing the requirements (log: .venv/pip.log)"
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install --disable-pip-version-check -r requirements.txt; } > .venv/pip.log 2>&1; then
    tail -n 30 .venv/pip.log >&2
    echo "Installing the requirements failed (see .venv/pip.log)." >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
# migrate runs with the production settings, which refuse to start without a secret key.
source scripts/secret_key.sh
echo "==> Preparing the database"
.venv/bin/python manage.py migrate --noinput -v0
