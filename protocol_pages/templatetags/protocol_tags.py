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
