#!/usr/bin/env bash
# `manage.py check --deploy` under production settings with production-like variables,
# after the production static build (collectstatic): must report no warnings at all.
set -euo pipefail
PY=${1:-python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DJANGO_SETTINGS_MODULE=website.settings.base \
       DJANGO_SECRET_KEY="check-deploy-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
       DJANGO_ALLOWED_HOSTS=ruta.example.org \
       RUTA_PUBLIC_URL=https://ruta.example.org \
       REFERRAL_ENCRYPTION_KEYS="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')" \
       DATABASE_URL="sqlite:///$work/deploy.sqlite3" \
       DJANGO_STATIC_ROOT="$work/static"
"$PY" manage.py collectstatic --noinput --verbosity 0
out=$("$PY" manage.py check --deploy --fail-level WARNING 2>&1) || { echo "$out"; exit 1; }
echo "check --deploy (production settings, production static build): $out"
