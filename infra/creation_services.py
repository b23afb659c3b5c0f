"""Writes of a page add form's claim (``PageCreation``): each a single statement, so two
requests of the same form (an autosave and the submission) cannot both create a page; and
the one read that waits for a claim's page (``created_page``)."""

import time
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import PageCreation

# How long a request waits for another request of the same form that is creating the page.
WAIT_SECONDS = 10
POLL_SECONDS = 0.1
# Claims older than this are kept no longer: an add form is not left open for a day.
KEEP = timedelta(days=1)


def begin_page_creation(key, user):
    """Claim ``key`` for this request. Returns the page an earlier request of the same form
    created (the caller continues on it), or None when this request creates the page.
    A key claimed by another user is refused (PermissionDenied)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        claim, created = PageCreation.objects.get_or_create(key=key, defaults={"user": user})
        if created:
            PageCreation.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
            return None
        page = _claimed_page(claim, user)
        if page is not None or time.monotonic() > deadline:
            return page  # None: the other request never finished: create, as without a key
        time.sleep(POLL_SECONDS)


def created_page(key, user):
    """The page an earlier request of this add form created (waiting for one that is
    creating it), claiming nothing: None when no request claimed ``key``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        claim = PageCreation.objects.filter(key=key).first()
        if claim is None:
            return None
        page = _claimed_page(claim, user)
        if page is not None or time.monotonic() > deadline:
            return page
        time.sleep(POLL_SECONDS)


def _claimed_page(claim, user):
    if claim.user_id != user.pk:
        raise PermissionDenied
    return None if claim.page_id is None else claim.page.specific


def record_created_page(key, user, page):
    PageCreation.objects.filter(key=key, user=user).update(page=page)


def release_page_creation(key, user):
    """This request created nothing (the form was invalid): the next request may."""
    if key is not None:
        PageCreation.objects.filter(key=key, user=user, page=None).delete()
