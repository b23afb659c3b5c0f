"""The handbook PDF of an edition: its context, and rebuilding it when anything publishes.

Pages come in as arguments; a section names its edition through ``get_pdf_page()``.
"""

import contextvars
from contextlib import contextmanager

import segno
from django.utils import timezone

from infra.pdf import request_builds

_deferred = contextvars.ContextVar("protocol_handbook_builds_deferred", default=None)


def handbook_context(edition):
    url = edition.get_full_url()
    qr = segno.make(url, error="m")
    return {
        "page": edition,
        "edition": edition,
        **edition.route_sections(),
        "approving_institutions": list(edition.approving_institutions.all()),
        "online_url": url,
        "qr_data_uri": qr.svg_data_uri(scale=4, border=1),
        "built_on": timezone.localdate(),
    }


def rebuild_handbook(sender, instance, **kwargs):
    """page_published receiver: enqueue the handbook builds of the page's edition."""
    edition = instance.specific.get_pdf_page()
    if edition is None or not edition.live:
        return
    if edition.sections_to_publish().exists():
        return  # publish_edition_sections publishes them next, and requests it then
    pending = _deferred.get()
    if pending is not None:
        pending[edition.pk] = edition
        return
    request_builds(edition)


@contextmanager
def handbook_builds_deferred(build=True):
    """Collect rebuilds while many pages publish (e.g. demo data), then request each
    edition's build once (or none with ``build=False``: the first reader's request or the
    next publication builds it)."""
    pending = {}
    token = _deferred.set(pending)
    try:
        yield pending
    finally:
        _deferred.reset(token)
    for edition in pending.values() if build else ():
        edition.refresh_from_db()
        if edition.live:
            request_builds(edition)
