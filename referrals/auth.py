"""Members of a listed institution may enter the Wagtail admin (for referrals and the
directory) without being put in a group by hand; see docs/referrals.md."""

from directory.access import is_directory_staff

ADMIN_ACCESS = "wagtailadmin.access_admin"


class MembershipAdminAccessBackend:
    """Grants only ``wagtailadmin.access_admin``, only to active members; never logs in."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return perm == ADMIN_ACCESS and obj is None and is_directory_staff(user_obj)
