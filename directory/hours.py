"""Opening hours as a reader needs them: the week from Monday to Sunday, today's hours and
whether the service is open now, in Ecuador's time (``America/Guayaquil``; the site's
``TIME_ZONE``). Reads plain schedule values ({byday, opens_at, closes_at, open_24_hours}),
so that cached result cards and the service page share it; "now" is the caller's, so the
answer is never cached with a card."""

from datetime import time

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

WEEK = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _day_names():
    return {
        "MO": pgettext("day of the week", "Monday"),
        "TU": pgettext("day of the week", "Tuesday"),
        "WE": pgettext("day of the week", "Wednesday"),
        "TH": pgettext("day of the week", "Thursday"),
        "FR": pgettext("day of the week", "Friday"),
        "SA": pgettext("day of the week", "Saturday"),
        "SU": pgettext("day of the week", "Sunday"),
    }


def _day_in_sentence(day):
    """A weekday inside a sentence ("abre el lunes"): lower case in Spanish."""
    return {
        "MO": pgettext("in a sentence", "Monday"),
        "TU": pgettext("in a sentence", "Tuesday"),
        "WE": pgettext("in a sentence", "Wednesday"),
        "TH": pgettext("in a sentence", "Thursday"),
        "FR": pgettext("in a sentence", "Friday"),
        "SA": pgettext("in a sentence", "Saturday"),
        "SU": pgettext("in a sentence", "Sunday"),
    }[day]


def _clock(value):
    return value.strftime("%H:%M")


def _intervals(schedules, day):
    """[(opens_at, closes_at)] of ``day``, in order; a 24-hour entry (any day, or blank
    for every day) is the whole day."""
    found = []
    for entry in schedules:
        if entry["byday"] not in (day, ""):
            continue
        if entry["open_24_hours"]:
            return None  # open all day
        if entry["opens_at"] is not None and entry["closes_at"] is not None:
            found.append((entry["opens_at"], entry["closes_at"]))
    return sorted(found)


def is_24_hours(schedules):
    return bool(schedules) and all(_intervals(schedules, day) is None for day in WEEK)


def week(schedules):
    """[{day, name, hours}] from Monday to Sunday for the days with hours."""
    names = _day_names()
    rows = []
    for day in WEEK:
        intervals = _intervals(schedules, day)
        if intervals is None:
            hours = _("24 hours")
        elif intervals:
            hours = ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in intervals)
        else:
            continue
        rows.append({"day": day, "name": names[day], "hours": hours})
    return rows


def _next_opening(schedules, now):
    """(days ahead, opening time) of the next opening after ``now`` within a week."""
    for ahead in range(8):
        day = WEEK[(now.weekday() + ahead) % 7]
        intervals = _intervals(schedules, day)
        if intervals is None:
            return ahead, None
        for opens, _closes in intervals:
            if ahead or opens > now.time():
                return ahead, opens
    return None


def opening(schedules, now=None):
    """{open, today, label} for a badge, or None without hours. ``label``: "Open now ·
    closes at 16:30", "Closed · opens tomorrow at 08:00"..."""
    if not schedules:
        return None
    now = timezone.localtime(now)
    today = WEEK[now.weekday()]
    intervals = _intervals(schedules, today)
    if intervals is None:
        return {"open": True, "today": _("24 hours"), "label": _("Open 24 hours")}
    today_hours = ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in intervals) or _("Closed")
    for opens, closes in intervals:
        if opens <= now.time() < closes:
            label = _("Open now · closes at %(time)s") % {"time": _clock(closes)}
            return {"open": True, "today": today_hours, "label": label}
    following = _next_opening(schedules, now)
    if following is None:
        label = _("Closed")
    else:
        ahead, opens = following
        day = _day_in_sentence(WEEK[(now.weekday() + ahead) % 7])
        opens = opens or time(0, 0)  # a 24-hour day ahead opens at midnight
        if ahead == 0:
            label = _("Closed · opens at %(time)s") % {"time": _clock(opens)}
        elif ahead == 1:
            label = _("Closed · opens tomorrow at %(time)s") % {"time": _clock(opens)}
        else:
            label = _("Closed · opens on %(day)s at %(time)s") % {
                "day": day,
                "time": _clock(opens),
            }
    return {"open": False, "today": today_hours, "label": label}
