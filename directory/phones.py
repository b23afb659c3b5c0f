"""Phone numbers as links: E.164 for ``tel:`` (``phonenumbers``, Ecuador by default) and
``https://wa.me/`` for WhatsApp numbers."""

import phonenumbers

DEFAULT_REGION = "EC"


def e164(number):
    """``number`` in E.164 (+593…), or its digits (and a leading +) when it is not a valid
    number or is a toll-free line (911, 1800…: dialled as they are, not from abroad)."""
    try:
        parsed = phonenumbers.parse(number, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if (
        parsed is not None
        and phonenumbers.is_valid_number(parsed)
        and phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.TOLL_FREE
    ):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def whatsapp_url(number):
    return "https://wa.me/" + e164(number).lstrip("+")
