from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Return (code, name, url, is_current) for each language, keeping the visitor in place.

    A view may put ``alternate_urls`` ({code: url}) in its context (e.g. routable sub-pages);
    otherwise a Wagtail page gives its URL in each language, and any other view is translated
    through Django's URL resolver.
    """
    request = context.get("request")
    alternate_urls = context.get("alternate_urls") or {}
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = alternate_urls.get(code)
        if url is None and page is not None and hasattr(page, "get_url"):
            with translation.override(code):
                url = page.get_url(request=request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": url or f"/{code}/",
                "is_current": code == current,
            }
        )
    return links
