"""Ecuador's 24 provinces (ISO 3166-2:EC) with capitals and approximate capital coordinates."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "provinces.csv"

# Mainland Ecuador and Galápagos, generously: coordinates outside are refused.
LATITUDE_RANGE = (-5.1, 1.7)
LONGITUDE_RANGE = (-92.1, -75.1)


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    capital: str
    latitude: float
    longitude: float

    @property
    def timezone(self):
        return "Pacific/Galapagos" if self.code == "EC-W" else "America/Guayaquil"


@cache
def provinces():
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["iso_code"]: Province(
            row["iso_code"],
            row["name"],
            row["capital"],
            float(row["capital_lat"]),
            float(row["capital_lon"]),
        )
        for row in sorted(rows, key=lambda r: r["name"])
    }


def province_choices():
    return [(code, province.name) for code, province in provinces().items()]


def in_ecuador(latitude, longitude):
    return (
        LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]
        and LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
    )
