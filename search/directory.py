"""The directory's one query layer: GET parameters in, results and counts per filter option
out. The directory page's view (``directory.views.browse``) calls ``browse_directory``: the
full-text query, the filters, distance sort and "did you mean".
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import translation
from django.utils.translation import gettext as _

from directory.cards import service_cards
from directory.models import Taxonomy
from directory.provinces import in_ecuador, provinces
from directory.selectors import service_languages, terms
from search.backends import DirectoryQuery
from search.backends.snapshot import directory_memory
from search.facets import FACETS
from search.service import search_directory

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
PARAMS = ("q", *(facet.name for facet in FACETS), "sort", "near", "lat", "lon", "original")


def _choices():
    """{choice facet: {code: province, term or language name}} offered as filters, read
    once per directory state (``DirectoryMemory``); terms stay models, so that their names
    follow the reader's language."""
    memory = directory_memory()
    if memory.choices is None:
        memory.choices = {
            "province": provinces(),
            "category": terms(Taxonomy.SERVICE_CATEGORIES),
            "population": terms(Taxonomy.POPULATIONS),
            "language": service_languages(),
        }
    return memory.choices


def _name(choice):
    return choice if isinstance(choice, str) else choice.name


def _flag(params, name):
    return (params.get(name) or "") in {"1", "on", "true", "yes"}


def _coordinate(value, low, high):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def parse(params, language=None, *, choices=None):
    """A ``DirectoryQuery`` and the messages for values that were ignored. ``choices``:
    what ``_choices`` gives, to avoid reading it twice."""
    choices = choices or _choices()

    errors = []
    query = DirectoryQuery(language=language or translation.get_language() or "es")
    query.text = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    query.literal = params.get("original") == "1"  # the reader undid a typo correction

    def choose(name, allowed, message):
        value = (params.get(name) or "").strip()
        if value and value not in allowed:
            errors.append(message % {"value": value[:50]})
            return ""
        return value

    for facet in FACETS:
        if facet.flag:
            value = _flag(params, facet.name)
        else:
            value = choose(facet.name, choices[facet.name], facet.unknown)
        setattr(query, facet.query_attribute, value)

    sort = params.get("sort") or "relevance"
    if sort not in {"relevance", "distance"}:
        errors.append(_("Unknown order “%(value)s”: sorting by relevance.") % {"value": sort[:50]})
        sort = "relevance"
    query.sort = sort
    near = choose("near", provinces(), _("Unknown city “%(value)s”: sorting by relevance."))
    lat = _coordinate(params.get("lat"), -90, 90)
    lon = _coordinate(params.get("lon"), -180, 180)
    if params.get("lat") or params.get("lon"):
        if lat is None or lon is None or not in_ecuador(lat, lon):
            errors.append(_("Your position could not be used: choose a city instead."))
        else:
            query.origin = (lat, lon)
    if query.origin is None and near:
        capital = provinces()[near]
        query.origin = (capital.latitude, capital.longitude)
    if query.sort == "distance" and query.origin is None:
        errors.append(_("Choose a city (or share your position) to sort by distance."))
        query.sort = "relevance"
    try:
        query.page = max(1, int(params.get("page") or 1))
    except ValueError:
        query.page = 1
    query.per_page = PER_PAGE
    return query, errors


def _url(params, **changes):
    values = {k: params.get(k) for k in PARAMS if params.get(k)}
    for key, value in changes.items():
        if value:
            values[key] = value
        else:
            values.pop(key, None)
    return "?" + urlencode(values) if values else "?"


def _cards(service_ids):
    """{service id: public result card}, in the order of ``service_ids``. Cards are shaped
    by the public serialiser once per language and kept in this process until the directory
    changes (``search.backends.snapshot.DirectoryMemory``)."""
    memory = directory_memory()
    language = translation.get_language()
    cards = {pk: memory.cards.get((language, pk)) for pk in service_ids}
    missing = [pk for pk, card in cards.items() if card is None]
    if missing:
        for pk, card in service_cards(missing).items():
            cards[pk] = card
            memory.remember_card(language, pk, card)
    return {pk: card for pk, card in cards.items() if card is not None}


