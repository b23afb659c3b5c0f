"""The directory's query layer: GET parameters in, results and counts per filter option out.

``browse_directory`` keeps the return shape of ``directory.browse.browse_directory`` (the
directory page calls it through ``DirectoryIndexPage.browse_function``) and adds the
full-text query, the other filters, distance sort and "did you mean".
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Min
from django.utils import translation
from django.utils.translation import gettext as _

from search.backends import DirectoryQuery
from search.service import search_directory

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
PARAMS = (
    "q",
    "province",
    "category",
    "population",
    "language",
    "free",
    "open_now",
    "open_24_hours",
    "sort",
    "near",
    "lat",
    "lon",
    "original",
)


def _terms(taxonomy_code):
    from directory.models import TaxonomyTerm

    return {
        term.code: term
        for term in TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code).order_by(
            "sort_order", "code"
        )
    }


def _languages():
    from directory.models import Language

    rows = Language.objects.order_by("code").values_list("code").annotate(name=Min("name"))
    return dict(rows)


def _choices():
    """(categories, populations, languages) offered as filters, read once per directory
    state (``DirectoryMemory``): the languages are grouped over every service's rows."""
    from directory.models import Taxonomy
    from search.backends.snapshot import directory_memory

    memory = directory_memory()
    if memory.choices is None:
        memory.choices = (
            _terms(Taxonomy.SERVICE_CATEGORIES),
            _terms(Taxonomy.POPULATIONS),
            _languages(),
        )
    return memory.choices


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
    the (categories, populations, languages) from ``_choices``, to avoid reading them twice."""
    from directory.provinces import in_ecuador, provinces

    categories, populations, languages = choices or _choices()

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

    query.province = choose(
        "province", provinces(), _("Unknown province “%(value)s”: showing all provinces.")
    )
    query.category = choose(
        "category",
        categories,
        _("Unknown category “%(value)s”: showing all categories."),
    )
    query.population = choose(
        "population",
        populations,
        _("Unknown population “%(value)s”: showing all populations."),
    )
    query.service_language = choose(
        "language", languages, _("Unknown language “%(value)s”: showing all languages.")
    )
    query.free = _flag(params, "free")
    query.open_now = _flag(params, "open_now")
    query.open_24_hours = _flag(params, "open_24_hours")

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
    from directory.visibility import service_cards
    from search.backends.snapshot import directory_memory

    memory = directory_memory()
    language = translation.get_language()
    cards = {pk: memory.cards.get((language, pk)) for pk in service_ids}
    missing = [pk for pk, card in cards.items() if card is None]
    if missing:
        for pk, card in service_cards(missing).items():
            cards[pk] = card
            memory.remember_card(language, pk, card)
    return {pk: card for pk, card in cards.items() if card is not None}


def _other_language():
    """The language a fallback text is written in (the site's other language)."""
    current = translation.get_language() or "es"
    return "en" if current == "es" else "es"


def browse_directory(params, *, per_page=PER_PAGE):
    from directory.provinces import provinces

    categories, populations, languages = choices = _choices()
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

    def options(facet, choices, selected):
        counts = result.facets.get(facet, {})
        return [
            {"code": code, "name": name, "count": counts.get(code, 0), "selected": code == selected}
            for code, name in choices
        ]

    selected = {
        "q": query.text,
        "province": query.province,
        "category": query.category,
        "population": query.population,
        "language": query.service_language,
        "free": query.free,
        "open_now": query.open_now,
        "open_24_hours": query.open_24_hours,
        "sort": query.sort,
        "near": params.get("near", "") if params.get("near") in provinces() else "",
    }
    active = [
        name
        for name in (
            "province",
            "category",
            "population",
            "language",
            "free",
            "open_now",
            "open_24_hours",
        )
        if selected[name]
    ]
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
        "remove_filter_urls": {name: _url(params, **{name: "", "page": ""}) for name in active},
        "backend": result.backend,
        "province_counts": options(
            "province", [(c, p.name) for c, p in provinces().items()], query.province
        ),
        "category_counts": options(
            "category", [(c, t.name) for c, t in categories.items()], query.category
        ),
        "population_counts": options(
            "population", [(c, t.name) for c, t in populations.items()], query.population
        ),
        "language_counts": options("language", languages.items(), query.service_language),
        "flag_counts": {
            flag: result.facets.get(flag, {}).get("true", 0)
            for flag in ("free", "open_now", "open_24_hours")
        },
        "cities": [
            {"code": c, "name": f"{p.capital} ({p.name})", "selected": c == selected["near"]}
            for c, p in provinces().items()
        ],
        "selected": selected,
        "errors": errors,
        "page_urls": {
            "previous": _url(params, page=str(page.previous_page_number()))
            if page.has_previous()
            else "",
            "next": _url(params, page=str(page.next_page_number())) if page.has_next() else "",
        },
    }
