"""Plant markers in the database the demo built: the directory's hidden fields (by the
allow-list) and every text field of every private record. Writes go straight to the rows
(``update``, no signals); the caller rebuilds the search index afterwards."""

import uuid
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from directory import fields as allow_list

from . import policy

TRANSLATED_SUFFIXES = ("_es", "_en")
SMALL_INTEGERS = (models.SmallIntegerField, models.PositiveSmallIntegerField)
# Page columns that are the tree itself (a marker there moves the page, not its text).
TREE_COLUMNS = {"path", "url_path", "url_path_es", "url_path_en"}


def label(model):
    return model._meta.label


def base_name(field):
    """A translated column's field name (``name_es`` -> ``name``)."""
    translated = getattr(field, "translated_field", None)
    return translated.name if translated is not None else field.name


def is_text(field):
    return isinstance(field, models.CharField | models.TextField | models.JSONField)


def text_fields(model, names=None):
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation or field.name in TREE_COLUMNS:
            continue
        if names is not None and base_name(field) not in names:
            continue
        if is_text(field) or isinstance(field, models.IntegerField | models.DecimalField):
            yield field


def rows(model):
    queryset = model._base_manager.order_by("pk")
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def marker_value(markers, model, field, kind, pk):
    """A marker shaped for ``field`` (None when the field cannot hold one)."""
    where = (label(model), field.name, kind, pk)
    if isinstance(field, models.DecimalField):
        if "latitude" in field.name or "longitude" in field.name:
            base = -1 if "latitude" in field.name else -78
            return markers.coordinate(*where, base=base)
        return None
    if isinstance(field, models.IntegerField):
        if isinstance(field, SMALL_INTEGERS):
            markers.skipped[(label(model), field.name)] = "a small integer cannot hold 8374xxxxx"
            return None
        return markers.number(*where)
    if "phone" in field.name or field.name in {"number", "extension"}:
        return str(markers.number(*where))  # a phone page may keep only its digits
    text = markers.text(*where, max_length=getattr(field, "max_length", None))
    if text is None:
        return None
    if isinstance(field, models.EmailField):
        return f"{text}@example.invalid"
    if isinstance(field, models.URLField):
        return f"https://example.invalid/{text}"
    if isinstance(field.get_default(), list):
        return [text]
    if isinstance(field, models.JSONField):
        return {"note": text}
    return text


def plant_row(markers, model, pk, kinds):
    """``kinds``: {field: kind}. One UPDATE of the row (or a PermissionError for
    append-only models)."""
    values = {}
    for field, kind in kinds.items():
        value = marker_value(markers, model, field, kind, pk)
        if value is not None:
            values[field.name] = value
    if values:
        rows(model).filter(pk=pk).update(**values)
    return len(values)


# The directory -----------------------------------------------------------------------


def inactive_organization():
    """Switch one demo organisation off (no page names it): everything of it is hidden."""
    Organization = apps.get_model("directory", "Organization")
    Service = apps.get_model("directory", "Service")
    referenced = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    named = set(referenced.values_list("to_object_id", flat=True))
    for organization in Organization.objects.filter(is_demo=True).order_by("-slug"):
        services = Service.objects.filter(organization=organization).values_list("pk", flat=True)
        if str(organization.pk) not in named and not named & {str(pk) for pk in services}:
            rows(Organization).filter(pk=organization.pk).update(is_active=False)
            return organization.pk
    raise AssertionError("no demo organisation to switch off (every one is named by a page)")


def owned_by(organization_id):
    """(model name, attribute, ids): what belongs to ``organization_id``, read once."""
    Service = apps.get_model("directory", "Service")
    Location = apps.get_model("directory", "Location")
    services = set(
        Service.objects.filter(organization_id=organization_id).values_list("pk", flat=True)
    )
    places = set(
        Location.objects.filter(organization_id=organization_id).values_list("pk", flat=True)
    )
    return {"organization_id": {organization_id}, "service_id": services, "location_id": places}


def owner_is(obj, owned):
    if obj._meta.model_name == "organization":
        return obj.pk in owned["organization_id"]
    return any(getattr(obj, attribute, None) in ids for attribute, ids in owned.items())


def direct_lines():
    """Phones of a confidential place, or of a service given only at confidential places
    (docs/directory.md: never public, even when not marked staff-only): their ids."""
    Phone = apps.get_model("directory", "Phone")
    ServiceAtLocation = apps.get_model("directory", "ServiceAtLocation")
    places = {}
    for service, confidential in ServiceAtLocation.objects.values_list(
        "service_id", "location__is_confidential"
    ):
        places.setdefault(service, set()).add(confidential)
    only_hidden = {service for service, kinds in places.items() if kinds == {True}}
    phones = Phone.objects.filter(location__is_confidential=True) | Phone.objects.filter(
        service_id__in=only_hidden
    )
    return set(phones.values_list("pk", flat=True))


