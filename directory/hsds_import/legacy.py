"""HSDS 1.x (and 2.0) data packages mapped onto HSDS 3 tables; what has no place in Ruta is
reported as ignored."""

import uuid

from django.utils.translation import gettext as _

LEGACY_NAMESPACE = uuid.UUID("2f0a7a3e-8a8b-4a55-9a1f-6c0f1c3b7d21")
PATHS = {
    "service_taxonomy": "services_taxonomy.csv",
    "service_attribute": "service_attributes.csv",
    "other_attribute": "other_attributes.csv",
    "physical_address": "physical_addresses.csv",
    "postal_address": "postal_addresses.csv",
    "regular_schedule": "regular_schedules.csv",
    "holiday_schedule": "holiday_schedules.csv",
    "payment_accepted": "payments_accepted.csv",
    "accessibility_for_disabilities": "accessibility_for_disabilities.csv",
    "service_at_location": "services_at_location.csv",
    "taxonomy": "taxonomy.csv",
    "eligibility": "eligibility.csv",
}
TABLES = set(PATHS)
ONLY_LEGACY = TABLES - {"service_at_location", "taxonomy", "eligibility"}
IGNORED = ("holiday_schedule", "payment_accepted")
WEEKDAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def is_legacy(tables, version=""):
    if str(version).startswith(("1.", "2.")):
        return True
    if any(tables.rows.get(name) for name in ONLY_LEGACY):
        return True
    terms = tables.table("taxonomy")
    return any("vocabulary" in row or "parent_name" in row for row in terms)


def convert(tables, report):
    """Rewrite the legacy tables of ``tables`` in place as HSDS 3 tables."""
    rows = tables.rows
    tables.shape = _("HSDS 1.x data package (legacy)")
    for row in rows.get("organization", {}).values():
        _rename(row, "url", "website")
    for row in rows.get("service", {}).values():
        _rename(row, "fees", "fees_description")
    for name, kind in (("physical_address", "physical"), ("postal_address", "postal")):
        for row in rows.pop(name, {}).values():
            row.setdefault("address_type", kind)
            tables.add("address", row, row.pop("_where"))
    for row in rows.pop("regular_schedule", {}).values():
        weekday = str(row.pop("weekday", "")).strip()
        day = WEEKDAYS.get(int(weekday)) if weekday.isdigit() else weekday[:2].upper()
        if day:
            row["byday"] = day
        row.setdefault("freq", "WEEKLY")
        tables.add("schedule", row, row.pop("_where"))
    for name in ("service_taxonomy", "service_attribute"):
        for row in rows.pop(name, {}).values():
            term = row.pop("taxonomy_id", None) or row.pop("taxonomy_term_id", None)
            attribute = {
                "id": row["id"],
                "link_id": row.get("service_id"),
                "link_entity": "service",
                "link_type": name,
                "taxonomy_term_id": term,
            }
            tables.add("attribute", attribute, row["_where"])
    for row in rows.pop("other_attribute", {}).values():
        row.setdefault("link_entity", row.get("link_type", ""))
        tables.add("attribute", row, row.pop("_where"))
    _terms(tables)
    for row in rows.get("taxonomy_term", {}).values():
        _rename(row, "term", "name")
    for row in rows.get("language", {}).values():
        value = str(row.pop("language", "")).strip()
        if value:
            row.setdefault("name", value)
    for row in rows.pop("accessibility_for_disabilities", {}).values():
        text = ": ".join(v for v in (row.pop("accessibility", ""), row.pop("details", "")) if v)
        tables.add("accessibility", {**row, "description": text}, row.pop("_where"))
    for name in IGNORED:
        if name in rows:
            report.ignore_table(name, len(rows.pop(name)))
    return tables


def _terms(tables):
    """1.x ``taxonomy`` rows are terms; their ``vocabulary`` names the taxonomy."""
    legacy_terms = tables.rows.get("taxonomy", {})
    if not any(
        "vocabulary" in r or "parent_name" in r or "description" not in r
        for r in legacy_terms.values()
    ):
        return
    tables.rows.pop("taxonomy")
    for row in legacy_terms.values():
        vocabulary = str(row.pop("vocabulary", "") or _("Imported taxonomy"))
        taxonomy_id = str(uuid.uuid5(LEGACY_NAMESPACE, vocabulary))
        tables.add(
            "taxonomy",
            {"id": taxonomy_id, "name": vocabulary, "description": vocabulary},
            row["_where"],
        )
        row.pop("parent_name", None)
        tables.add("taxonomy_term", {**row, "taxonomy_id": taxonomy_id}, row.pop("_where"))


def _rename(row, old, new):
    if old in row:
        value = row.pop(old)
        row.setdefault(new, value)
