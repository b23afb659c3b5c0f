"""HSDS 3 JSON in every shape → tables: the document (Ruta's ``hsds.json``), single objects
and arrays of service / organization / service_at_location (full or list views), API list
pages (``contents``), NDJSON lines and ``tabular.json`` (one list of rows per CSV name).

Nested objects are read wherever HSDS allows them (see ``CHILDREN`` and ``ONE``).
"""

from django.utils.translation import gettext as _

from .limits import Unreadable, limit
from .tables import Tables

# Arrays of child objects: parent table -> {key: (child table, field linking to the parent)}.
CHILDREN = {
    "organization": {
        "services": ("service", "organization_id"),
        "locations": ("location", "organization_id"),
        "contacts": ("contact", "organization_id"),
        "phones": ("phone", "organization_id"),
        "programs": ("program", "organization_id"),
        "funding": ("funding", "organization_id"),
        "organization_identifiers": ("organization_identifier", "organization_id"),
        "additional_websites": ("url", "organization_id"),
        "attributes": ("attribute", "link_id"),
        "metadata": ("metadata", "resource_id"),
    },
    "service": {
        "phones": ("phone", "service_id"),
        "schedules": ("schedule", "service_id"),
        "service_at_locations": ("service_at_location", "service_id"),
        "languages": ("language", "service_id"),
        "contacts": ("contact", "service_id"),
        "attributes": ("attribute", "link_id"),
        "service_areas": ("service_area", "service_id"),
        "funding": ("funding", "service_id"),
        "cost_options": ("cost_option", "service_id"),
        "required_documents": ("required_document", "service_id"),
        "capacities": ("service_capacity", "service_id"),
        "additional_urls": ("url", "service_id"),
        "metadata": ("metadata", "resource_id"),
    },
    "service_at_location": {
        "phones": ("phone", "service_at_location_id"),
        "schedules": ("schedule", "service_at_location_id"),
        "contacts": ("contact", "service_at_location_id"),
        "service_areas": ("service_area", "service_at_location_id"),
        "attributes": ("attribute", "link_id"),
        "metadata": ("metadata", "resource_id"),
    },
    "location": {
        "addresses": ("address", "location_id"),
        "accessibility": ("accessibility", "location_id"),
        "phones": ("phone", "location_id"),
        "schedules": ("schedule", "location_id"),
        "languages": ("language", "location_id"),
        "contacts": ("contact", "location_id"),
        "attributes": ("attribute", "link_id"),
        "metadata": ("metadata", "resource_id"),
    },
    "contact": {"phones": ("phone", "contact_id"), "attributes": ("attribute", "link_id")},
    "phone": {"languages": ("language", "phone_id"), "attributes": ("attribute", "link_id")},
    "schedule": {"attributes": ("attribute", "link_id")},
    "taxonomy_term": {},
    "service_capacity": {},
}
# One nested object: table -> {key: (its table, field of the parent that names it)}.
ONE = {
    "service": {
        "organization": ("organization", "organization_id"),
        "program": ("program", "program_id"),
    },
    "service_at_location": {
        "service": ("service", "service_id"),
        "location": ("location", "location_id"),
    },
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "service_capacity": {"unit": ("unit", "unit_id")},
}
# Ruta's document and API-like keys: key -> table.
DOCUMENT_KEYS = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "services": "service",
    "service_at_locations": "service_at_location",
    "locations": "location",
}


def guess_table(obj):
    """Which HSDS object a lone JSON object is, from the keys it has."""
    if not isinstance(obj, dict) or "id" not in obj:
        return None
    keys = set(obj)
    if isinstance(obj.get("service"), dict) or isinstance(obj.get("location"), dict):
        return "service_at_location"
    if {"service_id", "location_id"} <= keys and not keys & {"name", "number", "byday"}:
        return "service_at_location"
    if keys & {"location_type", "addresses", "latitude", "longitude", "transportation"}:
        return "location"
    if "status" in keys or keys & {
        "service_at_locations",
        "organization",
        "eligibility_description",
    }:
        return "service"
    if keys & {
        "services",
        "locations",
        "website",
        "legal_status",
        "tax_status",
        "year_incorporated",
    }:
        return "organization"
    if keys & {"taxonomy_detail", "taxonomy_id", "parent_id", "code"} and "name" in keys:
        return "taxonomy_term"
    if keys & {"uri", "version"} and "name" in keys:
        return "taxonomy"
    return None


def is_document(content):
    """Ruta's export and similar: lists of objects under their plural names, no own id."""
    return (
        isinstance(content, dict)
        and "id" not in content
        and any(isinstance(content.get(key), list) for key in DOCUMENT_KEYS)
    )


class Flattener:
    def __init__(self, source_name):
        self.name = source_name
        self.tables = Tables()

    def top(self, table, obj, where):
        self.tables.documents.append((table, obj, where))
        self.add(table, obj, where)

    def add(self, table, obj, where, depth=0, **links):
        if depth > limit("HSDS_IMPORT_MAX_DEPTH"):
            raise Unreadable(_("%(name)s is nested too deeply.") % {"name": self.name})
        if not isinstance(obj, dict):
            return
        children = CHILDREN.get(table, {})
        ones = ONE.get(table, {})
        row = {
            key: value
            for key, value in obj.items()
            if key not in children and key not in ones and not isinstance(value, (dict, list))
        }
        for key, value in obj.items():  # arrays or objects HSDS does not nest here
            if isinstance(value, (dict, list)) and key not in children and key not in ones:
                row[key] = value
        for key, value in links.items():
            row.setdefault(key, value)
        for key, (other, link) in ones.items():
            nested = obj.get(key)
            if isinstance(nested, dict):
                if nested.get("id") not in (None, ""):
                    row.setdefault(link, nested["id"])
                self.add(other, nested, f"{where}/{key}", depth + 1)
        if table == "attribute" and links.get("_entity"):
            row.setdefault("link_entity", links["_entity"])
        row.pop("_entity", None)
        self.tables.add(table, row, where)
        for key, (child, link) in children.items():
            items = obj.get(key)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                extra = {link: obj.get("id")}
                if child == "attribute":
                    extra["_entity"] = table
                self.add(child, item, f"{where}/{key}/{index}", depth + 1, **extra)


def read_json(content, name):
    """Tables from any JSON shape HSDS 3 knows; an unrecognised shape gives empty tables."""
    flattener = Flattener(name)
    tables = flattener.tables
    if isinstance(content, dict) and isinstance(content.get("contents"), list):
        tables.shape = _("HSDS API list page")
        _items(flattener, content["contents"], name)
    elif is_document(content):
        tables.shape = _("HSDS document")
        for key, table in DOCUMENT_KEYS.items():
            for index, obj in enumerate(content.get(key) or []):
                flattener.top(table, obj, f"{name} /{key}/{index}")
    elif isinstance(content, list):
        tables.shape = _("array of HSDS objects")
        _items(flattener, content, name)
    elif isinstance(content, dict):
        table = guess_table(content)
        if table:
            tables.shape = _("one HSDS %(object)s") % {"object": table}
            flattener.top(table, content, name)
    return tables


def _items(flattener, items, name):
    for index, obj in enumerate(items):
        table = guess_table(obj)
        if table:
            flattener.top(table, obj, f"{name} /{index}")
        elif isinstance(obj, dict) and isinstance(obj.get("contents"), list):
            _items(flattener, obj["contents"], f"{name} /{index}/contents")
