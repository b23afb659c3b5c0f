"""Every StreamField block of the protocol and training pages describes itself (icon, label,
description, template, preview value), renders its preview, and reaches the content API:
a StructBlock's representation names every child except those withheld on purpose, and
every StreamField of a page is published in its ``api_fields``."""

import pytest
from django.apps import apps
from django.template.loader import get_template
from wagtail import blocks
from wagtail.fields import StreamField

from training.blocks import SessionBlock

APPS = ("protocol_pages", "training")


def page_models():
    return [model for app in APPS for model in apps.get_app_config(app).get_models()]


def stream_fields(model):
    """The model's StreamFields, without modeltranslation's per-language copies."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and getattr(field, "translated_field", None) is None
    ]


def content_blocks(block):
    """The blocks an editor adds or fills: a stream's children and every StructBlock."""
    children = []
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        children = list(block.child_blocks.values())
    elif isinstance(block, blocks.ListBlock):
        children = [block.child_block]
    for child in children:
        if isinstance(block, blocks.StreamBlock) or isinstance(child, blocks.StructBlock):
            yield child
        yield from content_blocks(child)


def all_blocks():
    found = {}
    for model in page_models():
        for field in stream_fields(model):
            for block in content_blocks(field.stream_block):
                found.setdefault(type(block).__name__, block)
    return sorted(found.items())


BLOCKS = all_blocks()


def test_the_pages_have_blocks_to_check():
    names = {name for name, _block in BLOCKS}
    assert {"StepBlock", "DecisionPointBlock", "SessionBlock", "ActivityBlock"} <= names
    assert len(BLOCKS) >= 11


@pytest.mark.parametrize(("name", "block"), BLOCKS)
def test_every_block_describes_itself_and_renders_its_preview(name, block):
    for attribute in ("icon", "label", "description", "template", "preview_value"):
        assert getattr(block.meta, attribute, None), f"{name} has no Meta.{attribute}"
    get_template(block.meta.template)
    html = block.render(block.get_preview_value(), context={})
    assert html.strip(), f"{name} renders nothing for its preview value"


@pytest.mark.django_db
def test_the_block_picker_shows_every_preview_with_the_site_styles(admin_client):
    for name, block in BLOCKS:
        assert block.is_previewable, name
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert "protocol_pages/css/protocol.css" in response.content.decode(), name


@pytest.mark.parametrize(
    ("name", "block"), [(n, b) for n, b in BLOCKS if isinstance(b, blocks.StructBlock)]
)
def test_every_struct_block_represents_each_child_in_the_api(name, block):
    representation = block.get_api_representation(block.get_preview_value())
    assert isinstance(representation, dict), name
    names = getattr(block.meta, "api_names", {})
    withheld = getattr(block.meta, "api_withheld", ())
    expected = {names.get(child, child) for child in block.child_blocks if child not in withheld}
    assert expected <= set(representation), f"{name} misses {expected - set(representation)}"


def test_facilitator_notes_are_the_only_withheld_child():
    withheld = {
        (name, child) for name, block in BLOCKS for child in getattr(block.meta, "api_withheld", ())
    }
    assert withheld == {("SessionBlock", "facilitator_notes")}
    assert "facilitator_notes" in SessionBlock.base_blocks


@pytest.mark.parametrize("model", page_models(), ids=lambda model: model.__name__)
def test_every_stream_field_is_published_in_the_api(model):
    published = set()
    for api_field in getattr(model, "api_fields", []):
        source = getattr(api_field.serializer, "source", None)
        published.add(source or api_field.name)
    for field in stream_fields(model):
        assert field.name in published, f"{model.__name__}.{field.name} is not in api_fields"
