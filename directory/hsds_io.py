"""Export the public directory as HSDS 3 (JSON and tabular data package) and import it back.

Export goes through ``directory.visibility`` only, so files hold public data: confidential
locations keep only canton and province, staff-only fields are absent. Import upserts by
id; an imported location without address, coordinates or phones is treated as
confidential, and it never blanks the hidden details of an existing confidential location.
"""

import csv
import json
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory import visibility
from directory.hsds import SCHEMA_DIR
from directory.models import (
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.signals import keeping_last_modified
from directory.vocabulary import TAXONOMIES, taxonomy_uuid

JSON_NAME = "hsds.json"
DATAPACKAGE = "datapackage.json"
# Table order = import order (parents before children).
TABLES = [
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
]
NESTED = {
    "organization": ("locations", "contacts", "phones"),
    "location": ("addresses", "accessibility", "phones", "attributes"),
    "service": (
        "phones",
        "schedules",
        "service_at_locations",
        "languages",
        "contacts",
        "attributes",
        "organization",
    ),
    "service_at_location": ("location",),
    "contact": ("phones",),
    "taxonomy_term": ("taxonomy_detail",),
}


def official_resources():
    descriptor = json.loads((SCHEMA_DIR / "tabular" / DATAPACKAGE).read_text(encoding="utf-8"))
    return {resource["name"]: resource for resource in descriptor["resources"]}


# --- export ------------------------------------------------------------------------------


def export_document():
    """The public directory as one HSDS JSON document (lists ordered by id)."""
    organizations = visibility.organization_with_services(
        visibility.public_organizations(), staff=False
    ).order_by("id")
    services = visibility.public_services().order_by("id")
    taxonomies = Taxonomy.objects.order_by("id")
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("id")
    return {
        "hsds_version": visibility.HSDS_VERSION,
        "taxonomies": [visibility.hsds_taxonomy(t) for t in taxonomies],
        "taxonomy_terms": [visibility.hsds_taxonomy_term(t) for t in terms],
        "organizations": [visibility.hsds_organization(o) for o in organizations],
        "services": [visibility.hsds_service(s) for s in services],
    }


def flatten(document):
    """Split an HSDS JSON document into tables {name: [row, ...]} (rows without nesting)."""
    tables = {name: {} for name in TABLES}

    def add(table, obj, **links):
        row = {k: v for k, v in obj.items() if k not in (*NESTED.get(table, ()), "taxonomy")}
        if table == "taxonomy_term" and "taxonomy" in obj:
            row["taxonomy"] = obj["taxonomy"]
        row.update({k: v for k, v in links.items() if v})
        tables[table][row["id"]] = {**tables[table].get(row["id"], {}), **row}
        for phone in obj.get("phones", []) if table != "phone" else []:
            add("phone", phone, **{f"{table}_id": obj["id"]})
        if table == "organization":
            for location in obj.get("locations", []):
                add("location", location, organization_id=obj["id"])
            for contact in obj.get("contacts", []):
                add("contact", contact, organization_id=obj["id"])
        if table == "location":
            for address in obj.get("addresses", []):
                add("address", address, location_id=obj["id"])
            for item in obj.get("accessibility", []):
                add("accessibility", item, location_id=obj["id"])
            for attribute in obj.get("attributes", []):
                add("attribute", attribute, link_id=obj["id"])
        if table == "service":
            for schedule in obj.get("schedules", []):
                add("schedule", schedule, service_id=obj["id"])
            for sal in obj.get("service_at_locations", []):
                add("service_at_location", sal, service_id=obj["id"])
            for language in obj.get("languages", []):
                add("language", language, service_id=obj["id"])
            for contact in obj.get("contacts", []):
                add("contact", contact, service_id=obj["id"])
            for attribute in obj.get("attributes", []):
                add("attribute", attribute, link_id=obj["id"])
        if table == "service_at_location" and obj.get("location"):
            add("location", obj["location"])

    for taxonomy in document.get("taxonomies", []):
        add("taxonomy", taxonomy)
    for term in document.get("taxonomy_terms", []):
        add("taxonomy_term", term)
    for organization in document.get("organizations", []):
        add("organization", organization)
    for service in document.get("services", []):
        add("service", service)
    return {name: sorted(rows.values(), key=lambda r: r["id"]) for name, rows in tables.items()}


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
    official = official_resources()
    resources = []
    present = set(TABLES)
    for name, rows in flatten(document).items():
        resource = json.loads(json.dumps(official[name]))
        columns = [f["name"] for f in resource["schema"]["fields"]]
        keys = resource["schema"].get("foreignKeys", [])
        resource["schema"]["foreignKeys"] = [
            key for key in keys if (key["reference"].get("resource") or name) in present
        ]
        with (directory / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        resources.append(resource)
        written[resource["path"]] = len(rows)
    descriptor = {
        "name": "ruta-directory",
        "title": "Ruta: directorio público (HSDS 3)",
        "profile": "tabular-data-package",
        "version": visibility.HSDS_VERSION,
        "license": official_license(),
        "resources": resources,
    }
    (directory / DATAPACKAGE).write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return written


def official_license():
    descriptor = json.loads((SCHEMA_DIR / "tabular" / DATAPACKAGE).read_text(encoding="utf-8"))
    return descriptor["license"]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


# --- import ------------------------------------------------------------------------------


def read_tables(path):
    """Tables from an HSDS JSON file, a datapackage.json, or a folder holding either."""
    path = Path(path)
    if path.is_dir():
        if (path / DATAPACKAGE).exists():
            path = path / DATAPACKAGE
        elif (path / JSON_NAME).exists():
            path = path / JSON_NAME
        else:
            raise ValueError(
                _("%(path)s holds neither datapackage.json nor hsds.json.") % {"path": path}
            )
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if path.name == DATAPACKAGE or "resources" in content:
        tables = {}
        for resource in content.get("resources", []):
            if resource.get("name") not in TABLES:
                continue
            file = path.parent / resource["path"]
            with file.open(encoding="utf-8", newline="") as handle:
                tables[resource["name"]] = [
                    {k: v for k, v in row.items() if v not in ("", None)}
                    for row in csv.DictReader(handle)
                ]
            for row in tables[resource["name"]]:
                row["_file"] = resource["path"]
        return tables
    if isinstance(content, list):  # a bare list of services
        content = {"services": content}
    tables = flatten(content)
    for rows in tables.values():
        for row in rows:
            row["_file"] = path.name
    return tables


@dataclass
class ImportReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    rejected: list = field(default_factory=list)

    def count(self, table, created):
        target = self.created if created else self.updated
        target[table] = target.get(table, 0) + 1

    def reject(self, row, index, field_name, reason):
        self.rejected.append(
            {
                "file": row.get("_file", table_file(row)),
                "row": index,
                "field": field_name,
                "reason": reason,
            }
        )

    @property
    def totals(self):
        return (
            sum(self.created.values()),
            sum(self.updated.values()),
            len(self.rejected),
        )


def table_file(row):
    return row.get("_file", "")


class Rejected(Exception):
    def __init__(self, field_name, reason):
        super().__init__(reason)
        self.field_name = field_name
        self.reason = reason


def _required(row, name):
    value = row.get(name)
    if value in (None, ""):
        raise Rejected(name, _("This field is required."))
    return value


def _parent(model, row, name, seen, required=True):
    value = row.get(name)
    if not value:
        if required:
            raise Rejected(name, _("This field is required."))
        return None
    if value in seen.get(model, set()) or model.objects.filter(pk=value).exists():
        return value
    raise Rejected(
        name,
        _("Refers to %(id)s, which is neither in the file nor in the database.") % {"id": value},
    )


def _decimal(row, name):
    value = row.get(name)
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation as error:
        raise Rejected(name, _("Not a number.")) from error


def _int(row, name):
    value = row.get(name)
    if value in (None, ""):
        return None
    try:
        return int(float(value))
    except ValueError as error:
        raise Rejected(name, _("Not a whole number.")) from error


def _time(row, name):
    value = row.get(name)
    if not value:
        return None
    try:
        return time.fromisoformat(str(value)[:5])
    except ValueError as error:
        raise Rejected(name, _("Not a time (HH:MM).")) from error


LOCATION_TYPES = {
    "physical": Location.LocationType.PHYSICAL,
    "postal": Location.LocationType.POSTAL,
    "virtual": Location.LocationType.VIRTUAL,
}


class Importer:
    def __init__(self, tables):
        self.tables = tables
        self.report = ImportReport()
        self.seen = {}
        self.objects = {}
        self.addresses = {}
        self.accessibility = {}
        self.location_phones = set()
        self.terms = {}

    def run(self):
        for row in self.tables.get("address", []):
            self.addresses.setdefault(row.get("location_id"), row)
        for row in self.tables.get("accessibility", []):
            self.accessibility[row.get("location_id")] = row.get("description", "")
        for row in self.tables.get("phone", []):
            if row.get("location_id"):
                self.location_phones.add(row["location_id"])
        self.confidential = {
            row.get("link_id")
            for row in self.tables.get("attribute", [])
            if row.get("link_type") == visibility.CONFIDENTIAL_LINK_TYPE
        }
        self.referral_contacts = {
            row["id"]: row["organization_id"]
            for row in self.tables.get("contact", [])
            if row.get("organization_id")
            and row.get("id") == str(visibility.referral_contact_id(row["organization_id"]))
        }
        for table in TABLES:
            handler = getattr(self, f"import_{table}", None)
            if handler is None:
                continue
            for index, row in enumerate(self.tables.get(table, []), start=1):
                try:
                    with transaction.atomic():
                        handler(row)
                except Rejected as error:
                    self.report.reject(row, index, error.field_name, error.reason)
                except ValidationError as error:
                    for field_name, messages in error.message_dict.items():
                        self.report.reject(row, index, field_name, " ".join(messages))
        self.set_terms()
        return self.report

    def save(self, model, obj, created, table):
        obj.full_clean(validate_unique=False)
        obj.save()
        self.seen.setdefault(model, set()).add(str(obj.pk))
        self.report.count(table, created)
        return obj

    def upsert(self, model, row):
        pk = _required(row, "id")
        try:
            obj = model.objects.filter(pk=pk).first()
        except ValidationError as error:
            raise Rejected("id", _("Not a UUID.")) from error
        return (obj, False) if obj else (model(pk=pk), True)

    def import_taxonomy(self, row):
        obj, created = self.upsert(Taxonomy, row)
        obj.name = _required(row, "name")
        obj.description = row.get("description", "") or obj.name
        obj.uri = row.get("uri", "")
        obj.version = row.get("version", "")
        if not obj.code:
            known = {str(taxonomy_uuid(code)): code for code in TAXONOMIES}
            obj.code = known.get(str(obj.pk)) or slugify(obj.name)[:64]
        self.save(Taxonomy, obj, created, "taxonomy")

    def import_taxonomy_term(self, row):
        obj, created = self.upsert(TaxonomyTerm, row)
        obj.taxonomy_id = _parent(Taxonomy, row, "taxonomy_id", self.seen)
        obj.code = row.get("code") or slugify(_required(row, "name"))[:64]
        obj.name = _required(row, "name")
        obj.description = row.get("description", "") or obj.name
        obj.parent_id = row.get("parent_id") or None
        self.save(TaxonomyTerm, obj, created, "taxonomy_term")

    def import_organization(self, row):
        obj, created = self.upsert(Organization, row)
        obj.name = _required(row, "name")
        obj.alternate_name = row.get("alternate_name", "")
        obj.description = _required(row, "description")
        obj.email = row.get("email", "")
        obj.website = row.get("website", "")
        obj.legal_status = row.get("legal_status", "")
        if created:
            base = slugify(obj.name)[:240] or "organizacion"
            slug, n = base, 1
            while Organization.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            obj.slug = slug
            obj.slug_es = obj.slug_en = slug
        self.save(Organization, obj, created, "organization")

    def import_location(self, row):
        obj, created = self.upsert(Location, row)
        obj.organization_id = _parent(Organization, row, "organization_id", self.seen)
        kind = row.get("location_type", "physical")
        if kind not in LOCATION_TYPES:
            raise Rejected("location_type", _("Must be physical, postal or virtual."))
        obj.location_type = LOCATION_TYPES[kind]
        address = self.addresses.get(row["id"], {})
        has_details = bool(
            address.get("address_1")
            or row.get("latitude") not in (None, "")
            or row["id"] in self.location_phones
        )
        # Marked confidential, or a physical place published without any detail.
        confidential = row["id"] in self.confidential or (
            not has_details and obj.location_type == Location.LocationType.PHYSICAL
        )
        obj.canton = address.get("city") or obj.canton or ""
        obj.province = address.get("state_province") or obj.province or ""
        obj.url = row.get("url", "")
        if not confidential:
            obj.is_confidential = False
            obj.name = _required(row, "name")
            obj.description = row.get("description", "")
            obj.transportation = row.get("transportation", "")
            obj.address_1 = address.get("address_1", "")
            obj.address_2 = address.get("address_2", "")
            obj.postal_code = address.get("postal_code", "")
            obj.latitude = _decimal(row, "latitude")
            obj.longitude = _decimal(row, "longitude")
            obj.accessibility = self.accessibility.get(row["id"], "")
        else:
            # Public files never hold a confidential location's details: keep what we have.
            obj.is_confidential = True
            if created:
                obj.name = row.get("name") or _("Confidential location")
        self.save(Location, obj, created, "location")

    def import_service(self, row):
        obj, created = self.upsert(Service, row)
        obj.organization_id = _parent(Organization, row, "organization_id", self.seen)
        obj.name = _required(row, "name")
        status = row.get("status", "active")
        if status not in Service.Status.values:
            raise Rejected(
                "status",
                _("Must be one of: %(values)s.") % {"values": ", ".join(Service.Status.values)},
            )
        obj.status = status
        for name in (
            "alternate_name",
            "description",
            "url",
            "email",
            "interpretation_services",
            "application_process",
            "wait_time",
            "eligibility_description",
            "alert",
        ):
            setattr(obj, name, row.get(name, "") or "")
        if not obj.description:
            raise Rejected("description", _("This field is required."))
        fees = row.get("fees_description", "") or ""
        free_label = _("Free of charge")
        obj.is_free = fees in ("", free_label)
        obj.fees_description = "" if obj.is_free else fees
        obj.minimum_age = _int(row, "minimum_age")
        obj.maximum_age = _int(row, "maximum_age")
        assured = row.get("assured_date")
        obj.assured_date = parse_date(assured) if assured else None
        if assured and obj.assured_date is None:
            raise Rejected("assured_date", _("Not a date (YYYY-MM-DD)."))
        self.save(Service, obj, created, "service")
        modified = parse_datetime(row.get("last_modified") or "")
        if modified:
            Service.objects.filter(pk=obj.pk).update(last_modified=modified)

    def import_service_at_location(self, row):
        obj, created = self.upsert(ServiceAtLocation, row)
        obj.service_id = _parent(Service, row, "service_id", self.seen)
        obj.location_id = _parent(Location, row, "location_id", self.seen)
        obj.description = row.get("description", "")
        self.save(ServiceAtLocation, obj, created, "service_at_location")

    def import_contact(self, row):
        organization_id = row.get("organization_id")
        if organization_id and row["id"] == str(visibility.referral_contact_id(organization_id)):
            organization = Organization.objects.filter(pk=organization_id).first()
            if organization is None:
                raise Rejected("organization_id", _("Unknown organisation."))
            organization.referral_contact_name = row.get("name", "")
            organization.referral_email = row.get("email", "")
            organization.save(update_fields=["referral_contact_name", "referral_email"])
            self.seen.setdefault(Contact, set()).add(row["id"])
            self.report.count("contact", False)
            return
        obj, created = self.upsert(Contact, row)
        obj.organization_id = _parent(Organization, row, "organization_id", self.seen, False)
        obj.service_id = _parent(Service, row, "service_id", self.seen, False)
        for name in ("name", "title", "department", "email"):
            setattr(obj, name, row.get(name, "") or "")
        obj.is_public = True
        self.save(Contact, obj, created, "contact")

    def import_phone(self, row):
        contact_id = row.get("contact_id")
        if contact_id in self.referral_contacts:
            # The phone of an organisation's referral contact.
            organization = Organization.objects.filter(
                pk=self.referral_contacts[contact_id]
            ).first()
            if organization is None:
                raise Rejected("contact_id", _("Unknown organisation."))
            organization.referral_phone = _required(row, "number")
            organization.full_clean(exclude=["slug", "slug_es", "slug_en"], validate_unique=False)
            organization.save(update_fields=["referral_phone"])
            self.report.count("phone", False)
            return
        obj, created = self.upsert(Phone, row)
        obj.organization_id = _parent(Organization, row, "organization_id", self.seen, False)
        obj.service_id = _parent(Service, row, "service_id", self.seen, False)
        obj.location_id = _parent(Location, row, "location_id", self.seen, False)
        obj.contact_id = _parent(Contact, row, "contact_id", self.seen, False)
        obj.number = _required(row, "number")
        obj.extension = row.get("extension", "")
        obj.type = row.get("type", "voice")
        obj.description = row.get("description", "")
        self.save(Phone, obj, created, "phone")

    def import_schedule(self, row):
        obj, created = self.upsert(Schedule, row)
        obj.service_id = _parent(Service, row, "service_id", self.seen)
        byday = row.get("byday", "")
        obj.open_24_hours = row.get("notes") == "24h"
        if obj.open_24_hours and "," in byday:
            byday = ""
        if byday and byday not in Schedule.Weekday.values:
            raise Rejected("byday", _("Give one weekday per schedule (MO, TU, … SU)."))
        obj.byday = byday
        obj.opens_at = None if obj.open_24_hours else _time(row, "opens_at")
        obj.closes_at = None if obj.open_24_hours else _time(row, "closes_at")
        obj.description = row.get("description", "")
        self.save(Schedule, obj, created, "schedule")

    def import_language(self, row):
        obj, created = self.upsert(Language, row)
        obj.service_id = _parent(Service, row, "service_id", self.seen)
        obj.code = _required(row, "code")
        obj.name = row.get("name") or obj.code
        self.save(Language, obj, created, "language")

    def import_attribute(self, row):
        if row.get("link_type") == visibility.CONFIDENTIAL_LINK_TYPE:
            _parent(Location, row, "link_id", self.seen)
            self.report.count("attribute", False)
            return
        service_id = _parent(Service, row, "link_id", self.seen)
        term_id = _parent(TaxonomyTerm, row, "taxonomy_term_id", self.seen)
        self.terms.setdefault(service_id, set()).add(term_id)
        linked = Service.objects.filter(pk=service_id).filter(
            Q(categories__id=term_id) | Q(populations__id=term_id)
        )
        self.report.count("attribute", not linked.exists())

    def set_terms(self):
        terms = {
            str(t.pk): t
            for t in TaxonomyTerm.objects.select_related("taxonomy").filter(
                pk__in={tid for ids in self.terms.values() for tid in ids}
            )
        }
        for service_id in self.seen.get(Service, set()):
            chosen = [terms[tid] for tid in self.terms.get(service_id, ()) if tid in terms]
            service = Service.objects.get(pk=service_id)
            service.categories.set(
                [t for t in chosen if t.taxonomy.code == Taxonomy.SERVICE_CATEGORIES]
            )
            service.populations.set([t for t in chosen if t.taxonomy.code == Taxonomy.POPULATIONS])


def import_path(path, *, strict=False, tables=None):
    """Import in one transaction; with ``strict`` any rejected row rolls everything back."""
    if tables is None:
        tables = read_tables(path)
    with transaction.atomic(), keeping_last_modified():  # the file's dates stay
        report = Importer(tables).run()
        if strict and report.rejected:
            transaction.set_rollback(True)
    return report
