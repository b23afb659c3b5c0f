"""A row that remembers which fields were read, so unread ones are reported as ignored."""

import uuid

from django.utils.translation import gettext as _

from .normalise import Rejected

IMPORT_NAMESPACE = uuid.UUID("8f3b4c1e-0d7a-4e58-9a51-3d2c7e4b9f60")
# Reference fields and the table they name.
REFERENCES = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "contact_id": "contact",
    "service_at_location_id": "service_at_location",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
    "parent_id": "taxonomy_term",
}


class Row(dict):
    """An HSDS row; ``get`` records the field as used."""

    def __init__(self, table, data):
        super().__init__(data)
        self.table = table
        self.used = {"_where", "id"}

    def get(self, key, default=None):
        self.used.add(key)
        return super().get(key, default)

    def use(self, *keys):
        self.used.update(keys)

    @property
    def where(self):
        return dict.get(self, "_where", "")

    @property
    def pk(self):
        return dict.get(self, "id", "")

    def unused(self):
        return [key for key in self if key not in self.used]


class Cascade(Rejected):
    """Rejected only because the row it belongs to was rejected."""


def stable_id(table, value, report):
    """The canonical text of a UUID; other ids become a stable UUID (the same every import)."""
    text = str(value).strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        report.normalise(_("ids that are not UUIDs given stable UUIDs"))
        return str(uuid.uuid5(IMPORT_NAMESPACE, f"{table}:{text}"))


def canonical(tables, report):
    """Rows of every kept table as ``Row`` objects with canonical ids and references."""
    out = {}
    for table, rows in tables.rows.items():
        converted = []
        for data in rows.values():
            row = Row(table, data)
            row["id"] = stable_id(table, row.pk, report)
            for field_name, target in REFERENCES.items():
                value = dict.get(row, field_name)
                if value not in (None, ""):
                    row[field_name] = stable_id(target, value, report)
            link = dict.get(row, "link_id")
            if link not in (None, ""):
                entity = str(dict.get(row, "link_entity") or "")
                row["link_id"] = (
                    stable_id(entity or "location", link, report)
                    if _is_uuid(link) or entity
                    else str(link)
                )
            converted.append(row)
        out[table] = converted
    return out


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
