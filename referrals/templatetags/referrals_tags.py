from django import template
from django.urls import reverse
from django.utils.http import urlencode

from directory.access import user_organizations
from directory.models import Organization
from referrals.access import permission_policy

register = template.Library()


def _organization_id(organization):
    """The directory passes a model instance or its public dict (``organization_data``)."""
    if isinstance(organization, dict):
        return organization.get("id")
    return getattr(organization, "pk", None)


@register.simple_tag
def refer_url(request, organization):
    """The new-referral URL with this receiver, for institution staff only ("" otherwise).

    Hidden when the organisation is inactive or is the user's only institution (nobody
    refers to themselves).
    """
    user = getattr(request, "user", None)
    organization_id = _organization_id(organization)
    if user is None or not organization_id:
        return ""
    if not permission_policy.user_has_permission(user, "add"):
        return ""
    if not Organization.objects.filter(pk=organization_id, is_active=True).exists():
        return ""
    own = {str(pk) for pk in user_organizations(user).values_list("pk", flat=True)}
    if own == {str(organization_id)}:
        return ""
    return f"{reverse('referrals:create')}?{urlencode({'receiver': organization_id})}"
