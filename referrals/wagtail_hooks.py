from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from directory.access import is_directory_staff

from . import admin_urls, twofactor_urls
from .access import can_issue_enrolment_codes, permission_policy

# Menu items a member of an institution sees (no page editing, images, documents...).
STAFF_MENU_ITEMS = {"referrals", "directory", "organisations", "organizations", "services"}


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("referrals/", include(admin_urls)),
        path("two-factor/", include(twofactor_urls)),
    ]


class PolicyMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, self.permission)


referrals_menu = Menu(register_hook_name="register_referrals_menu_item", construct_hook_name=None)


@hooks.register("register_referrals_menu_item")
def register_list_item():
    return PolicyMenuItem(
        _("Referrals"), reverse("referrals:list"), icon_name="mail", order=100, permission="list"
    )


@hooks.register("register_referrals_menu_item")
def register_reports_item():
    return PolicyMenuItem(
        _("Reports"),
        reverse("referrals:reports"),
        icon_name="table",
        order=200,
        permission="view_aggregate_reports",
    )


@hooks.register("register_referrals_menu_item")
def register_audit_item():
    return PolicyMenuItem(
        _("Audit log"),
        reverse("referrals:audit"),
        icon_name="clipboard-list",
        order=300,
        permission="view_audit",
    )


class EnrolmentCodesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_issue_enrolment_codes(request.user)


@hooks.register("register_settings_menu_item")
def register_enrolment_codes_item():
    return EnrolmentCodesMenuItem(
        _("Two-factor enrolment codes"),
        reverse("referrals_2fa:codes"),
        icon_name="key",
        name="enrolment-codes",
        order=650,
    )


@hooks.register("register_account_menu_item")
def register_recovery_codes_item(request):
    return {
        "url": reverse("referrals_2fa:recovery"),
        "label": _("Recovery codes"),
        "help_text": _("Codes to sign in when your phone is not at hand."),
    }


@hooks.register("register_admin_menu_item")
def register_referrals_menu():
    return SubmenuMenuItem(
        _("Referrals"), referrals_menu, icon_name="mail", name="referrals", order=250
    )


@hooks.register("construct_main_menu")
def staff_see_referrals_and_directory(request, menu_items):
    user = request.user
    if user.is_superuser or not is_directory_staff(user):
        return
    menu_items[:] = [
        item
        for item in menu_items
        if item.name in STAFF_MENU_ITEMS or item.name.startswith("directory")
    ]
