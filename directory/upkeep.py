"""Writes that keep a listing alive: a verification ("still correct", or an approved change)
and a new bed count. One transaction each."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import ServiceCapacity, ServiceVerification


def record_verification(service, user, method):
    """Date the service's listing today (its public ``assured_date``) and note who
    confirmed it. Saved through ``save()``, so the search entries and the page cache
    follow."""
    with transaction.atomic():
        ServiceVerification.objects.create(service=service, verified_by=user, method=method)
        service.assured_date = timezone.localdate()
        service.save(update_fields=["assured_date", "last_modified"])
    return service


def confirm_still_correct(service, user):
    return record_verification(service, user, ServiceVerification.Method.CONFIRMED)


def record_capacity(service, user, *, unit, available, maximum=None, description=None):
    """A new count for ``unit``, which becomes the current one (the previous stays as
    history). ``maximum`` and ``description`` default to the previous count's. Raises
    ValidationError with a message for the person at the phone."""
    with transaction.atomic():
        previous = (
            ServiceCapacity.objects.select_for_update()
            .filter(service=service, unit=unit, is_current=True)
            .first()
        )
        if maximum is None and previous is not None:
            maximum = previous.maximum
        if description is None:
            description = previous.description if previous is not None else ""
        count = ServiceCapacity(
            service=service,
            unit=unit,
            available=available,
            maximum=maximum,
            description=description,
            updated_by=user,
        )
        count.full_clean(exclude=["service", "updated_by"])
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        try:
            with transaction.atomic():
                count.save()
        except IntegrityError as error:  # someone else saved a count at the same moment
            raise ValidationError(
                _("Someone else updated this count at the same moment: look at it again.")
            ) from error
    return count
