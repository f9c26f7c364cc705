#!/usr/bin/env bash
# One command: set up and run the whole test suite.
#   bash scripts/test.sh                 (SQLite, created and thrown away by the tests)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal bash scripts/test.sh
# Browser tests need Debian's chromium (/usr/bin/chromium); without it they are skipped with a
# reason, except in CI (CI=true), where a missing browser is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/secret_key.sh  # setup.sh migrates the local database with the production settings
bash scripts/setup.sh
echo "==> Running the tests on ${DATABASE_URL:-SQLite}"
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "No tests were collected: that is a failure." >&2
  exit 1
fi
exit "$status"
