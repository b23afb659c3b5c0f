"""Opening hours in templates, computed at render time (cards are cached, the clock is not)."""

from django import template

from directory import hours
from directory.phones import e164

register = template.Library()


@register.simple_tag
def opening_status(schedules):
    """{open, today, label} for the badge of a card or a service page, or None."""
    return hours.opening(schedules)


@register.simple_tag
def opening_week(schedules):
    """The week's hours from Monday to Sunday: [{day, name, hours}]."""
    return hours.week(schedules)


@register.filter
def tel(number):
    """A phone number as a ``tel:`` target (E.164 when it is a valid number)."""
    return e164(number or "")
