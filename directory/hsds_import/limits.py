"""How much an HSDS import may read: whole files, each field, rows, files in a package.

Each limit can be lowered or raised in settings (``HSDS_IMPORT_MAX_BYTES``...); see
docs/directory.md. Nothing over a limit is stored: a file is refused, a field's row rejected.
"""

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULTS = {
    "HSDS_IMPORT_MAX_BYTES": 100 * 1024 * 1024,  # one file, or a whole package or archive
    "HSDS_IMPORT_MAX_FIELD_CHARS": 10_000,  # one value (descriptions are a few hundred)
    "HSDS_IMPORT_MAX_ROWS": 1_000_000,  # rows of all tables together
    "HSDS_IMPORT_MAX_FILES": 64,  # files in a data package or an archive
    "HSDS_IMPORT_MAX_DEPTH": 32,  # nesting of JSON objects
}


def limit(name):
    return int(getattr(settings, name, DEFAULTS[name]))


class Unreadable(Exception):
    """The input as a whole cannot be imported; the message says why, for a maintainer."""


def too_large(name, size):
    return Unreadable(
        _("%(name)s is larger than the import limit (%(size)s MB; at most %(limit)s MB).")
        % {
            "name": name,
            "size": round(size / 1024 / 1024, 1),
            "limit": round(limit("HSDS_IMPORT_MAX_BYTES") / 1024 / 1024, 1),
        }
    )