def _facets(result, query, choices, remove_urls):
    """Each filter for the form: its options with their counts (or its count, for a flag),
    what is selected and the link that removes it."""
    facets = []
    for facet in FACETS:
        selected = getattr(query, facet.query_attribute)
        counts = result.facets.get(facet.name, {})
        entry = {
            "name": facet.name,
            "label": facet.label,
            "all_label": facet.all_label,
            "flag": facet.flag,
            "selected": selected,
            "selected_name": facet.label if selected else "",
            "remove_url": remove_urls.get(facet.name, ""),
        }
        if facet.flag:
            entry["count"] = counts.get("true", 0)
        else:
            entry["options"] = [
                {
                    "code": code,
                    "name": _name(choice),
                    "count": counts.get(code, 0),
                    "selected": code == selected,
                }
                for code, choice in choices[facet.name].items()
            ]
            if selected:
                entry["selected_name"] = _name(choices[facet.name][selected])
        facets.append(entry)
    return facets


def _other_language():
    """The language a fallback text is written in (the site's other language)."""
    current = translation.get_language() or "es"
    return "en" if current == "es" else "es"


def _browse_instead(query, choices):
    """Words that found nothing: (the province, or "" for the whole directory; the kinds of
    service to browse instead there, with their counts). The chosen province first, the
    whole directory when the province has none."""
    for province in dict.fromkeys([query.province, ""]):
        broad = DirectoryQuery(language=query.language, province=province, per_page=0)  # counts
        counts = search_directory(broad).facets.get("category", {})
        found = [
            {
                "name": _name(choice),
                "count": counts[code],
                "url": _url({"province": province}, category=code),
            }
            for code, choice in choices["category"].items()
            if counts.get(code)
        ]
        if found:
            return province, found
    return "", []


def browse_directory(params, *, per_page=PER_PAGE):
    """Everything the directory page shows for these GET parameters: the page of result
    cards, the counts per filter option (``facets``, and ``<facet>_counts`` by name), "did
    you mean", the links that relax the search, and the errors for ignored values."""
    choices = _choices()
    query, errors = parse(params, choices=choices)
    query.per_page = per_page
    result = search_directory(query)
    pages = max(1, -(-result.total // per_page))
    if query.page > pages:
        query.page = pages
        result = search_directory(query)
    results = []
    for pk, card in _cards(result.ids).items():
        # A copy: the page adds the organisation's URL and the distance for this request.
        data = {**card, "organization": dict(card["organization"])}
        data["text_language"] = _other_language() if pk in result.fallbacks else ""
        if pk in result.distances:
            km, precision = result.distances[pk]
            data["distance_km"] = round(km) if precision == "city" else round(km, 1)
            data["distance_is_approximate"] = precision == "city"
        results.append(data)

    selected = {facet.name: getattr(query, facet.query_attribute) for facet in FACETS}
    active = [name for name, value in selected.items() if value]
    remove_urls = {name: _url(params, **{name: "", "page": ""}) for name in active}
    facets = _facets(result, query, choices, remove_urls)
    near = params.get("near", "") if params.get("near") in provinces() else ""
    instead = _browse_instead(query, choices) if query.text and not result.total else ("", [])
    paginator = Paginator(range(result.total), per_page)
    page = paginator.get_page(query.page)
    return {
        "results_page": page,
        "results": results,
        "total": result.total,
        "query": query.text,
        "suggestion": result.suggestion,
        "suggestion_url": _url(params, q=result.suggestion, page="") if result.suggestion else "",
        "corrected": result.corrected,
        "original_url": _url(params, original="1", page="") if result.corrected else "",
        "meanings": [(name, _url(params, q=text, page="")) for name, text in result.meanings],
        "relax_url": _url(params, **dict.fromkeys(active, ""), page="") if active else "",
        "remove_filter_urls": remove_urls,
        "backend": result.backend,
        "browse_instead": instead[1],
        "browse_instead_province": _name(choices["province"][instead[0]]) if instead[0] else "",
        "facets": facets,
        **{f"{facet['name']}_counts": facet["options"] for facet in facets if not facet["flag"]},
        "flag_counts": {facet["name"]: facet["count"] for facet in facets if facet["flag"]},
        "cities": [
            {"code": c, "name": f"{p.capital} ({p.name})", "selected": c == near}
            for c, p in provinces().items()
        ],
        "selected": {"q": query.text, **selected, "sort": query.sort, "near": near},
        "errors": errors,
        "page_urls": {
            "previous": _url(params, page=str(page.previous_page_number()))
            if page.has_previous()
            else "",
            "next": _url(params, page=str(page.next_page_number())) if page.has_next() else "",
        },
    }
