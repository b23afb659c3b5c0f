"""The admin form of every page type of ours. A new page's form carries a random key, so
that every request the same add form sends (autosaves, then "Submit for moderation" or
"Publish") is known to be about the same new page (``infra.creation``).

A page type uses it with ``base_form_class = RutaPageForm`` and ``CREATION_KEY_PANEL`` in
its ``content_panels`` (``infra/tests/test_page_creation.py`` checks every page type)."""

import uuid

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from .creation_services import release_page_creation

CREATION_KEY = "creation_key"


class RutaPageForm(WagtailAdminPageForm):
    creation_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            self.initial[CREATION_KEY] = uuid.uuid4()

    def is_valid(self):
        valid = super().is_valid()
        if not valid and self.instance.pk is None:
            # Nothing was created: another request of this form may create the page.
            release_page_creation(self.cleaned_data.get(CREATION_KEY), self.for_user)
        return valid


class HiddenFieldPanel(FieldPanel):
    """A form field rendered as its hidden input alone: no label, help text or comments."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("heading", "")
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def render_html(self, parent_context=None):
            return str(self.bound_field)


CREATION_KEY_PANEL = HiddenFieldPanel(CREATION_KEY)
