"""How old a listing, a bed count or a reader's report may get (a leaf module: selectors,
displays, writes and the search snapshot read it). The numbers are settings, with the
defaults below; see docs/directory.md, "Upkeep"."""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

DEFAULTS = {
    "RUTA_VERIFICATION_MONTHS": 12,  # a listing is due this long after its last verification
    "RUTA_VERIFICATION_SOON_DAYS": 30,  # "soon due" on the dashboard and in the reminders
    "RUTA_VERIFICATION_REMINDER_DAYS": 6,  # at most one digest per person in this many days
    "RUTA_CAPACITY_STALE_HOURS": 72,  # a bed count older than this is shown as stale
    "RUTA_PROBLEM_REPORT_CONTACT_DAYS": 90,  # a reader's contact is erased after this
    "RUTA_PROBLEM_REPORT_DAYS": 365,  # resolved reports are deleted this long after
    "RUTA_PROBLEM_REPORT_RATE": (5, 3600),  # reports per client address per window (s)
    "RUTA_PROBLEM_REPORT_GLOBAL_RATE": (100, 3600),  # reports from everyone per window
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def add_months(day, months):
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def verification_due(assured_date):
    """When a listing verified on ``assured_date`` is due again (None: never verified, so
    due already)."""
    if assured_date is None:
        return None
    return add_months(assured_date, setting("RUTA_VERIFICATION_MONTHS"))


def verified_since(today=None):
    """The oldest verification date that is not overdue ``today``."""
    today = today or timezone.localdate()
    return add_months(today, -setting("RUTA_VERIFICATION_MONTHS"))


def soon_due_since(today=None):
    """Listings verified before this date are due within ``RUTA_VERIFICATION_SOON_DAYS``."""
    today = today or timezone.localdate()
    return verified_since(today + timedelta(days=setting("RUTA_VERIFICATION_SOON_DAYS")))


def is_overdue(assured_date, today=None):
    return assured_date is None or assured_date < verified_since(today)


def capacity_is_stale(updated, now=None):
    now = now or timezone.now()
    return now - updated > timedelta(hours=setting("RUTA_CAPACITY_STALE_HOURS"))
