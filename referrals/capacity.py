"""The receiving service's bed counts on the referral form: shown beside each service,
a warning when there is no room or the count is stale, and the counts the sender saw
recorded with the referral (``Referral.capacity_seen``: directory data, no person data)."""

from datetime import datetime

from django.core import signing
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from directory.display import capacity_summary, free_phrase
from directory.staff_selectors import capacity_as_of
from directory.upkeep_rules import capacity_is_stale

SALT = "referrals.capacity-seen"


def shown_at_token(now=None):
    """When the form showed the counts (signed, so it cannot be moved)."""
    return signing.dumps((now or timezone.now()).isoformat(), salt=SALT)


def shown_at(token, now=None):
    """The moment of ``token``; now when it is missing, forged, or in the future."""
    now = now or timezone.now()
    try:
        moment = parse_datetime(signing.loads(token or "", salt=SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return now
    return moment if isinstance(moment, datetime) and moment <= now else now


def option_label(service):
    """How the form's list names a service: institution, name and its current counts."""
    counts = getattr(service, "current_capacities", [])
    label = f"{service.organization} · {service.name}"
    if not counts:
        return label
    parts = []
    for count in counts:
        text = capacity_summary(count)
        if count.available == 0:
            text = _("no room: %(count)s") % {"count": text}
        elif capacity_is_stale(count.updated):
            text = _("stale: %(count)s") % {"count": text}
        parts.append(text)
    return f"{label} — {'; '.join(parts)}"


def seen(service, moment):
    """What to record: the counts of ``service`` that were current at ``moment``."""
    if service is None:
        return None
    return {
        "seen_at": moment.isoformat(),
        "counts": [
            {
                "unit": count.unit,
                "available": count.available,
                "maximum": count.maximum,
                "updated": count.updated.isoformat(),
            }
            for count in capacity_as_of(service.pk, moment)
        ],
    }


def lines(record):
    """The recorded counts as sentences, for the referral's page."""
    if not record:
        return []
    moment = parse_datetime(record["seen_at"])
    if not record["counts"]:
        return [_("No count of free beds or places was given.")]
    result = []
    for count in record["counts"]:
        updated = parse_datetime(count["updated"])
        result.append(
            _("%(free)s, counted %(age)s before")
            % {
                "free": free_phrase(count["unit"], count["available"]),
                "age": timesince(updated, moment, depth=1),
            }
        )
    return result


def warnings(record):
    """Why the recorded counts call for a phone call before sending someone."""
    if not record or not record["counts"]:
        return []
    moment = parse_datetime(record["seen_at"])
    found = []
    if all(count["available"] == 0 for count in record["counts"]):
        found.append(_("The receiving service had no free beds or places when you saw it."))
    if any(capacity_is_stale(parse_datetime(c["updated"]), moment) for c in record["counts"]):
        found.append(_("Its count was stale: confirm by phone that there is room."))
    return found
