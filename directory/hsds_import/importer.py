"""HSDS 3 tables → Ruta's directory: parents first, each row checked and mapped, rows whose
parent was rejected rejected too (marked as cascades), everything written at the end."""

from collections import defaultdict

from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.models import (
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.serializers import CONFIDENTIAL_LINK_TYPE
from directory.vocabulary import TAXONOMIES, taxonomy_uuid

from . import normalise as n
from .children import ChildrenMixin
from .normalise import Rejected
from .places import PlacesMixin
from .rows import Cascade, canonical
from .writer import Writer

MODELS = {
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "organization": Organization,
    "location": Location,
    "service": Service,
    "service_at_location": ServiceAtLocation,
}
ORDER = (
    "taxonomy",
    "taxonomy_term",
    "organization",
    "location",
    "service",
    "service_at_location",
    "contact",
    "phone",
    "schedule",
    "language",
    "attribute",
)
MERGED = ("address", "accessibility", "eligibility")  # folded into their parent row


class Importer(PlacesMixin, ChildrenMixin):
    def __init__(self, tables, report, language="es", progress=None):
        self.report = report
        self.rows = canonical(tables, report)
        self.writer = Writer(language)
        self.progress = progress
        self.ok = defaultdict(set)
        self.bad = defaultdict(set)
        self.outcome = {}  # (table, pk) -> outcome, for rows merged into a parent

    # --- helpers -------------------------------------------------------------------------

    def table(self, name):
        return self.rows.get(name, [])

    def ref(self, row, field_name, table, required=True):
        value = row.get(field_name)
        if value in (None, ""):
            if required:
                raise Rejected(field_name, _("This field is required."))
            return None
        if value in self.ok[table]:
            return value
        if value in self.bad[table]:
            raise Cascade(
                field_name,
                _("Its %(table)s %(id)s was rejected.") % {"table": table, "id": value},
            )
        model = MODELS.get(table) or self.child_models[table]
        if self.writer.in_database(model, value):
            return value
        raise Rejected(
            field_name,
            _("Refers to %(table)s %(id)s, which is neither in the file nor in the database.")
            % {"table": table, "id": value},
        )

    def handle(self, table, handler):
        rows = self.table(table)
        model = MODELS.get(table) or self.child_models.get(table)
        if model is not None:
            self.writer.preload(model, [row.pk for row in rows])
        for number, row in enumerate(rows, start=1):
            try:
                outcome = handler(row)
            except Rejected as error:
                self.bad[table].add(row.pk)
                self.report.reject(
                    table,
                    row.pk,
                    error.field_name,
                    error.reason,
                    row.where,
                    cascade=isinstance(error, Cascade),
                )
                continue
            self.ok[table].add(row.pk)
            if outcome:
                self.report.count(table, outcome)
            for key in row.unused():
                self.report.ignore_field(table, key)
            if self.progress and number % 1000 == 0:
                self.progress(table, number, len(rows))

    # --- run -----------------------------------------------------------------------------

    def run(self):
        for table, duplicate_id, where, first in self.duplicates:
            self.report.reject(
                table,
                duplicate_id,
                "id",
                _(
                    "This id appears again with different values (first at %(first)s); only "
                    "the first is imported."
                )
                % {"first": first},
                where,
            )
        self.prepare()
        for table in ORDER:
            self.handle(table, getattr(self, f"import_{table}"))
        self.finish_terms()
        self.count_merged()
        self.writer.flush(self.progress)
        return self.report

    duplicates = ()

    def prepare(self):
        self.addresses = defaultdict(list)
        for row in self.table("address"):
            self.addresses[dict.get(row, "location_id")].append(row)
        for rows in self.addresses.values():
            rows.sort(key=lambda r: dict.get(r, "address_type", "physical") != "physical")
        self.accessibility = defaultdict(list)
        for row in self.table("accessibility"):
            self.accessibility[dict.get(row, "location_id")].append(row)
        self.eligibility = defaultdict(list)
        for row in self.table("eligibility"):
            self.eligibility[dict.get(row, "service_id")].append(row)
        self.confidential = {
            dict.get(row, "link_id")
            for row in self.table("attribute")
            if str(dict.get(row, "link_type", "")).lower() == CONFIDENTIAL_LINK_TYPE
        }
        self.location_phones = {dict.get(r, "location_id") for r in self.table("phone")}
        self.sal_service = {
            row.pk: dict.get(row, "service_id") for row in self.table("service_at_location")
        }
        service_org = {row.pk: dict.get(row, "organization_id") for row in self.table("service")}
        self.location_org = {
            dict.get(row, "location_id"): service_org.get(dict.get(row, "service_id"))
            for row in self.table("service_at_location")
        }
        self.cantons = defaultdict(set)
        for province, canton in Location.objects.values_list("province", "canton").distinct():
            self.cantons[province].add(canton)
        self.taxonomy_codes = dict(Taxonomy.objects.values_list("code", "pk"))
        self.term_codes = {
            (str(t), c): str(pk)
            for t, c, pk in TaxonomyTerm.objects.values_list("taxonomy_id", "code", "pk")
        }
        self.prepare_children()

    def count_merged(self):
        for table, parent in (
            ("address", "location"),
            ("accessibility", "location"),
            ("eligibility", "service"),
        ):
            for row in self.table(table):
                parent_pk = dict.get(row, f"{parent}_id")
                if parent_pk in self.bad[parent]:
                    self.report.reject(
                        table,
                        row.pk,
                        f"{parent}_id",
                        _("Its %(table)s %(id)s was rejected.")
                        % {"table": parent, "id": parent_pk},
                        row.where,
                        cascade=True,
                    )
                elif parent_pk in self.ok[parent]:
                    self.report.count(table, self.outcome.get((parent, parent_pk), "unchanged"))
                    for key in row.unused():
                        self.report.ignore_field(table, key)
                else:
                    self.report.reject(
                        table,
                        row.pk,
                        f"{parent}_id",
                        _("Refers to %(table)s %(id)s, which is not in the file.")
                        % {"table": parent, "id": parent_pk},
                        row.where,
                    )

    # --- parents -------------------------------------------------------------------------

    def import_taxonomy(self, row):
        existing = self.writer.existing(Taxonomy, row.pk)
        name = n.required(row, "name", 200)
        values = {
            "name": name,
            "description": n.text(row, "description") or name,
            "uri": n.text(row, "uri", 200),
            "version": n.text(row, "version", 20),
        }
        if existing is None:
            known = {str(taxonomy_uuid(code)): code for code in TAXONOMIES}
            code = known.get(row.pk) or slugify(name)[:60] or "taxonomia"
            base, number = code, 1
            while self.taxonomy_codes.get(code) not in (None, row.pk):
                number += 1
                code = f"{base}-{number}"
            self.taxonomy_codes[code] = row.pk
            values["code"] = code
        return self.writer.put(Taxonomy, row.pk, values)

    def import_taxonomy_term(self, row):
        taxonomy_id = self.term_taxonomy(row)
        name = n.required(row, "name", 200)
        code = slugify(n.text(row, "code", 64) or name)[:60] or "termino"
        base, number = code, 1
        while self.term_codes.get((taxonomy_id, code)) not in (None, row.pk):
            number += 1
            code = f"{base}-{number}"
        self.term_codes[(taxonomy_id, code)] = row.pk
        row.use("taxonomy")
        values = {
            "taxonomy_id": taxonomy_id,
            "code": code,
            "name": name,
            "description": n.text(row, "description") or name,
        }
        parent = row.get("parent_id")
        if parent:
            self.parents[row.pk] = parent
        return self.writer.put(TaxonomyTerm, row.pk, values)

    def term_taxonomy(self, row):
        if dict.get(row, "taxonomy_id"):
            return self.ref(row, "taxonomy_id", "taxonomy")
        name = n.text(row, "taxonomy", 200)
        if not name:
            raise Rejected("taxonomy_id", _("This field is required."))
        pk = self.taxonomy_codes.get(slugify(name)[:60]) or self.taxonomy_codes.get(name)
        if pk is None:
            raise Rejected(
                "taxonomy",
                _("Unknown taxonomy “%(name)s”: give taxonomy_id or the taxonomy itself.")
                % {"name": name},
            )
        return str(pk)

    parents = None

    def import_organization(self, row):
        values = {
            "name": n.required(row, "name", 250),
            "alternate_name": n.text(row, "alternate_name", 250),
            "description": n.required(row, "description"),
            "email": n.text(row, "email", 254),
            "website": n.text(row, "website", 200) or n.text(row, "url", 200),
            "legal_status": n.text(row, "legal_status", 200),
        }
        return self.writer.put(Organization, row.pk, values)

    def import_service(self, row):
        organization_id = self.ref(row, "organization_id", "organization")
        fees = n.text(row, "fees_description") or n.text(row, "fees")
        free = n.is_free(fees)
        if free and fees:
            self.report.normalise(_("free wordings read as free of charge"))
        values = {
            "organization_id": organization_id,
            "name": n.required(row, "name", 250),
            "alternate_name": n.text(row, "alternate_name", 250),
            "description": n.required(row, "description"),
            "url": n.text(row, "url", 200),
            "email": n.text(row, "email", 254),
            "status": n.status(row),
            "interpretation_services": n.text(row, "interpretation_services"),
            "application_process": n.text(row, "application_process"),
            "wait_time": n.text(row, "wait_time", 200),
            "eligibility_description": n.text(row, "eligibility_description"),
            "alert": n.text(row, "alert", 300),
            "is_free": free,
            "fees_description": "" if free else fees,
            "minimum_age": n.whole_number(row, "minimum_age"),
            "maximum_age": n.whole_number(row, "maximum_age"),
            "assured_date": n.day(row, "assured_date"),
        }
        values.update(self.legacy_eligibility(row.pk, values["eligibility_description"]))
        outcome = self.writer.put(Service, row.pk, values)
        self.writer.keep_date(row.pk, n.moment(row, "last_modified"))
        self.outcome[("service", row.pk)] = outcome
        return outcome

    def legacy_eligibility(self, service_pk, description):
        rows = self.eligibility.get(service_pk, [])
        words = [str(r.get("eligibility", "")).strip() for r in rows if r.get("eligibility")]
        if not words:
            return {}
        values = {} if description else {"eligibility_description": ", ".join(words)}
        genders = {n.plain(w) for w in words} & {"female", "male"}
        if len(genders) == 1:
            values["gender"] = Service.Gender.WOMEN if genders == {"female"} else Service.Gender.MEN
        return values

    def import_service_at_location(self, row):
        service_id = self.ref(row, "service_id", "service")
        location_id = self.ref(row, "location_id", "location")
        pair = (service_id, location_id)
        other = self.pairs.get(pair)
        if other not in (None, row.pk):
            raise Rejected(
                "location_id",
                _("This service is already linked to that location (service at location %(id)s).")
                % {"id": other},
            )
        self.pairs[pair] = row.pk
        values = {"service_id": service_id, "location_id": location_id}
        description = n.text(row, "description")
        if not self.writer.is_confidential_place(location_id):
            values["description"] = description  # free text next to a secret place stays as it is
        return self.writer.put(ServiceAtLocation, row.pk, values)
