"""Search for the markers: every search form the crawl found and every API list that takes
``search``, in each language. A marker that is in no index must be answered exactly as a
word found nowhere is (the control), once the query itself is swapped for the control."""

from dataclasses import dataclass
from urllib.parse import urlencode

CONTROL = "qz99999k"  # marker-shaped, never planted


@dataclass
class Mismatch:
    marker: str
    where: str
    url: str


def endpoints(search_forms, api_lists):
    """(URL before the query, parameter): the site's search forms, then the API lists."""
    found = [(f"{action}?", name) for action, name in sorted(search_forms.items())]
    for path, languages in api_lists:
        for language in languages:
            found.append(
                (f"{path}?{urlencode({'lang': language})}&" if language else f"{path}?", "search")
            )
    return found


def read_searches(reader, markers, search_forms, api_lists, plants=None):
    """Returns (searches made, mismatches)."""
    plants = markers.one_per_group() if plants is None else plants
    mismatches, made = [], 0
    for base, name in endpoints(search_forms, api_lists):
        _response, control = reader.get(f"{base}{urlencode({name: CONTROL})}", "search", (CONTROL,))
        for plant in plants:
            url = f"{base}{urlencode({name: plant.marker})}"
            _response, text = reader.get(url, "search", (plant.marker,))
            made += 1
            if text.replace(plant.marker, CONTROL) != control:
                mismatches.append(Mismatch(plant.marker, str(plant), url))
    return made, mismatches
