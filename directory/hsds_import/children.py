"""Contacts, phones, opening hours, languages and attributes (categories, populations, the
file's own taxonomies, and the confidential mark of a location)."""

import uuid

from django.utils.translation import gettext as _

from directory.models import (
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.serializers import CONFIDENTIAL_LINK_TYPE, referral_contact_id

from . import normalise as n
from .normalise import Rejected
from .rows import Cascade

ALL_DAYS = list(n.WEEKDAYS)


class ChildrenMixin:
    child_models = {
        "contact": Contact,
        "phone": Phone,
        "schedule": Schedule,
        "language": Language,
        "attribute": None,
    }

    def prepare_children(self):
        self.parents = {}
        services = [row.pk for row in self.table("service")]
        self.pairs = {}
        self.languages = {}
        for start in range(0, len(services), 500):
            chunk = services[start : start + 500]
            for pk, service_id, location_id in ServiceAtLocation.objects.filter(
                service_id__in=chunk
            ).values_list("pk", "service_id", "location_id"):
                self.pairs[(str(service_id), str(location_id))] = str(pk)
            for pk, service_id, code in Language.objects.filter(service_id__in=chunk).values_list(
                "pk", "service_id", "code"
            ):
                self.languages[(str(service_id), code)] = str(pk)
        self.referral_contacts = {}
        for row in self.table("contact"):
            organization_id = dict.get(row, "organization_id")
            if organization_id and row.pk == str(referral_contact_id(organization_id)):
                self.referral_contacts[row.pk] = organization_id
        derived = []  # the ids of the other days of a weekday list (see import_schedule)
        for row in self.table("schedule"):
            try:
                days = n.byday(dict.get(row, "byday"))
            except Rejected:
                continue
            derived += [str(uuid.uuid5(uuid.UUID(row.pk), day)) for day in days[1:]]
        self.writer.preload(Schedule, derived)
        self.term_links = {}  # service pk -> term pks
        self.has_terms = False

    def referral(self, organization_id, values):
        """An organisation's public referral contact (HSDS: a contact with a stable id)."""
        outcome = self.writer.put(Organization, organization_id, values)
        return "created" if organization_id in self.writer.new[Organization] else outcome

    def service_of(self, row, required=True):
        """The service a row belongs to: its service_id, or its service at location's."""
        if dict.get(row, "service_id"):
            return self.ref(row, "service_id", "service")
        link = row.get("service_at_location_id")
        if link:
            self.ref(row, "service_at_location_id", "service_at_location")
            service_id = self.sal_service.get(link)
            if service_id is None:
                service_id = str(
                    ServiceAtLocation.objects.filter(pk=link)
                    .values_list("service_id", flat=True)
                    .first()
                )
            return service_id
        if required:
            raise Rejected("service_id", _("This field is required."))
        return None

    # --- contacts and phones -------------------------------------------------------------

    def import_contact(self, row):
        if row.pk in self.referral_contacts:
            organization_id = self.ref(row, "organization_id", "organization")
            row.use("title", "phones")
            values = {
                "referral_contact_name": n.text(row, "name", 200),
                "referral_email": n.text(row, "email", 254),
            }
            return self.referral(organization_id, values)
        organization_id = self.ref(row, "organization_id", "organization", required=False)
        service_id = self.service_of(row, required=False)
        if not (organization_id or service_id):
            row.use("location_id")
            raise Rejected(
                "organization_id",
                _(
                    "A contact belongs to an organisation or a service (organization_id, "
                    "service_id or service_at_location_id)."
                ),
            )
        values = {
            "organization_id": organization_id,
            "service_id": service_id,
            "name": n.text(row, "name", 200),
            "title": n.text(row, "title", 200),
            "department": n.text(row, "department", 200),
            "email": n.text(row, "email", 254),
            "is_public": True,  # it came from a public file
        }
        outcome = self.writer.put(Contact, row.pk, values)
        if (Contact, row.pk) in self.writer.kept_confidential:
            self.report.notice(
                "contact",
                row.pk,
                "is_public",
                _("This contact is staff-only in Ruta; an import never makes it public."),
            )
        return outcome

    def import_phone(self, row):
        contact_id = dict.get(row, "contact_id")
        if contact_id in self.referral_contacts:
            organization_id = self.referral_contacts[contact_id]
            if organization_id in self.bad["organization"] or contact_id in self.bad["contact"]:
                raise Cascade(
                    "contact_id", _("Its contact %(id)s was rejected.") % {"id": contact_id}
                )
            row.use("contact_id", "organization_id", "type")
            return self.referral(organization_id, {"referral_phone": n.required(row, "number", 40)})
        values = {
            "organization_id": self.ref(row, "organization_id", "organization", required=False),
            "location_id": self.ref(row, "location_id", "location", required=False),
            "contact_id": self.ref(row, "contact_id", "contact", required=False),
            "service_id": self.service_of(row, required=False),
            "number": n.required(row, "number", 40),
            "extension": n.extension(row),
            "type": n.phone_type(row, self.report),
            "description": n.text(row, "description", 250),
        }
        return self.writer.put(Phone, row.pk, values)

    # --- opening hours -------------------------------------------------------------------

    def import_schedule(self, row):
        if not (dict.get(row, "service_id") or dict.get(row, "service_at_location_id")):
            row.use("location_id")
            raise Rejected(
                "service_id",
                _(
                    "Ruta keeps opening hours per service: give service_id or "
                    "service_at_location_id."
                ),
            )
        service_id = self.service_of(row)
        row.use("location_id", "wkst", "interval")
        frequency = n.plain(row.get("freq") or "weekly")
        if frequency not in ("weekly", "daily"):
            raise Rejected("freq", _("Ruta keeps weekly opening hours (freq WEEKLY or DAILY)."))
        days = ALL_DAYS if frequency == "daily" else n.byday(row.get("byday"))
        opens, closes = n.clock(row, "opens_at"), n.clock(row, "closes_at")
        all_day = str(row.get("notes") or "").strip() == "24h" or (
            opens is not None
            and opens.hour == 0
            and opens.minute == 0
            and closes is not None
            and (closes.hour, closes.minute) in ((23, 59), (0, 0))
        )
        description = n.text(row, "description", 250)
        if all_day and days in ([], ALL_DAYS):
            if dict.get(row, "notes") != "24h":
                self.report.normalise(_("all day, every day read as open 24 hours"))
            items = [("", True)]
        elif not days:
            raise Rejected(
                "byday", _("Give the weekdays (MO, TU, … SU), or mark it open 24 hours.")
            )
        else:
            items = [(day, all_day) for day in days]
            if len(days) > 1:
                self.report.normalise(_("weekday lists split into one schedule per day"))
        outcomes = []
        for index, (day, open_24_hours) in enumerate(items):
            pk = row.pk if index == 0 else str(uuid.uuid5(uuid.UUID(row.pk), day))
            outcomes.append(
                self.writer.put(
                    Schedule,
                    pk,
                    {
                        "service_id": service_id,
                        "byday": day,
                        "opens_at": None if open_24_hours else opens,
                        "closes_at": None if open_24_hours else closes,
                        "open_24_hours": open_24_hours,
                        "description": description,
                    },
                )
            )
        return next((o for o in ("created", "updated") if o in outcomes), "unchanged")

    # --- languages -----------------------------------------------------------------------

    def import_language(self, row):
        if not (dict.get(row, "service_id") or dict.get(row, "service_at_location_id")):
            row.use("phone_id", "location_id", "name", "code", "note")
            self.report.normalise(
                _("languages of phones or locations left out (Ruta lists a service's languages)")
            )
            return "unchanged"
        service_id = self.service_of(row)
        row.use("location_id", "note")
        code, name = n.language(row)
        other = self.languages.get((service_id, code))
        if other not in (None, row.pk):
            self.report.normalise(_("languages listed twice for a service kept once"))
            return "unchanged"
        self.languages[(service_id, code)] = row.pk
        return self.writer.put(
            Language, row.pk, {"service_id": service_id, "code": code, "name": name}
        )

    # --- attributes ----------------------------------------------------------------------

    def import_attribute(self, row):
        link_type = str(row.get("link_type") or "")
        row.use("link_entity", "value", "label", "taxonomy_term", "link_id", "taxonomy_term_id")
        if link_type.lower() == CONFIDENTIAL_LINK_TYPE:
            location_id = self.ref(row, "link_id", "location")
            if location_id in self.ok["location"]:
                return self.outcome.get(("location", location_id), "unchanged")
            # A mark for a place only in Ruta: confidentiality is raised, never lowered.
            self.writer.preload(Location, [location_id])
            return self.writer.put(Location, location_id, {"is_confidential": True})
        if not dict.get(row, "taxonomy_term_id"):
            self.report.normalise(_("attributes without a taxonomy term left out"))
            return "unchanged"
        entity = str(dict.get(row, "link_entity") or "service")
        link = dict.get(row, "link_id")
        if entity != "service" and link not in self.ok["service"]:
            self.report.normalise(_("attributes of other objects than services left out"))
            return "unchanged"
        service_id = self.ref(row, "link_id", "service")
        term_id = self.ref(row, "taxonomy_term_id", "taxonomy_term")
        self.has_terms = True
        self.term_links.setdefault(service_id, set()).add(term_id)
        return None  # counted once the services' current terms are known

    def finish_terms(self):
        from_file = {
            pk: parent for pk, parent in self.parents.items() if pk in self.ok["taxonomy_term"]
        }
        for pk, parent in from_file.items():
            obj = self.writer.objects[TaxonomyTerm].get(pk)
            if parent in self.ok["taxonomy_term"] or self.writer.in_database(TaxonomyTerm, parent):
                if obj is not None and str(obj.parent_id or "") != parent:
                    obj.parent_id = parent
                    if pk not in self.writer.new[TaxonomyTerm]:
                        self.writer.changed[TaxonomyTerm].add(pk)
            else:
                self.report.normalise(
                    _("parent terms that are in neither the file nor Ruta left out")
                )
        if not self.has_terms:
            return
        services = list(self.ok["service"])
        current = self.writer.current_terms(services)
        for row in self.table("attribute"):
            service_id, term_id = dict.get(row, "link_id"), dict.get(row, "taxonomy_term_id")
            if row.pk in self.ok["attribute"] and term_id in self.term_links.get(service_id, ()):
                self.report.count(
                    "attribute",
                    "unchanged" if term_id in current.get(service_id, ()) else "created",
                )
        for service_id in services:
            wanted = self.term_links.get(service_id, set())
            if wanted != current.get(service_id, set()):
                self.writer.set_terms(service_id, wanted)
                if self.outcome.get(("service", service_id)) == "unchanged":
                    self.report.counts["service"]["unchanged"] -= 1
                    self.report.count("service", "updated")
