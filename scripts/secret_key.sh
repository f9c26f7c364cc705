# Sourced by run.sh and test.sh: exports DJANGO_SECRET_KEY for this computer when the environment
# does not set one. The key is generated once and kept in var/secret_key (readable by its owner
# only, ignored by git), so that a restart does not log everybody out.
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  mkdir -p var
  if [ ! -s var/secret_key ]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
    echo "==> Generated a secret key for this computer in var/secret_key (kept across restarts)"
  fi
  DJANGO_SECRET_KEY=$(cat var/secret_key)
  export DJANGO_SECRET_KEY
fi
