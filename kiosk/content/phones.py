"""Contact numbers: validated with phonenumbers, shown as written, dialled in international form."""

from __future__ import annotations

import dataclasses

import phonenumbers
from phonenumbers import shortnumberinfo


@dataclasses.dataclass(frozen=True)
class Phone:
    """A contact number as shown (national format) and as dialled (tel: URI)."""

    display: str
    tel: str


def phone_for(number: str, region: str) -> Phone | None:
    """A tel: link in international form; emergency short numbers are dialled as they are."""
    compact = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if shortnumberinfo.is_emergency_number(compact, region):
        return Phone(number, f"tel:{compact}")
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return Phone(number, "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
