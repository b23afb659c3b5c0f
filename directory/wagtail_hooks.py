from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

from directory import admin_urls
from directory.access import is_directory_maintainer, is_directory_staff, manageable_organizations
from directory.hsds_import import admin as hsds_import_admin
from directory.viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)

# HSDS imports from the admin (directory/hsds_import/admin.py).
hooks.register("register_admin_urls", hsds_import_admin.urls)
hooks.register("register_admin_menu_item", hsds_import_admin.menu_item)

UPKEEP_HOOK = "register_directory_upkeep_menu_item"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("directory/", include(admin_urls))]


class CheckedMenuItem(MenuItem):
    """Shown only to those ``check(user)`` lets in (the screen answers 404 to the others)."""

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


def manages_staff(user):
    return manageable_organizations(user).exists()


# (label, URL name, icon, who sees it); members' items first, then the maintainers'.
UPKEEP_ITEMS = (
    (_("Your institution's listing"), "listing_home", "doc-full", is_directory_staff),
    (_("Free beds and places"), "capacity_home", "home", is_directory_staff),
    (_("Proposed changes"), "queue", "tasks", is_directory_maintainer),
    (_("Listings to re-verify"), "verification", "date", is_directory_maintainer),
    (_("Problem reports"), "problems", "warning", is_directory_maintainer),
    (_("Staff of the institutions"), "memberships_home", "group", manages_staff),
)


def _register(order, label, url_name, icon, check):
    def item():
        return CheckedMenuItem(
            label,
            reverse(f"directory_admin:{url_name}"),
            name=f"directory-{url_name}",
            icon_name=icon,
            order=order,
            check=check,
        )

    hooks.register(UPKEEP_HOOK, item)


for position, entry in enumerate(UPKEEP_ITEMS, start=1):
    _register(100 * position, *entry)

upkeep_menu = Menu(register_hook_name=UPKEEP_HOOK, construct_hook_name=None)


class UpkeepMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return any(entry[3](request.user) for entry in UPKEEP_ITEMS)


@hooks.register("register_admin_menu_item")
def register_upkeep_menu():
    return UpkeepMenuItem(
        _("Directory upkeep"),
        upkeep_menu,
        icon_name="folder-inverse",
        name="directory-upkeep",
        order=245,
    )
