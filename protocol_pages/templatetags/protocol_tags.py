from django import template

from protocol_pages.blocks import SUB_ROUTE_CHOICES

register = template.Library()

SUB_ROUTE_LABELS = dict(SUB_ROUTE_CHOICES)


@register.filter
def sub_route_page(pages, kind):
    """The edition's sub-route page of that kind, or None (pages: {kind: page})."""
    return (pages or {}).get(kind)


@register.filter
def sub_route_label(kind):
    return SUB_ROUTE_LABELS.get(kind, kind)
