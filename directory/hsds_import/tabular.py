"""Tabular HSDS: a data package (``datapackage.json`` + CSV files), CSV files named as the
official package names them (no descriptor), and ``tabular.json`` (rows per CSV name)."""

import csv
import io
import json
from functools import cache

from django.utils.translation import gettext as _

from directory.hsds import SCHEMA_DIR

from . import legacy
from .limits import Unreadable, limit, too_large
from .sources import DATAPACKAGE, decode, parse_json, safe_member
from .tables import KEPT, NOT_KEPT, Tables


@cache
def official_descriptor():
    return json.loads((SCHEMA_DIR / "tabular" / DATAPACKAGE).read_text(encoding="utf-8"))


@cache
def paths():
    """CSV file name -> table, for HSDS 3 and the legacy 1.x/2.0 names."""
    known = {r["path"]: r["name"] for r in official_descriptor()["resources"]}
    known.update({"service_at_locations.csv": "service_at_location"})
    for name, path in legacy.PATHS.items():
        known.setdefault(path, name)
    return known


def table_of(name, path):
    if name in KEPT or name in NOT_KEPT or name in legacy.TABLES:
        return name
    return paths().get((path or "").rsplit("/", 1)[-1])


class Package:
    """The tables of a package, and the raw CSV files kept for frictionless."""

    def __init__(self, files):
        self.files = files
        self.raw = {}  # table -> (file name, bytes)
        self.read_bytes = 0
        self.version = ""

    def read(self, name):
        data = self.files.read(name)
        self.read_bytes += len(data)
        if self.read_bytes > limit("HSDS_IMPORT_MAX_BYTES"):
            raise too_large(self.files.label, self.read_bytes)
        return data

    def resources(self):
        """(table or None, file name, inline rows or None) for each resource."""
        names = self.files.names()
        if DATAPACKAGE not in names:
            return [(paths()[name], name, None) for name in names if name in paths()]
        descriptor = parse_json(self.read(DATAPACKAGE), DATAPACKAGE)
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise Unreadable(_("datapackage.json has no list of resources."))
        self.version = str(descriptor.get("version") or "")
        found = []
        for resource in descriptor["resources"][: limit("HSDS_IMPORT_MAX_FILES")]:
            if not isinstance(resource, dict):
                continue
            path, data = resource.get("path"), resource.get("data")
            if data is None and (not isinstance(path, str) or safe_member(path) is None):
                raise Unreadable(
                    _(
                        "The resource %(name)s points outside the package (%(path)s): only "
                        "files inside it are read."
                    )
                    % {"name": resource.get("name", "?"), "path": path}
                )
            found.append((table_of(resource.get("name"), path), path or resource.get("name"), data))
        return found

    def tables(self, report):
        tables = Tables(shape=_("HSDS tabular data package"))
        for table, path, inline in self.resources():
            if inline is not None:
                rows = (
                    [row for row in inline if isinstance(row, dict)]
                    if isinstance(inline, list)
                    else []
                )
            else:
                data = self.read(path)
                rows = csv_rows(data, path, report)
                if table:
                    self.raw[table] = (path, data)
            if table is None:
                report.ignore_table(path, len(rows))
                continue
            add_rows(tables, table, rows, path)
        return tables


def csv_rows(data, name, report):
    text, fallback = decode(data, name)
    if fallback:
        report.normalise(_("%(name)s read as Windows-1252 (it is not UTF-8)") % {"name": name})
    previous = csv.field_size_limit()
    csv.field_size_limit(
        max(previous, limit("HSDS_IMPORT_MAX_BYTES"))
    )  # long cells: rejected per row
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = []
        for row in reader:
            rows.append({key.strip(): value for key, value in row.items() if key})
            if len(rows) > limit("HSDS_IMPORT_MAX_ROWS"):
                raise Unreadable(_("%(name)s has too many rows.") % {"name": name})
        return rows
    except csv.Error as error:
        raise Unreadable(
            _("%(name)s is not a readable CSV file (line %(line)s: %(error)s).")
            % {"name": name, "line": reader.line_num, "error": error}
        ) from error
    finally:
        csv.field_size_limit(previous)


def add_rows(tables, table, rows, path):
    for number, row in enumerate(rows, start=1):
        tables.add(table, row, _("%(file)s, row %(row)s") % {"file": path, "row": number})


def read_tabular_json(content, name, report):
    """``tabular.json``: {"organizations.csv": [rows], ...} as the official example has it."""
    tables = Tables(shape="tabular.json")
    for path, rows in content.items():
        table = table_of(None, path)
        if not isinstance(rows, list):
            continue
        if table is None:
            report.ignore_table(path, len(rows))
            continue
        add_rows(tables, table, [r for r in rows if isinstance(r, dict)], f"{name} {path}")
    return tables


def is_tabular_json(content):
    return isinstance(content, dict) and any(
        isinstance(key, str) and key.endswith(".csv") for key in content
    )