def hidden_fields(model, obj, inactive, lines):
    """(fields of ``obj`` that must not be published, why) beyond the staff-only and
    internal ones: a confidential record's, a direct line's, an inactive organisation's."""
    confidential = allow_list.confidential_fields(model)
    public = allow_list.public_fields(model)
    if owner_is(obj, inactive):
        return set(public) | set(confidential), "inactive organisation"
    if allow_list.is_confidential(obj):
        return set(confidential or public), "confidential"
    if model._meta.model_name == "phone" and obj.pk in lines:
        return set(public), "direct line"
    return set(), ""


def ensure_confidential_records():
    """A contact that is not public (the demo has none), so that variant is planted too."""
    Contact = apps.get_model("directory", "Contact")
    Service = apps.get_model("directory", "Service")
    if not Contact.objects.filter(is_public=False).exists():
        service = Service.objects.filter(organization__is_active=True).order_by("pk").first()
        Contact.objects.create(organization=service.organization, service=service, is_public=False)


def plant_directory(markers):
    ensure_confidential_records()
    inactive, lines = owned_by(inactive_organization()), direct_lines()
    planted = 0
    for model in apps.get_app_config("directory").get_models():
        if issubclass(model, Page):
            continue
        name = model._meta.object_name
        assert name in allow_list.FIELDS, f"directory.{name} is in no list of directory/fields.py"
        secret = {
            **dict.fromkeys(allow_list.fields_in(model, allow_list.STAFF_ONLY), "staff-only"),
            **dict.fromkeys(allow_list.fields_in(model, allow_list.INTERNAL), "internal"),
        }
        flag = allow_list.confidentiality_flag(model)
        related = flag[0].rpartition(".")[0].replace(".", "__") if flag else ""
        for obj in rows(model).select_related(*([related] if related else [])):
            hidden, why = hidden_fields(model, obj, inactive, lines)
            names = {**dict.fromkeys(hidden, why), **secret}
            kinds = {field: names[base_name(field)] for field in text_fields(model, set(names))}
            planted += plant_row(markers, model, obj.pk, kinds)
    return planted


# Private records ---------------------------------------------------------------------


def live_revision_ids():
    return set(Page.objects.exclude(live_revision=None).values_list("live_revision_id", flat=True))


def plant_revisions(markers, model):
    """A page's live revision is its public content; every other revision is private."""
    live = live_revision_ids()
    planted = 0
    for revision in model.objects.exclude(pk__in=live).order_by("pk"):
        content = dict(revision.content)
        for key, value in content.items():
            if isinstance(value, str) and " " in value and not value.startswith("["):
                content[key] = markers.text(label(model), f"content.{key}", "draft", revision.pk)
                planted += 1
        object_str = markers.text(label(model), "object_str", "draft", revision.pk)
        model.objects.filter(pk=revision.pk).update(content=content, object_str=object_str)
        planted += 1
    return planted


def default_for(field):
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return date.today()
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.GenericIPAddressField):
        return "192.0.2.1"
    if isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
        return 0
    return None


def make_row(markers, model):
    """One row of an empty private model, every text field a marker, every required
    relation the first existing row (or a new one); returns the row."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key and (field.has_default() or isinstance(field, models.AutoField)):
            continue
        if field.is_relation:
            if field.null:
                continue
            related = field.related_model
            target = related._base_manager.order_by("pk").first() or make_row(markers, related)
            values[field.name] = target
        elif field.choices and not field.blank:  # a code, validated on save
            values[field.name] = field.choices[0][0]
        elif is_text(field) and field.name not in TREE_COLUMNS:
            values[field.name] = marker_value(markers, model, field, "private", "new") or ""
        elif not (field.has_default() or field.null or field.blank):
            values[field.name] = default_for(field)
    values.update(policy.ROW_VALUES.get(label(model), {}))
    return model._base_manager.create(**values)


def plant_private(markers):
    """Every text field of every row of every PRIVATE model (a row made when there is none).
    Returns {model label: markers}."""
    counts = {}
    for model in apps.get_models():
        if policy.decision(label(model)) != policy.PRIVATE or model._meta.proxy:
            continue
        # A code chosen from a list is not free text (and a marker in a restriction's type
        # switches the restriction off: Wagtail accepts an unknown type).
        fields = [f for f in text_fields(model) if is_text(f) and not f.choices]
        if not fields:
            counts[label(model)] = 0
            continue
        if label(model) == "wagtailcore.Revision":
            counts[label(model)] = plant_revisions(markers, model)
            continue
        planted = 0
        if label(model) in policy.APPEND_ONLY:
            make_row(markers, model)
            counts[label(model)] = len(fields)
            continue
        if not rows(model).exists():
            make_row(markers, model)
            planted += len(fields)
        for pk in list(rows(model).values_list("pk", flat=True)):
            planted += plant_row(markers, model, pk, dict.fromkeys(fields, "private"))
        counts[label(model)] = planted
    return counts
