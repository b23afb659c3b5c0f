"""The standard's own checks: frictionless on CSV packages (types, keys, foreign keys) and
the vendored JSON Schemas on JSON objects. Findings are listed in the report; Ruta's own
rules decide what is rejected, so a value the importer can read (``"100"`` for a number)
is imported and still shown as not conforming."""

import json
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _
from frictionless import FrictionlessException, Package, system

from directory import hsds

from .tabular import official_descriptor

MAX_FINDINGS = 200
SCHEMAS = {
    "organization",
    "service",
    "location",
    "service_at_location",
    "taxonomy",
    "taxonomy_term",
    "phone",
    "contact",
    "schedule",
    "address",
    "attribute",
    "language",
    "accessibility",
}


def _official_schemas():
    return {r["name"]: r for r in official_descriptor()["resources"]}


def validate_package(package, report, legacy_descriptor=None):
    """Run frictionless on the package's CSV files, copied to a private temporary folder
    (frictionless never reads the partner's paths), with the official HSDS schemas."""
    official = _official_schemas()
    present = {table for table in package.raw if table in official}
    if not present:
        return
    with tempfile.TemporaryDirectory(prefix="hsds-import-") as folder:
        resources = []
        for table in sorted(present):
            path, data = package.raw[table]
            name = f"{table}.csv"
            (Path(folder) / name).write_bytes(data)
            schema = json.loads(json.dumps(official[table]["schema"]))
            fields = {f["name"] for f in schema["fields"]}
            key = schema.get("primaryKey")
            if key and not set([key] if isinstance(key, str) else key) <= fields:
                schema.pop("primaryKey")
            schema["foreignKeys"] = [
                fk
                for fk in schema.get("foreignKeys", [])
                if (fk["reference"].get("resource") or table) in present
            ]
            schema["fieldsMatch"] = "partial"  # a file may leave out or add columns
            resources.append({"name": table, "path": name, "format": "csv", "schema": schema})
        try:
            with system.use_context(trusted=False):
                checked = Package({"resources": resources}, basepath=folder)
                result = checked.validate(limit_errors=MAX_FINDINGS)
        except FrictionlessException as error:
            report.finding(
                "",
                "datapackage.json",
                "",
                _("frictionless could not check the package: %(error)s")
                % {"error": error.error.note},
            )
            return
    for task in result.tasks:
        for error in task.errors:
            if error.type in ("extra-label", "missing-label", "incorrect-label", "blank-label"):
                continue
            path = package.raw.get(task.name, (task.name,))[0]
            row = getattr(error, "row_number", None)
            where = (
                _("%(table)s, row %(row)s") % {"table": task.name, "row": row - 1}
                if row
                else task.name
            )
            field_name = getattr(error, "field_name", "") or ", ".join(
                getattr(error, "field_names", []) or []
            )
            report.finding(task.name, where, field_name, _frictionless_message(error, path))
            if len(report.validation) >= MAX_FINDINGS:
                return


def _frictionless_message(error, path):
    if error.type == "type-error":
        return _("“%(cell)s” is not of the type the HSDS schema gives (%(note)s).") % {
            "cell": str(getattr(error, "cell", ""))[:80],
            "note": error.note,
        }
    if error.type == "constraint-error":
        return _("Breaks a constraint of the HSDS schema (%(note)s).") % {"note": error.note}
    if error.type in ("primary-key", "unique-error"):
        return _("The id is not unique in %(file)s.") % {"file": path}
    if error.type == "foreign-key":
        return _("Refers to a row that is not in the package (%(note)s).") % {"note": error.note}
    return f"{error.title}: {error.note}"


def validate_objects(objects, report):
    """JSON Schema (draft 2020-12) checks of the file's top-level objects."""
    for table, obj, where in objects:
        if table not in SCHEMAS:
            continue
        for error in hsds.object_validator(table).iter_errors(obj):
            path = "/".join(str(p) for p in error.absolute_path)
            field_name = next(
                (str(p) for p in reversed(error.absolute_path) if isinstance(p, str)), ""
            )
            report.finding(
                table, f"{where} /{path}" if path else where, field_name, _schema_message(error)
            )
            if len(report.validation) >= MAX_FINDINGS:
                return


def _schema_message(error):
    if error.validator == "type":
        return _("Expected %(type)s by the HSDS schema, found %(value)s.") % {
            "type": error.validator_value,
            "value": json.dumps(error.instance)[:80],
        }
    if error.validator == "required":
        return _("Required by the HSDS schema: %(message)s") % {"message": error.message}
    if error.validator in ("format", "enum", "pattern"):
        return _("Not as the HSDS schema expects (%(rule)s): %(value)s") % {
            "rule": error.validator,
            "value": json.dumps(error.instance)[:80],
        }
    return _("Not as the HSDS schema expects: %(message)s") % {"message": error.message[:200]}
