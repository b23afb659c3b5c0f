"""Admin screens for the directory, grouped under the "Directorio" menu.

They are the maintainers' (Django model permissions). A member of an institution has none
of those permissions: on a record of another institution every one of these screens is a
404, and the edit screen of its own institution's record leads to the proposal form
(``directory.admin_views.listing``), so nothing a member does here changes the listing."""

import uuid
from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.access import is_directory_staff, user_organizations
from directory.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from directory.proposal_forms import KINDS


def _own_record(kind, user, pk):
    """(organisation, kind) when the record ``pk`` of ``kind`` is one of the user's
    institutions' (None for any other record, or another kind)."""
    spec = KINDS.get(kind)
    if spec is None:
        return None
    for organization in user_organizations(user):
        if spec.records(organization).filter(pk=pk).exists():
            return organization
    return None


class DirectoryViewSet(SnippetViewSet):
    """Database search (admin search never depends on Elasticsearch) and list export."""

    search_backend_name = None
    add_to_admin_menu = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk>" in str(pattern.pattern):
                pattern.callback = self._members_guard(pattern.callback, pattern.name)
        return patterns

    def _members_guard(self, view, name):
        kind = self.model._meta.model_name
        permission = f"{self.model._meta.app_label}.change_{kind}"

        @wraps(view)
        def guarded(request, *args, **kwargs):
            user = request.user
            if is_directory_staff(user) and not user.has_perm(permission):
                try:
                    pk = uuid.UUID(str(unquote(str(kwargs.get("pk", "")))))
                except ValueError as error:
                    raise Http404 from error
                organization = _own_record(kind, user, pk)
                if organization is None:
                    raise Http404
                if name == "edit":
                    return redirect("directory_admin:propose", organization.pk, kind, pk)
            return view(request, *args, **kwargs)

        return guarded


class OrganizationViewSet(DirectoryViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organisations")
    menu_name = "organizations"
    list_display = [
        "name",
        "kind",
        "referral_contact_name",
        "is_active",
        "is_demo",
        "last_modified",
    ]
    list_filter = ["kind", "is_active", "is_demo"]
    search_fields = ["name", "alternate_name", "description"]
    list_export = [
        "id",
        "name",
        "slug_es",
        "slug_en",
        "kind",
        "referral_contact_name",
        "referral_phone",
        "referral_email",
        "website",
        "is_active",
        "is_demo",
    ]
    ordering = ["name"]


class ServiceViewSet(DirectoryViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    menu_name = "services"
    list_display = ["name", "organization", "status", "assured_date", "last_modified"]
    list_filter = ["status", "categories", "populations", "is_free", "organization__kind"]
    search_fields = ["name", "alternate_name", "description", "organization__name"]
    list_export = [
        "id",
        "name",
        "organization",
        "status",
        "minimum_age",
        "maximum_age",
        "gender",
        "accepts_mother_with_children",
        "is_free",
        "assured_date",
    ]
    ordering = ["organization__name", "name"]


class LocationViewSet(DirectoryViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    menu_name = "locations"
    list_display = ["name", "organization", "canton", "province", "is_confidential"]
    list_filter = ["province", "is_confidential", "location_type"]
    search_fields = ["name", "canton", "organization__name"]
    list_export = [
        "id",
        "name",
        "organization",
        "location_type",
        "canton",
        "province",
        "is_confidential",
    ]


class PhoneViewSet(DirectoryViewSet):
    model = Phone
    icon = "mobile-alt"
    menu_label = _("Phones")
    menu_name = "phones"
    list_display = ["number", "description", "organization", "service", "location", "is_staff_only"]
    list_filter = ["type", "is_staff_only"]
    search_fields = ["number", "description"]
    list_export = [
        "id",
        "number",
        "extension",
        "type",
        "description",
        "organization",
        "service",
        "location",
        "is_staff_only",
    ]


class ContactViewSet(DirectoryViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_name = "contacts"
    list_display = ["title", "name", "organization", "service", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["name", "title", "department"]
    list_export = ["id", "title", "name", "department", "organization", "service", "is_public"]


class TaxonomyViewSet(DirectoryViewSet):
    model = Taxonomy
    icon = "folder-open-inverse"
    menu_label = _("Vocabularies")
    menu_name = "taxonomies"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    list_export = ["id", "code", "name"]


class TaxonomyTermViewSet(DirectoryViewSet):
    model = TaxonomyTerm
    icon = "tag"
    menu_label = _("Categories and populations")
    menu_name = "taxonomy_terms"
    list_display = ["name", "code", "taxonomy"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]
    list_export = ["id", "taxonomy", "code", "name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "folder-inverse"
    menu_name = "directory"
    menu_order = 240
    items = (
        OrganizationViewSet,
        ServiceViewSet,
        LocationViewSet,
        PhoneViewSet,
        ContactViewSet,
        TaxonomyViewSet,
        TaxonomyTermViewSet,
    )
