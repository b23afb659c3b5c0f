from django import template

from referrals.access import permission_policy

register = template.Library()


@register.filter
def can_refer_to(request, organization):
    """Signed-in institution staff may open a referral to another active institution."""
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and organization.is_active
        and permission_policy.user_has_permission(user, "add")
    )
