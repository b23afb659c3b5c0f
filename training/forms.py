"""The admin form of a training module. A new module's form carries a random key, so that
every request the same add form sends (autosaves, then "Submit for review") is known to be
about the same new page (``training.creation``)."""

import uuid

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from .services import release_module_creation


class TrainingModuleForm(WagtailAdminPageForm):
    creation_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            self.initial["creation_key"] = uuid.uuid4()

    def is_valid(self):
        valid = super().is_valid()
        if not valid and self.instance.pk is None:
            # Nothing was created: another request of this form may create the page.
            release_module_creation(self.cleaned_data.get("creation_key"), self.for_user)
        return valid


class HiddenFieldPanel(FieldPanel):
    """A form field rendered as its hidden input alone: no label, help text or comments."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("heading", "")
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def render_html(self, parent_context=None):
            return str(self.bound_field)
