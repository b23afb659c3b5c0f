"""JSON Schemas of what the content API carries for each page type: read from the page
models' ``api_fields`` and their blocks, so that the OpenAPI document follows the blocks.

A block whose representation is its own (``get_api_representation`` overridden) declares
``api_schema``; struct, list and stream blocks are described from their children; computed
page properties are described here (``PROPERTY_SCHEMAS``)."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models

TEXT = {"type": ["string", "null"]}
SCALARS = (
    (blocks.IntegerBlock, {"type": ["integer", "null"]}),
    (blocks.BooleanBlock, {"type": ["boolean", "null"]}),
    (blocks.DecimalBlock, {"type": ["number", "string", "null"]}),
    (blocks.FloatBlock, {"type": ["number", "null"]}),
    (blocks.FieldBlock, TEXT),  # char, text, choice, URL, e-mail, date blocks
    (blocks.RichTextBlock, TEXT),
)
_LINK = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "url": {}},
    "required": ["id", "title"],
}
_ORGANIZATION = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
    "required": ["id", "name"],
}


def _array(items):
    return {"type": "array", "items": items}


PROPERTY_SCHEMAS = {
    "protocol_pages.ProtocolEditionPage": {
        "status": {"type": "string", "enum": ["draft", "in-force", "superseded"]},
        "institutions": _array(_ORGANIZATION),
        "sections": _array(
            {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "type": {"type": "string", "enum": ["phase", "sub-route", "annex"]},
                    "title": {"type": "string"},
                    "number": {"type": ["integer", "null"]},
                    "kind": TEXT,
                    "html_url": {"type": "string"},
                },
                "required": ["id", "type", "title", "html_url"],
            }
        ),
        "changes": {
            "type": ["object", "null"],
            "properties": {
                "previous_edition": _LINK | {"required": ["id", "title"]},
                "added": _array({"type": "object"}),
                "removed": _array({"type": "object"}),
                "changed": _array({"type": "object"}),
            },
        },
        "handbook_url": {"type": "string"},
    },
    "protocol_pages.ProtocolPhasePage": {"phase_number": {"type": ["integer", "null"]}},
    "training.TrainingModulePage": {
        "handout_url": {"type": "string"},
        "author_organization_name": {"type": "string"},
        "prerequisite_modules": _array(_LINK),
        "public_related_services": _array(
            {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "organization": {"type": "string"},
                    "status": {"type": "string"},
                },
                "required": ["id", "name", "organization", "status"],
            }
        ),
    },
}


def block_schema(block):
    own = getattr(block, "api_schema", None)
    if own is not None:
        return own
    if isinstance(block, blocks.ListBlock):
        return _array(block_schema(block.child_block))
    if isinstance(block, blocks.StreamBlock):
        return _stream_schema(block)
    if isinstance(block, blocks.StructBlock):
        names = getattr(block.meta, "api_names", {})
        withheld = getattr(block.meta, "api_withheld", ())
        properties = {
            names.get(name, name): block_schema(child)
            for name, child in block.child_blocks.items()
            if name not in withheld
        }
        return {"type": "object", "properties": properties, "required": sorted(properties)}
    for kind, schema in SCALARS:
        if isinstance(block, kind):
            return schema
    return {}


def _stream_schema(block):
    """An item stream (steps, sessions) is a list of its items with their ids; any other
    stream is Wagtail's list of ``{"type", "value", "id"}``."""
    children = list(block.child_blocks.items())
    if _is_item_stream(block):
        _name, child = children[0]
        item = block_schema(child)
        properties = {"id": {"type": "string"}, **item.get("properties", {})}
        return _array({**item, "properties": properties, "required": ["id", *item["required"]]})
    variants = [
        {
            "type": "object",
            "properties": {
                "type": {"const": name},
                "value": block_schema(child),
                "id": {"type": "string"},
            },
            "required": ["type", "value", "id"],
        }
        for name, child in children
    ]
    return _array({"oneOf": variants} if len(variants) > 1 else variants[0])


def _is_item_stream(block):
    # website.blocks.ItemStreamBlock; compared by name so this module stays below the apps.
    return any(cls.__name__ == "ItemStreamBlock" for cls in type(block).__mro__)


def _field_schema(model, api_field):
    source = getattr(api_field.serializer, "source", None) or api_field.name
    try:
        field = model._meta.get_field(source)
    except FieldDoesNotExist:  # a property
        field = None
    if isinstance(field, StreamField):
        return block_schema(field.stream_block)
    if isinstance(field, models.DateField):
        return {"type": ["string", "null"], "format": "date"}
    if isinstance(field, models.DecimalField):
        return {"type": ["string", "null"]}
    if isinstance(field, (models.IntegerField, models.PositiveIntegerField)):
        return {"type": ["integer", "null"]}
    if isinstance(field, models.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, (models.CharField, models.TextField)):
        return TEXT
    label = f"{model._meta.app_label}.{model.__name__}"
    return PROPERTY_SCHEMAS.get(label, {}).get(api_field.name, {})


def page_schemas():
    """``{"app.Model": {field name: schema}}`` for every page type with API fields."""
    found = {}
    for model in get_page_models():
        fields = getattr(model, "api_fields", None) or []
        if model._meta.app_label == "wagtailcore" or not fields:
            continue
        label = f"{model._meta.app_label}.{model.__name__}"
        found[label] = {field.name: _field_schema(model, field) for field in fields}
    return found
