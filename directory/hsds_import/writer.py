"""The only code that writes directory models during an import: one list of fields per
model, validation with the models' own rules, then bulk inserts and updates (no per-row
signals, so nothing is re-indexed row by row).

``FIELDS`` is the importer's allow-list: when the directory's list of public/staff-only
fields per model exists, it replaces these lists (staff-only fields are never imported).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.text import slugify
from modeltranslation.translator import NotRegistered, translator

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

from .normalise import Rejected

FIELDS = {
    Taxonomy: ("code", "name", "description", "uri", "version"),
    TaxonomyTerm: ("taxonomy_id", "code", "name", "description", "parent_id"),
    Organization: (
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "legal_status",
        "referral_contact_name",
        "referral_phone",
        "referral_email",
    ),
    Location: (
        "organization_id",
        "location_type",
        "name",
        "description",
        "is_confidential",
        "address_1",
        "address_2",
        "canton",
        "province",
        "postal_code",
        "latitude",
        "longitude",
        "transportation",
        "accessibility",
        "url",
    ),
    Service: (
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "gender",
        "application_process",
        "interpretation_services",
        "is_free",
        "fees_description",
        "wait_time",
        "alert",
        "assured_date",
    ),
    ServiceAtLocation: ("service_id", "location_id", "description"),
    Contact: ("organization_id", "service_id", "name", "title", "department", "email", "is_public"),
    Phone: (
        "organization_id",
        "service_id",
        "location_id",
        "contact_id",
        "number",
        "extension",
        "type",
        "description",
    ),
    Schedule: ("service_id", "byday", "opens_at", "closes_at", "open_24_hours", "description"),
    Language: ("service_id", "code", "name"),
}
ORDER = tuple(FIELDS)
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
CHUNK = 500


def translated(model):
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


class Writer:
    def __init__(self, language):
        self.language = language
        self.objects = {model: {} for model in ORDER}  # pk -> instance (loaded or new)
        self.new = {model: set() for model in ORDER}
        self.changed = {model: set() for model in ORDER}
        self.known = {model: {} for model in ORDER}  # pk -> exists in the database
        self.slugs = None
        self.dates = {}  # service pk -> last_modified from the file
        self.terms = {}  # service pk -> set of term pks

    # --- reading what exists -------------------------------------------------------------

    def preload(self, model, pks):
        pks = [pk for pk in set(pks) if pk not in self.objects[model]]
        for start in range(0, len(pks), CHUNK):
            for obj in model.objects.filter(pk__in=pks[start : start + CHUNK]):
                self.objects[model][str(obj.pk)] = obj
                self.known[model][str(obj.pk)] = True

    def in_database(self, model, pk):
        if pk not in self.known[model]:
            self.known[model][pk] = model.objects.filter(pk=pk).exists()
        return self.known[model][pk]

    def existing(self, model, pk):
        obj = self.objects[model].get(pk)
        return obj if pk not in self.new[model] else None

    # --- writing -------------------------------------------------------------------------

    def put(self, model, pk, values):
        """Validate and stage one object; returns "created", "updated" or "unchanged"."""
        obj = self.objects[model].get(pk)
        created = obj is None
        if created:
            obj = model(pk=pk)
        fields = FIELDS[model]
        local = translated(model)
        before = {name: self._raw(obj, name, local) for name in fields}
        columns = [f"{n}_{code}" for n in local for code in ("es", "en")] + list(fields)
        snapshot = {column: obj.__dict__.get(column) for column in columns}
        with translation.override(self.language):  # the texts' language, not the report's
            for name, value in values.items():
                if name not in fields:
                    raise KeyError(f"{model.__name__}.{name} is not an imported field")
                setattr(obj, name, value)
        if created:
            for name in values.keys() & local:  # a new object needs the default language too
                if not getattr(obj, f"{name}_{DEFAULT_LANGUAGE}", None):
                    setattr(obj, f"{name}_{DEFAULT_LANGUAGE}", values[name])
        if created and model is Organization:
            self._new_slug(obj)
        try:
            obj.full_clean(
                exclude=[f.name for f in model._meta.fields if f.is_relation],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            if created:
                self.objects[model].pop(pk, None)
            else:  # undo the staged values: the row is rejected, the object stays as it was
                obj.__dict__.update(snapshot)
            raise rejection(error) from error
        self.objects[model][pk] = obj
        if created:
            self.new[model].add(pk)
            return "created"
        if any(self._raw(obj, name, local) != before[name] for name in fields):
            self.changed[model].add(pk)
            return "updated"
        return "unchanged"

    def _raw(self, obj, name, local):
        value = getattr(obj, f"{name}_{self.language}" if name in local else name, None)
        if value is None:
            return ""
        return str(value) if isinstance(value, uuid.UUID) else value

    def _new_slug(self, obj):
        if self.slugs is None:
            self.slugs = set(Organization.objects.values_list("slug", flat=True))
            for language in ("es", "en"):
                self.slugs |= set(Organization.objects.values_list(f"slug_{language}", flat=True))
        base = slugify(obj.name)[:240] or "organizacion"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        obj.slug = obj.slug_es = obj.slug_en = slug

    def keep_date(self, service_pk, moment):
        if moment:
            self.dates[service_pk] = moment

    def set_terms(self, service_pk, term_pks):
        self.terms[service_pk] = set(term_pks)

    def current_terms(self, service_pks):
        """{service pk: set of term pks} as the database has them now."""
        current = {pk: set() for pk in service_pks}
        pks = list(current)
        for start in range(0, len(pks), CHUNK):
            for through in (Service.categories.through, Service.populations.through):
                rows = through.objects.filter(service_id__in=pks[start : start + CHUNK])
                for service_id, term_id in rows.values_list("service_id", "taxonomyterm_id"):
                    current[str(service_id)].add(str(term_id))
        return current

    def flush(self, progress=None):
        """Write everything staged: inserts, updates, terms and the file's dates."""
        now = timezone.now()
        for model in ORDER:
            local = translated(model)
            created = [self.objects[model][pk] for pk in self.new[model]]
            changed = [self.objects[model][pk] for pk in self.changed[model] - self.new[model]]
            model.objects.bulk_create(created, batch_size=CHUNK)
            columns = ["last_modified"]
            for name in FIELDS[model]:
                columns += (
                    [name, *(f"{name}_{code}" for code in ("es", "en"))]
                    if name in local
                    else [name]
                )
            for obj in changed:
                obj.last_modified = now
            if changed:
                model.objects.bulk_update(changed, columns, batch_size=CHUNK)
            if progress and (created or changed):
                written = len(created) + len(changed)
                progress(f"{model._meta.model_name} (written)", written, written)
        self._write_terms()
        self._write_dates()
        if progress:
            progress("written (the search rebuild follows the commit)", 1, 1)

    def _write_terms(self):
        if not self.terms:
            return
        wanted = {uuid.UUID(pk) for pks in self.terms.values() for pk in pks}
        kinds = {
            str(pk): code
            for pk, code in TaxonomyTerm.objects.filter(pk__in=wanted).values_list(
                "pk", "taxonomy__code"
            )
        }
        services = list(self.terms)
        for start in range(0, len(services), CHUNK):
            chunk = services[start : start + CHUNK]
            for through in (Service.categories.through, Service.populations.through):
                through.objects.filter(service_id__in=chunk).delete()
        categories, populations = [], []
        for service_pk, term_pks in self.terms.items():
            for term_pk in term_pks:
                code = kinds.get(term_pk)
                if code == Taxonomy.POPULATIONS:
                    populations.append(
                        Service.populations.through(service_id=service_pk, taxonomyterm_id=term_pk)
                    )
                elif code is not None:  # Ruta's categories and every other taxonomy
                    categories.append(
                        Service.categories.through(service_id=service_pk, taxonomyterm_id=term_pk)
                    )
        Service.categories.through.objects.bulk_create(categories, batch_size=CHUNK)
        Service.populations.through.objects.bulk_create(populations, batch_size=CHUNK)

    def _write_dates(self):
        dated = []
        for pk, moment in self.dates.items():
            obj = self.objects[Service].get(pk)
            if obj is not None:
                obj.last_modified = moment
                dated.append(obj)
        Service.objects.bulk_update(dated, ["last_modified"], batch_size=CHUNK)


def rejection(error):
    """A model's ValidationError as one ``Rejected`` (its first field and messages)."""
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.error_dict.items()))
        messages = [m for e in errors for m in e.messages]
        return Rejected("" if name == "__all__" else name, " ".join(messages))
    return Rejected("", " ".join(error.messages))
