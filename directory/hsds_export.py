"""Export the public directory as HSDS 3: ``hsds.json`` and a tabular data package.

Everything goes through ``directory.selectors`` and ``directory.serializers`` (the
allow-list of ``directory.fields``), so the files hold public data only:
confidential locations keep only canton and province, staff-only fields are absent. Lists
are ordered by id and keys sorted, so an export → import → export gives identical files.
"""

import csv
import json
from pathlib import Path

from directory import selectors, serializers
from directory.hsds_import.shapes import DOCUMENT_KEYS, Flattener
from directory.hsds_import.tables import KEPT
from directory.hsds_import.tabular import official_descriptor
from directory.models import Taxonomy, TaxonomyTerm

JSON_NAME = "hsds.json"
DATAPACKAGE = "datapackage.json"
# The CSV files written (every one, even empty), parents before children: the tables
# Ruta keeps, less HSDS 1.x eligibility (folded into the service on import).
TABLES = tuple(table for table in KEPT if table != "eligibility")


def export_document():
    """The public directory as one HSDS JSON document (lists ordered by id)."""
    organizations = selectors.organization_with_services(
        selectors.public_organizations(), staff=False
    ).order_by("id")
    services = selectors.public_services().order_by("id")
    document = {
        "hsds_version": serializers.HSDS_VERSION,
        "taxonomies": [serializers.hsds_taxonomy(t) for t in Taxonomy.objects.order_by("id")],
        "taxonomy_terms": [
            serializers.hsds_taxonomy_term(t)
            for t in TaxonomyTerm.objects.select_related("taxonomy").order_by("id")
        ],
        "organizations": [serializers.hsds_organization(o) for o in organizations],
        "services": [serializers.hsds_service(s) for s in services],
    }
    return conform(document)


def conform(value):
    """Types as the HSDS schemas give them: ``phone.extension`` is a number (digits become
    one, anything else is left out) and schedule times are ``HH:MM:SS``."""
    if isinstance(value, list):
        return [conform(item) for item in value]
    if not isinstance(value, dict):
        return value
    data = {key: conform(item) for key, item in value.items()}
    if "number" in data and "extension" in data:
        extension = str(data.pop("extension")).strip()
        if extension.isdigit():
            data["extension"] = int(extension)
    if "freq" in data:
        for key in ("opens_at", "closes_at"):
            if isinstance(data.get(key), str) and len(data[key]) == 5:
                data[key] += ":00"
    return data


def flatten(document):
    """The document as tables {name: [row, ...]}, rows without nesting, ordered by id."""
    flattener = Flattener(JSON_NAME)
    for key, table in DOCUMENT_KEYS.items():
        for obj in document.get(key) or []:
            flattener.add(table, obj, "")
    rows = flattener.tables.rows
    return {name: sorted(rows.get(name, {}).values(), key=lambda row: row["id"]) for name in TABLES}


def write_export(directory):
    """Write hsds.json, one CSV per table and datapackage.json; return {file: rows}."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    document = export_document()
    (directory / JSON_NAME).write_text(
        json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    written = {JSON_NAME: len(document["services"])}
    descriptor = official_descriptor()
    official = {resource["name"]: resource for resource in descriptor["resources"]}
    resources = []
    for name, rows in flatten(document).items():
        resource = json.loads(json.dumps(official[name]))
        columns = [f["name"] for f in resource["schema"]["fields"]]
        resource["schema"]["foreignKeys"] = [
            key
            for key in resource["schema"].get("foreignKeys", [])
            if (key["reference"].get("resource") or name) in TABLES
        ]
        with (directory / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        resources.append(resource)
        written[resource["path"]] = len(rows)
    package = {
        "name": "ruta-directory",
        "title": "Ruta: directorio público (HSDS 3)",
        "profile": "tabular-data-package",
        "version": serializers.HSDS_VERSION,
        "license": descriptor["license"],
        "resources": resources,
    }
    (directory / DATAPACKAGE).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return written


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
