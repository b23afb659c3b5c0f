"""The only code that writes directory models during an import: the fields the directory's
allow-list (``directory.fields``) lets a public file set, validation with the models' own
rules, then bulk inserts and updates (no per-row signals: nothing is re-indexed row by row).

Staff-only fields are never written; a record's confidentiality flag is only ever raised
(``lowers_confidentiality``: the stored value is kept) and a confidential record keeps its
stored confidential fields.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.text import slugify
from modeltranslation.translator import NotRegistered, translator

from directory import fields as allow
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

MODELS = (
    Taxonomy,
    TaxonomyTerm,
    Organization,
    Location,
    Service,
    ServiceAtLocation,
    Contact,
    Phone,
    Schedule,
    Language,
)
# Published fields a file never sets: keys, dates, terms (set from attributes), the slug
# (made from the name), and Ruta's own marks.
NOT_FROM_FILES = {"id", "last_modified", "categories", "populations", "slug", "kind", "is_demo"}
# Internal fields an import writes: a contact from a public file is public (a flag that is
# only ever raised towards confidentiality for stored records, see ``put``).
INTERNAL_WRITES = {Contact: ("is_public",)}


def importable(model):
    """The columns an import may write for ``model``, from the allow-list."""
    names = allow.fields_in(model, allow.PUBLIC, allow.CONFIDENTIAL) + INTERNAL_WRITES.get(
        model, ()
    )
    columns = []
    for name in names:
        if name in NOT_FROM_FILES:
            continue
        field = model._meta.get_field(name)
        columns.append(field.attname)
    return tuple(columns)


FIELDS = {model: importable(model) for model in MODELS}
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
        self.kept_confidential = set()  # (model, pk) whose file would have lowered the flag

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

    def is_confidential_place(self, location_pk):
        """Whether a location is (or, staged, will be) confidential."""
        obj = self.objects[Location].get(location_pk)
        if obj is None:
            obj = Location.objects.filter(pk=location_pk).only("is_confidential").first()
            if obj is None:
                return False
            self.objects[Location][location_pk] = obj
            self.known[Location][location_pk] = True
        return obj.is_confidential

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
        values = self._guard(model, obj, created, values)
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

    def _guard(self, model, obj, created, values):
        """Never lower a stored record's confidentiality; a confidential record keeps its
        stored confidential fields (a new one gets none of them, but a placeholder name)."""
        flag = allow.confidentiality_flag(model)
        if flag is None or "." in flag[0]:
            return values
        name, confidential_value = flag
        stored = getattr(obj, name)
        if not created and allow.lowers_confidentiality(model, stored, values.get(name, stored)):
            values = {**values, name: stored}
            self.kept_confidential.add((model, str(obj.pk)))
        confidential = values.get(name, stored) == confidential_value
        if confidential:
            hidden = set(allow.confidential_fields(model)) - ({"name"} if created else set())
            values = {key: value for key, value in values.items() if key not in hidden}
        return values

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
