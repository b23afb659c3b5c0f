#!/usr/bin/env bash
# Translation catalogues live in each app's locale/ folder.
#   update: extract strings (es, en) and compile the catalogues
#   check:  the committed catalogues are current, complete in Spanish, and compile
# Usage: scripts/messages.sh PYTHON update|check ["app1 app2"]
set -euo pipefail
PY=${1:-python}
MODE=${2:-check}
APPS=${3:-"website infra directory protocol_pages training search referrals offline alerts"}
ROOT=$(pwd)
case "$PY" in /*) ;; *) PY="$ROOT/$PY" ;; esac
export DJANGO_SETTINGS_MODULE=website.settings.test PYTHONPATH="$ROOT"
ADMIN="$(dirname "$PY")/django-admin"
if [ "$MODE" = check ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/tree"
    tar --exclude=./.venv --exclude=./var --exclude=./.git --exclude=./node_modules -cf - . \
        | tar -xf - -C "$tmp/tree"
    cd "$tmp/tree"
    ADMIN_ROOT="$tmp/tree"
else
    ADMIN_ROOT="$ROOT"
fi
for app in $APPS; do
    mkdir -p "$ADMIN_ROOT/$app/locale"
    (cd "$ADMIN_ROOT/$app" && "$ADMIN" makemessages -l es -l en --no-obsolete --add-location file \
        --ignore 'tests/*' -v 0)
    (cd "$ADMIN_ROOT/$app" && "$ADMIN" compilemessages -v 0)
done
if [ "$MODE" = check ]; then
    status=0
    for app in $APPS; do
        for lang in es en; do
            committed="$ROOT/$app/locale/$lang/LC_MESSAGES/django.po"
            fresh="$ADMIN_ROOT/$app/locale/$lang/LC_MESSAGES/django.po"
            if [ ! -f "$committed" ]; then
                echo "Missing catalogue: $app/locale/$lang (run: make messages)"; status=1; continue
            fi
            if ! diff -q <(grep -v -e '^"POT-Creation-Date' -e '^#:' "$committed") \
                         <(grep -v -e '^"POT-Creation-Date' -e '^#:' "$fresh") >/dev/null; then
                echo "Out of date: $app/locale/$lang (run: make messages and translate)"
                diff <(grep -v -e '^"POT-Creation-Date' -e '^#:' "$committed") \
                     <(grep -v -e '^"POT-Creation-Date' -e '^#:' "$fresh") | head -20
                status=1
            fi
        done
        es="$ROOT/$app/locale/es/LC_MESSAGES/django.po"
        if [ -f "$es" ]; then
            untranslated=$(msgattrib --untranslated --no-obsolete "$es" | grep -c '^msgid' || true)
            fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$es" | grep -c '^msgid' || true)
            # msgattrib prints the header entry too when there is anything to print.
            if [ "$untranslated" -gt 1 ] || [ "$fuzzy" -gt 1 ]; then
                echo "Spanish catalogue of $app has untranslated or fuzzy strings:"
                msgattrib --untranslated --no-obsolete "$es" | grep '^msgid' | tail -n +2 | head -20
                msgattrib --only-fuzzy --no-obsolete "$es" | grep '^msgid' | tail -n +2 | head -20
                status=1
            fi
            msgfmt --check-format -o /dev/null "$es" || status=1
            "$PY" -c 'import re, sys, polib
catalogue = polib.pofile(sys.argv[1])
forms = int(re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata["Plural-Forms"]).group(1))
missing = [
    e.msgid for e in catalogue
    if e.msgid_plural and not all(e.msgstr_plural.get(index) for index in range(forms))
]
for msgid in missing:
    print("Missing plural form in", sys.argv[1], ":", msgid)
sys.exit(1 if missing else 0)' "$es" || status=1
        fi
        for lang in es en; do
            mo="$ROOT/$app/locale/$lang/LC_MESSAGES/django.mo"
            fresh_mo="$ADMIN_ROOT/$app/locale/$lang/LC_MESSAGES/django.mo"
            if [ ! -f "$mo" ] || ! diff -q <(msgunfmt "$mo") <(msgunfmt "$fresh_mo") >/dev/null; then
                echo "Compiled catalogue not current: $app/locale/$lang (run: make messages)"
                status=1
            fi
        done
        if false; then :
        fi
    done
    [ $status -eq 0 ] && echo "Translation catalogues: current, complete in Spanish, compile."
    exit $status
fi
