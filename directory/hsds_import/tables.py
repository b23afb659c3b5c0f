"""The common form every reader produces: HSDS 3 tables of flat rows, with provenance.

A row is a dict of HSDS field names; ``_where`` says where it came from (file and row, or
the JSON path) for the report. Rows of one table are kept by id: a repeated identical
object (HSDS nests the same phone under a service and its contact) is one row; a repeated
id with different values is a duplicate, reported and not imported twice.
"""

from dataclasses import dataclass, field

# HSDS 3 tables Ruta keeps, in import order (parents first).
KEPT = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "location",
    "address",
    "accessibility",
    "service",
    "service_at_location",
    "contact",
    "phone",
    "schedule",
    "language",
    "attribute",
    "eligibility",  # HSDS 1.x only: folded into the service
)
# HSDS 3 tables Ruta does not keep (reported as ignored).
NOT_KEPT = (
    "program",
    "service_area",
    "funding",
    "cost_option",
    "required_document",
    "organization_identifier",
    "metadata",
    "meta_table_description",
    "url",
    "unit",
    "service_capacity",
)


@dataclass
class Tables:
    shape: str = ""
    rows: dict = field(default_factory=dict)  # table -> {id: row}
    duplicates: list = field(default_factory=list)  # (table, id, where, first where)
    anonymous: dict = field(default_factory=dict)  # table -> rows without an id
    documents: list = field(
        default_factory=list
    )  # (table, object, where) as given, for JSON Schema

    def add(self, table, row, where):
        row = {key: value for key, value in row.items() if value not in (None, "")}
        row["_where"] = where
        object_id = row.get("id")
        if object_id in (None, ""):
            self.anonymous.setdefault(table, []).append(row)
            return
        object_id = str(object_id).strip()
        row["id"] = object_id
        rows = self.rows.setdefault(table, {})
        known = rows.get(object_id)
        if known is None:
            rows[object_id] = row
            return
        conflict = any(
            key != "_where" and key in known and _same(known[key]) != _same(value)
            for key, value in row.items()
        )
        if conflict:
            self.duplicates.append((table, object_id, where, known["_where"]))
            return
        for key, value in row.items():
            known.setdefault(key, value)

    def table(self, name):
        return list(self.rows.get(name, {}).values())

    def count(self):
        return sum(len(rows) for rows in self.rows.values()) + sum(
            len(rows) for rows in self.anonymous.values()
        )

    def recognised(self):
        return any(self.rows.get(name) or self.anonymous.get(name) for name in KEPT)


def _same(value):
    """Values compared across serialisations: 100 and "100", true and "true" are one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
