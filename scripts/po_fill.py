"""Fill Spanish (or any) translations into an app's catalogue from a JSON file.

    python scripts/po_fill.py APP LANG translations.json
    python scripts/po_fill.py APP LANG          # only complete missing plural forms

The JSON maps msgid → msgstr (for plurals: msgid → [singular, plural]); an entry with a
context (pgettext) is keyed "CONTEXT\u0004MSGID", gettext's own separator, and a plain
msgid key fills only the entry without context. Entries already
translated are left alone unless the JSON gives them; fuzzy flags are cleared for the
entries it fills. Run `make messages` afterwards to recompile.
"""

import json
import re
import sys
from pathlib import Path

import polib


def _plural_count(catalogue):
    header = catalogue.metadata.get("Plural-Forms", "nplurals=2;")
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(match.group(1)) if match else 2


def main(app, lang, json_path=None):
    path = Path(app) / "locale" / lang / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    translations = json.loads(Path(json_path).read_text(encoding="utf-8")) if json_path else {}
    forms = _plural_count(catalogue)
    filled = 0
    for entry in catalogue:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in translations:
            continue
        value = translations[key]
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, list) else (value, value)
            # Spanish has three plural forms (the third for millions): all but 0 are plural.
            entry.msgstr_plural = {0: singular, **dict.fromkeys(range(1, forms), plural)}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        filled += 1
    for entry in catalogue:
        if entry.msgid_plural and entry.msgstr_plural.get(1):
            for index in range(2, forms):
                entry.msgstr_plural.setdefault(index, entry.msgstr_plural[1])
                if not entry.msgstr_plural[index]:
                    entry.msgstr_plural[index] = entry.msgstr_plural[1]
    catalogue.save(str(path))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    sys.stdout.write(f"{path}: filled {filled}; still untranslated: {len(missing)}\n")
    for msgid in missing:
        sys.stdout.write(f"  - {msgid}\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
