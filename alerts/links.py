"""Where messages send readers: the one place to repoint when the diff page moves."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from protocol_pages import diff

from .addresses import unsubscribe_key


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def diff_url(edition, language):
    """The step-level comparison of ``edition`` with the previous one (its comparison page,
    ``protocol_pages.diff.diff_url``); the edition page itself for a first edition, which
    has nothing to compare with."""
    if edition.previous_edition is None:
        with translation.override(language):
            return edition.get_full_url()
    return diff.diff_url(edition, language)


def step_url(section, block_id, language):
    with translation.override(language):
        return f"{section.get_full_url()}#step-{block_id}"


def unsubscribe_url(subscription):
    with translation.override(subscription.language):
        return absolute(reverse("alerts:unsubscribe", args=[unsubscribe_key(subscription)]))


def confirm_url(language, token):
    with translation.override(language):
        return absolute(reverse("alerts:confirm", args=[token]))
