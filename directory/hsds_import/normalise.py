"""Forgiving readings of values whose meaning is clear: province names, weekday lists, the
usual ways of saying "free", numbers written as text. Each returns the value Ruta stores
or raises ``Rejected`` with what was expected."""

import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext as _

from directory.provinces import provinces

from .limits import limit

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = {
    "MO": ("monday", "lunes", "lun", "mon"),
    "TU": ("tuesday", "martes", "mar", "tue"),
    "WE": ("wednesday", "miercoles", "mie", "wed"),
    "TH": ("thursday", "jueves", "jue", "thu"),
    "FR": ("friday", "viernes", "vie", "fri"),
    "SA": ("saturday", "sabado", "sab", "sat"),
    "SU": ("sunday", "domingo", "dom", "sun"),
}
# The usual ways partners write "free of charge" (compared without accents or case).
FREE_WORDINGS = {
    "gratuito",
    "gratuita",
    "gratis",
    "gratuito total",
    "sin costo",
    "sin costo alguno",
    "sin cargo",
    "servicio gratuito",
    "atencion gratuita",
    "no se cobra",
    "no tiene costo",
    "no hay costo",
    "costo cero",
    "ninguno",
    "ninguna",
    "no aplica",
    "free",
    "free of charge",
    "no cost",
    "no charge",
    "no fee",
    "no fees",
    "none",
    "0",
    "0.00",
    "$0",
    "usd 0",
    "0 usd",
}
STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
PHONE_TYPES = {
    "voice": "voice",
    "cell": "cell",
    "mobile": "cell",
    "text": "text",
    "sms": "text",
    "textphone": "text",
    "fax": "fax",
    "hotline": "hotline",
    "video": "voice",
    "pager": "voice",
}


class Rejected(Exception):
    def __init__(self, field_name, reason):
        super().__init__(reason)
        self.field_name = field_name
        self.reason = reason


