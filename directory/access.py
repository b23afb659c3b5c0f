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


def _active(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_directory_maintainer(user):
    """The directory maintainers: they review what institutions propose, see the upkeep
    dashboard and the readers' problem reports (superusers, or ``review_listingchange``)."""
    return _active(user) and (user.is_superuser or user.has_perm("directory.review_listingchange"))


def member_organization(user, pk):
    """The active institution ``pk`` if ``user`` belongs to it, else None (the caller answers
    404: another institution's listing is as if it did not exist)."""
    return user_organizations(user).filter(pk=pk).first()


def can_manage_all_memberships(user):
    return _active(user) and (user.is_superuser or user.has_perm("directory.manage_memberships"))


def manageable_organizations(user):
    """The institutions whose staff ``user`` may add, change and remove: every one for
    superusers and holders of ``directory.manage_memberships``, their own for managers."""
    if can_manage_all_memberships(user):
        return Organization.objects.all()
    return user_managed_organizations(user)
