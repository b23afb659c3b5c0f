"""StreamField atoms shared by the protocol and training blocks.

Each block shapes its own content-API representation (``get_api_representation``), so the
API carries what the page shows without a hand-written serialiser per page type.
"""

from rest_framework.fields import Field
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class DocumentBlock(DocumentChooserBlock):
    """A document, read through the API as its id, title and download URL."""

    api_schema = {
        "type": ["object", "null"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": "string"},
        },
        "required": ["id", "title", "url"],
    }

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {"id": value.pk, "title": value.title, "url": value.url}


class CompactListBlock(blocks.ListBlock):
    """A list whose API representation leaves out items that represent as None (a deleted
    document or institution), as the page templates leave them out."""

    def get_api_representation(self, value, context=None):
        items = super().get_api_representation(value, context=context)
        return [item for item in items if item is not None]


class APIStructBlock(blocks.StructBlock):
    """A StructBlock whose API representation holds every child, under ``Meta.api_names``
    where the API's name differs, except the ones listed in ``Meta.api_withheld`` (staff-only
    content). A new child therefore reaches the API unless it is withheld on purpose."""

    class Meta:
        api_names = {}
        api_withheld = ()

    def get_api_representation(self, value, context=None):
        return {
            self.meta.api_names.get(name, name): block.get_api_representation(
                value[name] if name in value else block.get_default(), context=context
            )
            for name, block in self.child_blocks.items()
            if name not in self.meta.api_withheld
        }


class ItemStreamBlock(blocks.StreamBlock):
    """A stream of one kind of item (steps, sessions), read through the API as a plain list
    of the items, each with its stable block id."""

    def get_api_representation(self, value, context=None):
        return [
            {"id": child.id, **child.block.get_api_representation(child.value, context=context)}
            for child in value or []
        ]


class BlocksAPIField(Field):
    """An API serializer field for a StreamField published under another name
    (``APIField("structured_steps", serializer=BlocksAPIField(source="steps"))``): its
    blocks' own representation. Wagtail's StreamField serializer does the same, but its
    module cannot be imported while models load."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.stream_block.get_api_representation(value, context=self.context)
