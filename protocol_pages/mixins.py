"""What the protocol's page models share and what an edition answers about itself, kept
below ``models.py``: these mixins read only the page they are mixed into (``self``) and
the leaf modules, never the page classes."""

from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from infra.page_forms import CREATION_KEY_PANEL, RutaPageForm

from .choices import EditionStatus
from .diff import diff_editions


class DraftCopiesMixin:
    """Marks the protocol's pages whose copies are always drafts: the copy dialog's
    "Publish copies" and "Alias" are ignored for them (``wagtail_hooks.copies_are_drafts``;
    issue 17: copies went live without approval)."""


class ProtocolPageMixin(DraftCopiesMixin):
    """Every page of the protocol: its copies are drafts, and its admin form carries the
    add form's key, so an autosave and the submission make one page (``infra.creation``)."""

    base_form_class = RutaPageForm


# Last in every content tab of a protocol page that records its changes' significance, then
# the add form's hidden key (``infra.page_forms``).
LAST_PANELS = [FieldPanel("change_significance"), CREATION_KEY_PANEL]


class EditionStatusMixin:
    """An edition's status among its siblings, from ``self._classification`` (the index
    page's ``classify_editions()``: in force, superseded, upcoming)."""

    @property
    def status(self):
        if not self.live or self.effective_date is None:
            return EditionStatus.DRAFT
        if self.effective_date > timezone.localdate():
            return EditionStatus.UPCOMING
        in_force = self._classification[0]
        if in_force is None or in_force.pk == self.pk:
            return EditionStatus.IN_FORCE
        return EditionStatus.SUPERSEDED

    def get_status_display(self):
        return EditionStatus(self.status).label

    @property
    def edition_in_force(self):
        return self._classification[0]

    @property
    def next_edition(self):
        """The approved edition that takes effect next, if one is scheduled."""
        upcoming = self._classification[2]
        return min(upcoming, key=lambda edition: edition.effective_date) if upcoming else None


class EditionAPIMixin:
    """The edition's computed API fields (``ProtocolEditionPage.api_fields``)."""

    @property
    def institutions(self):
        """Approving institutions for the API: directory ids and names."""
        return [
            {"id": str(organization.pk), "name": organization.name}
            for organization in self.approving_institutions.all()
        ]

    @property
    def sections(self):
        """The edition's sections for the API: id, kind of section, title, URL."""
        return [
            {
                "id": section.pk,
                "type": section.section_type,
                "title": section.title,
                "number": getattr(section, "phase_number", None),
                "kind": getattr(section, "kind", None),
                "html_url": section.get_full_url(),
            }
            for group in self.route_sections().values()
            for section in group
        ]

    @property
    def changes(self):
        """What changed since the previous edition (as the page lists it), or None."""
        previous = self.previous_edition
        if previous is None:
            return None
        diff = diff_editions(previous, self)
        return {
            "previous_edition": {"id": previous.pk, "title": previous.title},
            **{
                name: [change.as_api() for change in getattr(diff, name)]
                for name in ("added", "removed", "changed")
            },
        }

    @property
    def handbook_url(self):
        return f"{self.get_full_url()}manual.pdf"
