"""Ecuador's 24 provinces (ISO 3166-2:EC) with capitals and approximate capital coordinates."""

import csv
import math
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


def distance_km(a, b):
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def capital_distance_km(code, other):
    """Distance between the capitals of two provinces (ISO codes)."""
    a, b = provinces()[code], provinces()[other]
    return distance_km((a.latitude, a.longitude), (b.latitude, b.longitude))
