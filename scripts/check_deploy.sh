#!/usr/bin/env bash
# `manage.py check --deploy` under production settings with production-like variables:
# must report no warnings at all.
set -euo pipefail
PY=${1:-python}
out=$(DJANGO_SETTINGS_MODULE=website.settings.base \
      DJANGO_SECRET_KEY="check-deploy-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
      DJANGO_ALLOWED_HOSTS=ruta.example.org \
      REFERRAL_ENCRYPTION_KEYS="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_')" \
      DATABASE_URL="sqlite:///$(mktemp -d)/deploy.sqlite3" \
      "$PY" manage.py check --deploy --fail-level WARNING 2>&1) || { echo "$out"; exit 1; }
echo "check --deploy (production settings): $out"
