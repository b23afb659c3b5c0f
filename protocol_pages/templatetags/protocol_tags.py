from django import template

from protocol_pages.choices import SUB_ROUTE_LABELS

register = template.Library()


@register.filter
def sub_route_page(pages, kind):
    """The edition's sub-route page of that kind, or None (pages: {kind: page})."""
    return (pages or {}).get(kind)


@register.filter
def sub_route_label(kind):
    return SUB_ROUTE_LABELS.get(kind, kind)


@register.filter
def step_results(by_step, step_id):
    """The "in your province" results of one step ({step id: [institution]})."""
    return (by_step or {}).get(step_id, [])


@register.filter
def organization_link(urls, organization):
    """The directory page of a responsible institution ({organisation id: URL}), or ""."""
    return (urls or {}).get(organization.pk, "")
