"""Fill Spanish (or any) translations into an app's catalogue from a JSON file.

    python scripts/po_fill.py APP LANG translations.json

The JSON maps msgid → msgstr (for plurals: msgid → [singular, plural]). Entries already
translated are left alone unless the JSON gives them; fuzzy flags are cleared for the
entries it fills. Run `make messages` afterwards to recompile.
"""

import json
import sys
from pathlib import Path

import polib


def main(app, lang, json_path):
    path = Path(app) / "locale" / lang / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    filled = 0
    for entry in catalogue:
        if entry.msgid not in translations:
            continue
        value = translations[entry.msgid]
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, list) else (value, value)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        filled += 1
    catalogue.save(str(path))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    sys.stdout.write(f"{path}: filled {filled}; still untranslated: {len(missing)}\n")
    for msgid in missing:
        sys.stdout.write(f"  - {msgid}\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
