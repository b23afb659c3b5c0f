"""Site search and the directory search page (GET forms, no JavaScript needed)."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from directory.selectors import directory_page
from search.backends import SiteQuery
from search.directory import MAX_QUERY_LENGTH, browse_directory
from search.models import SearchEntry
from search.service import search_site

PER_PAGE = 20


def _no_store_when_searching(response, request):
    """Search pages are never indexed; with a query they are not cached either."""
    if request.GET.get("q"):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


def _query_url(base, **changes):
    values = {key: value for key, value in {**base, **changes}.items() if value}
    return "?" + urlencode(values)


def site_search(request):
    language = translation.get_language() or "es"
    text = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    kinds = dict(SearchEntry.Kind.choices)
    kind = request.GET.get("type") or ""
    errors = []
    if kind and kind not in kinds:
        errors.append(kind)
        kind = ""
    try:
        page_number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page_number = 1
    include_superseded = request.GET.get("editions") == "all"
    literal = request.GET.get("original") == "1"
    result = search_site(
        SiteQuery(
            text=text,
            language=language,
            kinds=(kind,) if kind else (),
            page=page_number,
            per_page=PER_PAGE,
            include_superseded=include_superseded,
            literal=literal,
        )
    )
    base = {"q": text, "type": kind, "editions": "all" if include_superseded else ""}
    context = {
        "query": text,
        "result": result,
        "selected_kind": kind,
        "unknown_kind": errors[0][:50] if errors else "",
        "kind_options": [
            {"code": code, "name": name, "count": result.kind_counts.get(code, 0)}
            for code, name in kinds.items()
        ],
        "include_superseded": include_superseded,
        "corrected": result.corrected,
        "suggestion": result.suggestion,
        "suggestion_url": _query_url(base, q=result.suggestion),
        "original_url": _query_url(base, original="1"),
        "meanings": [(name, _query_url(base, q=value)) for name, value in result.meanings],
        "superseded_url": _query_url(base, editions="all"),
        "previous_url": _query_url(
            base, page=str(page_number - 1), original="1" if literal else ""
        ),
        "next_url": _query_url(base, page=str(page_number + 1), original="1" if literal else ""),
        "has_next": page_number * PER_PAGE < result.total,
        "page_number": page_number,
        "next_page": page_number + 1,
        "previous_page": page_number - 1,
    }
    response = TemplateResponse(request, "search/site_search.html", context)
    return _no_store_when_searching(response, request)


def directory_search(request):
    """Directory searches are answered by the directory page (with its organisation links
    and styles): this URL sends them there with the same query, and shows results itself
    only on a site that has no directory page yet."""
    page = directory_page()
    url = page.get_url(request=request) if page else None
    if url:
        query = request.GET.urlencode()
        return HttpResponseRedirect(f"{url}?{query}" if query else url)
    context = browse_directory(request.GET)
    response = TemplateResponse(request, "search/directory_search.html", context)
    return _no_store_when_searching(response, request)
