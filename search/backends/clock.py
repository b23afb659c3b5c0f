"""Ecuador's clocks: opening hours are kept in local time, mainland or Galápagos."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

MAINLAND = "America/Guayaquil"
GALAPAGOS = "Pacific/Galapagos"
GALAPAGOS_PROVINCE = "EC-W"


def local_now(tz_name, now=None):
    return (now or timezone.now()).astimezone(ZoneInfo(tz_name))


def minute_of_week(moment: datetime):
    """Minutes since Monday 00:00 (the unit of ``search.indexer.open_ranges``)."""
    return moment.weekday() * 1440 + moment.hour * 60 + moment.minute


def local_minute(tz_name, now=None):
    return minute_of_week(local_now(tz_name, now))
