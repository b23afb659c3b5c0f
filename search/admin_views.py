"""Admin pages of search (HTTP only): try a query, and the searches without results."""

from django.contrib.auth.decorators import permission_required
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from search.analysis import read_query
from search.backends.scoring import rank
from search.failures import KEEP_DAYS, MIN_SHOWN, report
from search.lookup import query_context
from search.models import SearchEntry
from search.preview import readable

CAN_EDIT_RULES = "search.change_searchrule"
TRIED_RESULTS = 10


@permission_required(CAN_EDIT_RULES, raise_exception=True)
def try_query(request):
    """What a query is read as (corrections, rules, terms) and its first results, with the
    published rules."""
    text = (request.GET.get("q") or "").strip()[:200]
    language = request.GET.get("language") if request.GET.get("language") in ("es", "en") else "es"
    context = {"query": text, "language": language, "concepts": [], "results": []}
    if text:
        reading = read_query(text, language, query_context(language))
        context["reading"] = reading
        context["concepts"] = [
            {
                "label": concept.label,
                "terms": sorted(
                    ((readable(term), round(weight, 2)) for term, weight in concept.terms.items()),
                    key=lambda item: -item[1],
                ),
                "concept": concept,
            }
            for concept in reading.concepts
        ]
        context["results"] = rank(reading.concepts, language, [SearchEntry.Kind.SERVICE])[
            :TRIED_RESULTS
        ]
    return TemplateResponse(request, "search/admin/try_query.html", context)


@permission_required(CAN_EDIT_RULES, raise_exception=True)
def failures_report(request):
    add_url = reverse("wagtailsnippets_search_searchrule:add")
    try_url = reverse("search_try_query")
    rows = [
        {
            "text": text,
            "language": language,
            "count": count,
            "add_url": f"{add_url}?{urlencode({'phrases': text, 'language': language})}",
            "try_url": f"{try_url}?{urlencode({'q': text, 'language': language})}",
        }
        for text, language, count in report()
    ]
    context = {"rows": rows, "days": KEEP_DAYS, "minimum": MIN_SHOWN}
    return TemplateResponse(request, "search/admin/failures_report.html", context)
