"""``export_hsds --with-capacity``: the current bed counts added to an export already
written (each service's ``capacities`` in hsds.json, and the HSDS 3.1 ``service_capacity``
and ``unit`` tables in the data package). Such an export holds staff-only data: it is for
the institutions' systems, never to be published."""

import csv
import json
from pathlib import Path

from directory.hsds import SCHEMA_DIR
from directory.models import ServiceCapacity
from directory.serializers import hsds_capacity

TABLES = {"service_capacity": "service_capacity.csv", "unit": "units.csv"}


def current_counts():
    """The current count of each unit of every service of an active institution, as HSDS."""
    counts = ServiceCapacity.objects.filter(
        is_current=True, service__organization__is_active=True
    ).order_by("service_id", "unit")
    return [hsds_capacity(count) for count in counts]


def _column(name, prop):
    if prop.get("type") == "number":
        return {"name": name, "type": "number"}
    if prop.get("format") == "date-time":
        return {"name": name, "type": "datetime"}
    column = {"name": name, "type": "string"}
    if prop.get("format") in ("uuid", "uri"):
        column["format"] = prop["format"]
    return column


def _resources():
    """The official resource descriptors, with every one-to-one column of the object's
    schema (HSDS 3.1's package lists only the keys of these two tables)."""
    package = json.loads((SCHEMA_DIR / "tabular" / "datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"] if r["name"] in TABLES}
    for name, resource in resources.items():
        schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
        resource["schema"]["fields"] = [
            _column(column, prop)
            for column, prop in schema["properties"].items()
            if prop.get("type") in ("string", "number")
        ]
    return resources


def _write_csv(path, resource, rows):
    columns = [field["name"] for field in resource["schema"]["fields"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def add_capacities(directory):
    """Add the counts to the export in ``directory``; returns {file: rows}."""
    directory = Path(directory)
    counts = current_counts()
    by_service = {}
    for count in counts:
        by_service.setdefault(count["service_id"], []).append(count)
    document_path = directory / "hsds.json"
    document = json.loads(document_path.read_text(encoding="utf-8"))
    for service in document.get("services", []):
        if service["id"] in by_service:
            service["capacities"] = by_service[service["id"]]
    document_path.write_text(
        json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    units = {count["unit_id"]: count["unit"] for count in counts}
    rows = {
        "service_capacity": [
            {key: value for key, value in count.items() if key != "unit"} for count in counts
        ],
        "unit": sorted(units.values(), key=lambda unit: unit["id"]),
    }
    resources = _resources()
    package_path = directory / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    written = {}
    for name, file_name in TABLES.items():
        _write_csv(directory / file_name, resources[name], rows[name])
        package["resources"] = [r for r in package["resources"] if r["name"] != name]
        package["resources"].append(resources[name])
        written[file_name] = len(rows[name])
    package_path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return written
