"""Opening hours in Ecuador's time and phone numbers as links: pure functions, no database."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from directory.hours import is_24_hours, opening, week
from directory.phones import e164, whatsapp_url

GYE = ZoneInfo("America/Guayaquil")


def entry(day, opens=None, closes=None, always=False):
    clock = datetime.time.fromisoformat
    return {
        "byday": day,
        "opens_at": clock(opens) if opens else None,
        "closes_at": clock(closes) if closes else None,
        "open_24_hours": always,
    }


# Stored in the order the database gives (alphabetical weekday codes).
OFFICE = [entry(day, "08:00", "16:30") for day in ("FR", "MO", "TH", "TU", "WE")]


def at(weekday, clock):
    """An aware datetime on the given weekday (0 = Monday) of a fixed week, in UTC."""
    local = datetime.datetime.combine(
        datetime.date(2026, 11, 30) + datetime.timedelta(days=weekday),
        datetime.time.fromisoformat(clock),
        tzinfo=GYE,
    )
    return local.astimezone(datetime.UTC)


def test_week_runs_monday_to_sunday():
    with translation.override("es"):
        assert [row["name"] for row in week(OFFICE)] == [
            "Lunes",
            "Martes",
            "Miércoles",
            "Jueves",
            "Viernes",
        ]
        assert week(OFFICE)[0]["hours"] == "08:00–16:30"


@pytest.mark.parametrize(
    ("when", "english", "spanish"),
    [
        (at(0, "10:00"), "Open now · closes at 16:30", "Abierto ahora · cierra a las 16:30"),
        (at(0, "07:00"), "Closed · opens at 08:00", "Cerrado · abre a las 08:00"),
        (at(0, "17:00"), "Closed · opens tomorrow at 08:00", "Cerrado · abre mañana a las 08:00"),
        (
            at(4, "18:00"),
            "Closed · opens on Monday at 08:00",
            "Cerrado · abre el lunes a las 08:00",
        ),
    ],
)
def test_open_now_badge_in_ecuador_time(when, english, spanish):
    with translation.override("en"):
        assert opening(OFFICE, when)["label"] == english
    with translation.override("es"):
        assert opening(OFFICE, when)["label"] == spanish


def test_ecuador_time_not_utc():
    # 20:00 UTC on Monday is 15:00 in Guayaquil: still open.
    monday_utc = datetime.datetime(2026, 11, 30, 20, 0, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert opening(OFFICE, monday_utc)["open"] is True
        assert opening(OFFICE, monday_utc)["today"] == "08:00–16:30"


def test_24_hours_and_no_hours():
    always = [entry("", always=True)]
    assert is_24_hours(always)
    assert not is_24_hours(OFFICE)
    assert opening(always, at(6, "03:00"))["open"] is True
    assert opening([], at(0, "10:00")) is None


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+593 2-250-0102", "+59322500102"),
        ("02 250 0102", "+59322500102"),
        ("099 900 0101", "+593999000101"),
        ("911", "911"),
        ("1800 335486", "1800335486"),
    ],
)
def test_tel_targets_are_e164(number, expected):
    assert e164(number) == expected


def test_whatsapp_link():
    assert whatsapp_url("099 900 0101") == "https://wa.me/593999000101"
