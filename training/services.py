"""Writes of the module add form's record (``ModuleCreation``): each a single statement, so
two requests of the same form (an autosave and the submission) cannot both create a page."""

import time
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .creation_models import ModuleCreation

# How long a request waits for another request of the same form that is creating the page.
WAIT_SECONDS = 10
POLL_SECONDS = 0.1
# Records older than this are kept no longer: an add form is not left open for a day.
KEEP = timedelta(days=1)


def begin_module_creation(key, user):
    """Claim ``key`` for this request. Returns the page an earlier request of the same form
    created (the caller continues on it), or None when this request creates the page."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        record, created = ModuleCreation.objects.get_or_create(key=key, defaults={"user": user})
        if created:
            ModuleCreation.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
            return None
        if record.user_id != user.pk:
            raise PermissionDenied
        if record.page_id is not None:
            return record.page
        if time.monotonic() > deadline:
            return None  # the other request never finished: create, as without a key
        time.sleep(POLL_SECONDS)


def record_created_module(key, user, page):
    ModuleCreation.objects.filter(key=key, user=user).update(page=page)


def release_module_creation(key, user):
    """This request created nothing (the form was invalid): the next request may."""
    if key is not None:
        ModuleCreation.objects.filter(key=key, user=user, page=None).delete()
