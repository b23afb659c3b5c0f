"""Searches that found nothing, counted privately so editors learn which words to add.

Only the normalised text is kept (folded words, numbers of three digits or more replaced
by "#", so no phone or identity number is stored), with the language and the day: no
user, address, session or time. A text searched fewer than ``MIN_SHOWN`` times in the
last ``KEEP_DAYS`` days is never shown; older rows are purged (``purge_search_failures``).
"""

import logging
import re
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from search.models import SearchFailure
from search.text import TOKEN_RE, fold

logger = logging.getLogger("search")

KEEP_DAYS = 90
MIN_SHOWN = 5
MAX_TEXT = 120
LONG_NUMBER = re.compile(r"^\d{3,}$")


def normalise(text):
    words = ["#" if LONG_NUMBER.match(word) else word for word in TOKEN_RE.findall(fold(text))]
    return " ".join(words)[:MAX_TEXT].strip()


def record(text, language):
    """Count one search for ``text`` that found nothing (never fails the search)."""
    normalised = normalise(text)
    if not normalised:
        return
    today = timezone.localdate()
    try:
        with transaction.atomic():
            updated = SearchFailure.objects.filter(
                text=normalised, language=language, day=today
            ).update(count=F("count") + 1)
            if not updated:
                SearchFailure.objects.create(text=normalised, language=language, day=today, count=1)
    except IntegrityError:  # another request created the row meanwhile
        SearchFailure.objects.filter(text=normalised, language=language, day=today).update(
            count=F("count") + 1
        )
    except DatabaseError as error:
        logger.warning("Could not count a search without results (%s)", type(error).__name__)


def report(today=None):
    """[(text, language, searches)] of the last ``KEEP_DAYS`` days, counted ``MIN_SHOWN``
    times or more, most searched first."""
    since = (today or timezone.localdate()) - timedelta(days=KEEP_DAYS)
    rows = (
        SearchFailure.objects.filter(day__gt=since)
        .values("text", "language")
        .annotate(total=Sum("count"))
        .filter(total__gte=MIN_SHOWN)
        .order_by("-total", "text")
    )
    return [(row["text"], row["language"], row["total"]) for row in rows]


def purge(today=None):
    """Delete the counts older than ``KEEP_DAYS`` days; returns how many rows went."""
    since = (today or timezone.localdate()) - timedelta(days=KEEP_DAYS)
    deleted, _by_model = SearchFailure.objects.filter(day__lte=since).delete()
    return deleted
