#!/usr/bin/env bash
# One command: set up and serve the portal on this computer, with the demo of 1-Mai aiyl aimak
# loaded into an empty database (a database that has user accounts is never touched).
#   bash scripts/run.sh                 serves http://127.0.0.1:8000/
#   PORT=8080 bash scripts/run.sh       another port
#   bash scripts/run.sh --reset         load the demo again: sets the passwords of admin, staff and
#                                       deputy back to "demo" and overwrites the municipality's profile
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8000}
RESET=0
for arg in "$@"; do
  case "$arg" in
    --reset) RESET=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see bash scripts/run.sh --help)" >&2; exit 2 ;;
  esac
done

# Before the minute of set-up, not after it: is the port free?
if ! python3 -c '
import socket, sys
with socket.socket() as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
' "$PORT"; then
  echo "Port ${PORT} is already in use (another portal, or another program). Stop it, or choose another port:" >&2
  echo "  PORT=8080 bash scripts/run.sh" >&2
  exit 1
fi

# A local demo over plain http on 127.0.0.1: no HTTPS redirect, DEBUG stays off.
export DJANGO_SECURE=${DJANGO_SECURE:-0}
source scripts/secret_key.sh
bash scripts/setup.sh

# Static files: collected (and compressed, 30-45 s) only when static/ or the requirements changed.
stamp=var/static.sha
want=$( { find static -type f -printf '%P %s %T@\n' | sort; sha256sum requirements.txt; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -f "${DJANGO_STATIC_ROOT:-staticfiles}/staticfiles.json" ]; then
  echo "==> Collecting static files"
  .venv/bin/python manage.py collectstatic --noinput -v0
  mkdir -p var && echo "$want" > "$stamp"
else
  echo "==> Static files unchanged since the last start: not collected again"
fi

has_accounts=$(.venv/bin/python manage.py shell -v0 -c \
  "from django.contrib.auth import get_user_model; print(int(get_user_model().objects.exists()))" | tail -n1)
demo=0
if [ "$RESET" = 1 ]; then
  echo "==> Loading the demo data again (--reset): demo passwords are \"demo\" again"
  .venv/bin/python manage.py load_demo --force
  demo=1
elif [ "$has_accounts" = 0 ]; then
  echo "==> Empty database: loading the demo data of 1-Mai aiyl aimak"
  .venv/bin/python manage.py load_demo --force
  demo=1
else
  echo "==> The database already has user accounts: the demo is not loaded, passwords and the"
  echo "    municipality's profile stay as they are (bash scripts/run.sh --reset loads the demo again)."
fi
echo
echo "The portal runs at  http://127.0.0.1:${PORT}/"
if [ "$demo" = 1 ]; then
  echo "Log in at           http://127.0.0.1:${PORT}/ky/accounts/login/  (admin, staff, deputy — password: demo)"
else
  echo "Log in at           http://127.0.0.1:${PORT}/ky/accounts/login/"
fi
echo "Stop it with Ctrl+C."
echo
exec .venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:${PORT}" --workers 3 --timeout 120 --access-logfile -
