from django import template

from directory.models import PROVINCE_CHOICES

register = template.Library()


@register.inclusion_tag("offline/includes/save_button.html")
def offline_save_button(edition_id=None, province_code=""):
    """The "save for offline" form: hidden until the script shows it, so that without
    JavaScript (or without a service worker) nothing on the page promises it."""
    return {
        "edition_id": edition_id,
        "province_code": province_code,
        "province_choices": PROVINCE_CHOICES,
    }