def plain(value):
    """Lower case, no accents, single spaces, no surrounding punctuation."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.lower()).strip(" .;:,!-–")


def text(row, name, max_length=None):
    value = row.get(name)
    if value is None:
        return ""
    value = str(value).strip()
    maximum = min(
        max_length or limit("HSDS_IMPORT_MAX_FIELD_CHARS"), limit("HSDS_IMPORT_MAX_FIELD_CHARS")
    )
    if len(value) > maximum:
        raise Rejected(
            name,
            _("At most %(limit)s characters (this one has %(length)s).")
            % {"limit": maximum, "length": len(value)},
        )
    return value


def required(row, name, max_length=None):
    value = text(row, name, max_length)
    if not value:
        raise Rejected(name, _("This field is required."))
    return value


@cache
def _province_names():
    names = {}
    for code, province in provinces().items():
        names[plain(code)] = code
        names[plain(code.removeprefix("EC-"))] = code
        names[plain(province.name)] = code
        names[plain(f"provincia de {province.name}")] = code
        names[plain(f"provincia del {province.name}")] = code
    return names


def province(value, field_name="state_province"):
    """An ISO 3166-2:EC code from a code or a province name, any case, with or without accents."""
    code = _province_names().get(plain(value or ""))
    if code is None:
        raise Rejected(
            field_name,
            _(
                "“%(value)s” is not a province of Ecuador: give its name (Guayas) or its ISO "
                "3166-2 code (EC-G)."
            )
            % {"value": value or ""},
        )
    return code


def canton(value, province_code, known):
    """The canton as Ruta already spells it in that province (or as a province capital)."""
    wanted = plain(value)
    capitals = {
        plain(p.capital): p.capital for p in provinces().values() if p.code == province_code
    }
    spelled = {plain(name): name for name in known.get(province_code, ())} | capitals
    return spelled.get(wanted, str(value).strip())


def byday(value):
    """Weekday codes from an RFC 5545 list ("TH,FR"), names (lunes, Monday) or ranges (MO-FR)."""
    days = []
    for part in re.split(r"[,;/ ]+", str(value or "").strip()):
        if not part:
            continue
        ends = [_day(p) for p in re.split(r"[-–]", part)] if re.search(r"[-–]", part) else None
        if ends and len(ends) == 2 and all(ends):
            start, stop = WEEKDAYS.index(ends[0]), WEEKDAYS.index(ends[1])
            days += list(WEEKDAYS[start : stop + 1])
            continue
        day = _day(part)
        if day is None:
            raise Rejected(
                "byday",
                _(
                    "“%(value)s”: give weekdays as MO, TU, WE, TH, FR, SA, SU (a list is "
                    "fine: TH,FR)."
                )
                % {"value": value},
            )
        days.append(day)
    return [day for day in WEEKDAYS if day in days]


def _day(part):
    part = plain(part)
    if part.upper() in WEEKDAYS:
        return part.upper()
    return next((code for code, names in DAY_NAMES.items() if part in names), None)


def clock(row, name):
    value = text(row, name)
    if not value:
        return None
    cleaned = re.sub(r"(z|[+-]\d\d:?\d\d)$", "", value.strip().lower())
    match = re.fullmatch(r"(\d{1,2})(?::?(\d\d))?(?::(\d\d)(?:\.\d+)?)?\s*(am|pm|h)?", cleaned)
    if match:
        hours, minutes = int(match[1]), int(match[2] or 0)
        if match[4] == "pm" and hours < 12:
            hours += 12
        if match[4] == "am" and hours == 12:
            hours = 0
        if hours == 24 and minutes == 0:
            return time(23, 59)
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    raise Rejected(name, _("“%(value)s” is not a time (HH:MM).") % {"value": value})


def is_free(fees):
    return (
        not fees
        or plain(fees) in FREE_WORDINGS
        or plain(fees) in {plain(_("Free of charge")), "free of charge", "gratuito"}
    )


def whole_number(row, name):
    value = row.get(name)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise Rejected(name, _("“%(value)s” is not a whole number.") % {"value": value}) from error
    if number != number.to_integral_value():
        raise Rejected(name, _("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


def decimal(row, name):
    value = row.get(name)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as error:
        raise Rejected(name, _("“%(value)s” is not a number.") % {"value": value}) from error
    if not number.is_finite():
        raise Rejected(name, _("“%(value)s” is not a number.") % {"value": value})
    return number.quantize(Decimal("0.000001"))


def day(row, name):
    value = text(row, name)
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    raise Rejected(name, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})


def moment(row, name):
    value = text(row, name)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def status(row):
    value = plain(row.get("status") or "active").replace("_", " ")
    if value not in STATUSES:
        raise Rejected(
            "status",
            _("Must be one of: %(values)s.") % {"values": ", ".join(sorted(STATUSES))},
        )
    return value


def phone_type(row, report):
    value = plain(row.get("type") or "voice")
    if value not in PHONE_TYPES:
        report.normalise(_("unknown phone type read as voice"))
        return "voice"
    return PHONE_TYPES[value]


def extension(row):
    value = row.get("extension")
    if value in (None, ""):
        return ""
    digits = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        digits = str(int(value))
    if not re.fullmatch(r"\d{1,10}", digits):
        raise Rejected("extension", _("An extension is a number of at most 10 digits."))
    return digits


@cache
def _language_names():
    names = {}
    for code, info in LANG_INFO.items():
        if "name" in info and len(code) <= 3:
            names[plain(info["name"])] = code
            names[plain(info.get("name_local", ""))] = code
    names.update(
        {"kichwa": "qu", "quichua": "qu", "quechua": "qu", "shuar": "jiv", "castellano": "es"}
    )
    names.pop("", None)
    return names


def language(row):
    """(code, name) of a language given by ISO 639 code or by name (English, Español...)."""
    code, name = text(row, "code", 10), text(row, "name", 100)
    if code:
        return code.lower(), name or LANG_INFO.get(code.lower(), {}).get("name_local", code)
    found = _language_names().get(plain(name))
    if found is None and re.fullmatch(r"[a-zA-Z]{2,3}", name):
        found = name.lower()
    if found is None:
        raise Rejected(
            "code", _("Give an ISO 639 language code (es, en, qu) or a known language name.")
        )
    return found, name
