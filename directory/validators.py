"""Validation shared by the admin forms and the HSDS importer, with messages editors understand."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Short emergency numbers that phonenumbers does not treat as regular lines.
SHORT_NUMBERS = {"911", "112"}


def normalise_phone(value):
    """Return an Ecuadorian phone number in international format, or raise ValidationError."""
    raw = (value or "").strip()
    if raw in SHORT_NUMBERS:
        return raw
    try:
        number = phonenumbers.parse(raw, "EC")
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is None
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "EC"
    ):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid Ecuadorian phone number. Write it with the area "
                "code, e.g. 02 250 0000 or 099 123 4567."
            ),
            params={"value": raw},
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value):
    normalise_phone(value)
