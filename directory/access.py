"""Who counts as directory staff: signed-in users who belong to an active listed institution.

Staff see staff-only directory fields (exact addresses of confidential locations, direct
phones, vacancies, intake notes). The referrals section reuses these memberships to scope
every record to the user's institutions.
"""

from .models import Organization, OrganizationMembership


def user_organizations(user):
    """Active organisations the user is a member of (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user, is_active=True).distinct()


def user_managed_organizations(user):
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user,
        memberships__role=OrganizationMembership.Role.MANAGER,
        is_active=True,
    ).distinct()


def is_directory_staff(user):
    """True for signed-in members of a listed institution. Cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_ruta_is_directory_staff", None)
    if cached is None:
        cached = user_organizations(user).exists()
        user._ruta_is_directory_staff = cached
    return cached


def sees_staff_details(user):
    """Staff-only directory details (exact addresses of confidential locations, direct
    phones, vacancies, intake notes) need a member of a listed institution who has passed
    the two-factor step in this session: a stolen password alone must not reveal a shelter.
    """
    is_verified = getattr(user, "is_verified", None)
    return is_directory_staff(user) and callable(is_verified) and is_verified()
