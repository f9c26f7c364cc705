#!/usr/bin/env bash
# One command: set up, load the demo of 1-Mai aiyl aimak and serve the portal on this computer.
#   bash scripts/run.sh            (PORT=8080 bash scripts/run.sh for another port)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# A local demo over plain http on 127.0.0.1: no HTTPS redirect, DEBUG stays off.
export DJANGO_SECURE=${DJANGO_SECURE:-0}
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}
PORT=${PORT:-8000}

echo "==> Collecting static files"
.venv/bin/python manage.py collectstatic --noinput -v0
echo "==> Loading the demo data"
.venv/bin/python manage.py load_demo --force
echo
echo "The portal runs at  http://127.0.0.1:${PORT}/"
echo "Log in at           http://127.0.0.1:${PORT}/ky/accounts/login/  (admin, staff, deputy — password: demo)"
echo "Stop it with Ctrl+C."
echo
exec .venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:${PORT}" --workers 3 --timeout 120 --access-logfile -
