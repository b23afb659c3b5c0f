"""Locations: their place (canton, province) from the address, and confidentiality, which an
import may raise and never lower."""

from django.utils import translation
from django.utils.translation import gettext as _

from directory.models import Location

from . import normalise as n
from .normalise import Rejected

LOCATION_TYPES = {
    "physical": Location.LocationType.PHYSICAL,
    "physical_location": Location.LocationType.PHYSICAL,
    "postal": Location.LocationType.POSTAL,
    "postal_address": Location.LocationType.POSTAL,
    "virtual": Location.LocationType.VIRTUAL,
}


class PlacesMixin:
    def import_location(self, row):
        organization = dict.get(row, "organization_id") or self.location_org.get(row.pk)
        if organization and not dict.get(row, "organization_id"):
            row["organization_id"] = organization
        organization_id = self.ref(row, "organization_id", "organization")
        kind = n.plain(row.get("location_type") or "physical")
        if kind not in LOCATION_TYPES:
            raise Rejected("location_type", _("Must be physical, postal or virtual."))
        kind = LOCATION_TYPES[kind]
        address = self.addresses.get(row.pk, [None])[0]
        address = address or {}
        existing = self.writer.existing(Location, row.pk)
        details = bool(
            dict.get(address, "address_1")
            or row.get("latitude") not in (None, "")
            or row.pk in self.location_phones
        )
        confidential = row.pk in self.confidential or (
            not details and kind == Location.LocationType.PHYSICAL
        )
        if existing is not None and existing.is_confidential and not confidential:
            confidential = True
            row.use("latitude", "longitude", "description", "transportation", "name")
            self.report.notice(
                "location",
                row.pk,
                "is_confidential",
                _(
                    "This location is confidential in Ruta; an import can make a location "
                    "confidential, never public. It stays confidential and the file's address, "
                    "coordinates and description were not copied. A maintainer can make it "
                    "public in the admin."
                ),
            )
        values = {
            "organization_id": organization_id,
            "location_type": kind,
            "is_confidential": confidential,
        }
        values.update(self.location_place(row, address, existing))
        values["url"] = n.text(row, "url", 200)
        if not confidential:
            values.update(
                {
                    "name": n.required(row, "name", 250),
                    "description": n.text(row, "description"),
                    "transportation": n.text(row, "transportation"),
                    "address_1": n.text(address, "address_1", 250) if address else "",
                    "address_2": n.text(address, "address_2", 250) if address else "",
                    "postal_code": n.text(address, "postal_code", 10) if address else "",
                    "latitude": n.decimal(row, "latitude"),
                    "longitude": n.decimal(row, "longitude"),
                    "accessibility": "\n".join(
                        n.text(item, "description") for item in self.accessibility.get(row.pk, [])
                    ).strip(),
                }
            )
        else:  # a public file's placeholder name and texts are not the place's own
            row.use("name", "description", "transportation", "latitude", "longitude")
            if existing is None:
                with translation.override(self.writer.language):  # stored text
                    placeholder = _("Confidential location")
                values["name"] = n.text(row, "name", 250) or placeholder
        outcome = self.writer.put(Location, row.pk, values)
        self.outcome[("location", row.pk)] = outcome
        return outcome

    def location_place(self, row, address, existing):
        """Canton and province from the address (names or codes), else what Ruta has."""
        if not address:
            if existing is not None:
                return {}
            raise Rejected(
                "addresses",
                _(
                    "A location needs an address with its canton (city) and province "
                    "(state_province)."
                ),
            )
        state = dict.get(address, "state_province") or dict.get(address, "region")
        if isinstance(address, dict) and hasattr(address, "use"):
            address.use(
                "state_province", "region", "city", "country", "address_type", "location_id"
            )
        try:
            province = n.province(state)
        except Rejected as error:
            raise Rejected(f"addresses/{error.field_name}", error.reason) from error
        if n.plain(state) != n.plain(province):
            self.report.normalise(_("province names read as ISO 3166-2 codes"))
        city = dict.get(address, "city")
        if not city:
            raise Rejected("addresses/city", _("Give the canton (city) of the location."))
        canton = n.canton(city, province, self.cantons)
        if canton != str(city).strip():
            self.report.normalise(_("canton names spelled as Ruta spells them"))
        self.cantons[province].add(canton)
        return {"province": province, "canton": canton}
