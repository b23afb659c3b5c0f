"""A printable contact card per province (one page, PDF and print view, both languages):
the emergency lines, the public institutions' local offices and the directory's other
public services of the province by category, with their "verified on" dates and a QR code
back to the online card.

Built from the public result cards only (``directory.cards``: public fields, confidential
places as canton and province, a shelter reached through its organisation's referral
phone). The PDFs are ``DirectoryIndexPage`` documents of the shared pipeline
(``infra.pdf``), one kind per province; a directory change asks for a rebuild a minute
later, in the worker (``request_card_builds``), never in a reader's request.
"""

from datetime import timedelta

import segno
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.cards import service_cards
from directory.models import (
    DirectoryIndexPage,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from directory.provinces import provinces
from directory.selectors import service_ids_in_province
from infra.pdf import build_page_document

KIND_PREFIX = "card-"
TEMPLATE = "directory/pdf/province_card.html"
REBUILD_DELAY = timedelta(seconds=60)
SCHEDULED_KEY = "ruta-province-cards-scheduled"


def card_kind(code):
    return f"{KIND_PREFIX}{code}"


def province_of(kind):
    code = kind.removeprefix(KIND_PREFIX)
    return code if kind.startswith(KIND_PREFIX) and code in provinces() else None


def card_context(code, online_url):
    """What the card shows for the province ``code`` in the current language."""
    ids = service_ids_in_province(code)
    cards = service_cards(ids)
    public_bodies = {
        str(pk)
        for pk in Organization.objects.filter(
            kind=Organization.Kind.PUBLIC_BODY, services__pk__in=ids
        ).values_list("services__pk", flat=True)
    }
    institutions, by_category = [], {}
    for pk in ids:
        card = cards.get(pk)
        if card is None:
            continue
        if pk in public_bodies:
            institutions.append(card)
            continue
        category = card["categories"][0]["name"] if card["categories"] else _("Other services")
        by_category.setdefault(category, []).append(card)
    qr = segno.make(online_url, error="m")
    return {
        "province": provinces()[code],
        "institutions": institutions,
        "categories": sorted(by_category.items()),
        "total": len(cards),
        "online_url": online_url,
        "qr_data_uri": qr.svg_data_uri(scale=3, border=1),
        "built_on": timezone.localdate(),
    }


def _enqueue_builds(page_id, languages):
    for code in provinces():
        for language in languages:
            build_page_document.using(run_after=timezone.now() + REBUILD_DELAY).enqueue(
                page_id, card_kind(code), language
            )


def request_card_builds(page, languages):
    """After a directory change: rebuild every province's card once, a minute after the
    commit (changes within that minute share the builds). Only with a task backend that
    defers (the worker's); development and tests build on the first request instead."""
    if page is None or not build_page_document.get_backend().supports_defer:
        return
    if cache.add(SCHEDULED_KEY, True, timeout=int(REBUILD_DELAY.total_seconds())):
        transaction.on_commit(lambda: _enqueue_builds(page.pk, languages))


def rebuild_on_change(sender, **kwargs):
    """Signal receiver (directory models): the cards show what changed."""
    if not build_page_document.get_backend().supports_defer:
        return
    page = DirectoryIndexPage.objects.live().first()
    request_card_builds(page, [code for code, _name in settings.LANGUAGES])


def connect():
    for model in (Organization, Service, Location, ServiceAtLocation, Phone, Schedule):
        for signal in (post_save, post_delete):
            signal.connect(
                rebuild_on_change, sender=model, dispatch_uid=f"province-cards-{model.__name__}"
            )
