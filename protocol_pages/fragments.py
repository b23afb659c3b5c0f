"""What a protocol page shows that depends only on the published content, built once per
content version and language and kept in the shared cache (see docs/performance.md).

A key holds the page, its latest revision, the language, the shared content version
(``infra.page_cache.published_version``: bumped by every publish, unpublish, directory
change and PDF rebuild) and the release (``code_version``: a deploy builds them again).
The revision alone would not do: an edition's overview shows its phases' steps, and steps
show directory institutions by name, which change without any revision of the page.
Previews are never cached.

The reader's part (the province chosen, in the URL or the cookie) is not in the cache: a
step is kept as the HTML before and after its province slot, with the slot's form as it is
when no province is chosen; the page renders the slot on the request when the reader has
a province (every step) or asked about this step (an error to show).
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from infra.page_cache import code_version, published_version

from .directory_links import PROVINCE_CHOICES, ProvinceLookup, institution_urls

TIMEOUT = 24 * 60 * 60  # a new content version makes old entries unreachable anyway
PROVINCE_SLOT = "<!--ruta-province-slot-->"


def content_key(page):
    """The part of a fragment key that changes whenever the page's output may change."""
    language = translation.get_language() or "es"
    return f"{page.pk}:{page.latest_revision_id}:{language}:{published_version()}:{code_version()}"


def cached(request, name, page, build):
    """``build()``'s value, kept per page, revision, language and content version."""
    if request is not None and getattr(request, "is_preview", False):
        return build()
    key = f"ruta-fragment:{name}:{content_key(page)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _render_steps(page, sub_route_pages):
    """[{id, number, before, slot, form, after}] for the section's steps (plain strings;
    ``form`` is the province form with no province chosen)."""
    items = []
    links = institution_urls(page.steps)  # content only: the directory pages they link to
    for child in page.steps:
        html = render_to_string(
            "protocol_pages/blocks/step.html",
            {
                "value": child.value,
                "step_id": child.id,
                "sub_route_pages": sub_route_pages,
                "institution_urls": links,
                "province_slot": PROVINCE_SLOT,
            },
        )
        before, slot, after = html.partition(PROVINCE_SLOT)
        form = render_to_string(
            "protocol_pages/includes/province_form.html",
            {"step_id": child.id, "province": ProvinceLookup(choices=PROVINCE_CHOICES)},
        )
        items.append(
            {
                "id": child.id,
                "number": child.value.get("number"),
                "before": before,
                "slot": bool(slot),
                "form": form if slot else "",
                "after": after,
            }
        )
    return items


def section_steps(request, page, sub_route_pages):
    """The section's steps, rendered once per content version; the HTML is safe (it comes
    from our own templates)."""
    items = cached(request, "steps", page, lambda: _render_steps(page, sub_route_pages()))
    # Autoescaped output of our own step template, split at the province slot.
    return [
        {
            **item,
            "before": mark_safe(item["before"]),  # noqa: S308  # nosec B308 B703
            "form": mark_safe(item["form"]),  # noqa: S308  # nosec B308 B703
            "after": mark_safe(item["after"]),  # noqa: S308  # nosec B308 B703
        }
        for item in items
    ]


def _list_items(raw):
    """The values of a raw ListBlock (new format: {"type": "item", "value": …})."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
        for item in raw or []
    ]


def step_outline(steps):
    """The steps as the overview shows them (number, title, deadline, decisions), read
    from the raw stream data: no institution or document lookups, so an overview of every
    phase costs no query per phase."""
    deadline_block = steps.stream_block.child_blocks["step"].child_blocks["deadline"]
    outline = []
    for item in steps.raw_data:
        if item.get("type") != "step":
            continue
        value = item.get("value") or {}
        outline.append(
            {
                "id": item.get("id"),
                "value": {
                    "number": value.get("number"),
                    "title": value.get("title", ""),
                    "deadline": deadline_block.to_python(value.get("deadline") or {}),
                    "decisions": _list_items(value.get("decisions")),
                },
            }
        )
    return outline
