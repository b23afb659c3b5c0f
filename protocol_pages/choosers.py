"""An admin chooser for directory organisations, owned by the protocol app.

The directory app may or may not register Organization as a snippet; a dedicated
ChooserViewSet works either way and gives StreamField a ChooserBlock (see blocks.py).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.blocks import ChooserBlock


class UUIDChooserBlock(ChooserBlock):
    """Wagtail's bulk lookup matches stored ids against ``in_bulk`` keys as they are; stored
    JSON ids are strings while Organization keys are UUIDs, so normalise them first."""

    def bulk_to_python(self, values):
        to_python = self.model_class._meta.pk.to_python
        normalised = []
        for value in values:
            try:
                normalised.append(to_python(value) if value is not None else None)
            except ValidationError:
                normalised.append(None)
        return super().bulk_to_python(normalised)

    # The OpenAPI description of the representation below (infra.api.content_schemas).
    api_schema = {
        "type": ["object", "null"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
        "required": ["id", "name"],
    }

    def get_api_representation(self, value, context=None):
        """The institution's directory id and public name."""
        if value is None:
            return None
        return {"id": str(value.pk), "name": str(value)}


class UUIDChooser(BaseChooser):
    """The chooser widget's value data goes to JSON (telepath): UUID keys become strings."""

    def get_value_data_from_instance(self, instance):
        data = super().get_value_data_from_instance(instance)
        data["id"] = str(data["id"])
        return data


class OrganizationChooserViewSet(ChooserViewSet):
    model = "directory.Organization"
    icon = "group"
    choose_one_text = _("Choose an institution")
    choose_another_text = _("Choose another institution")
    edit_item_text = _("Edit institution")
    base_widget_class = UUIDChooser
    base_block_class = UUIDChooserBlock
    register_widget = False  # keep the directory's own widgets (if any) as the default


organization_chooser_viewset = OrganizationChooserViewSet("protocol_organization_chooser")
