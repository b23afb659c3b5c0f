"""Search entries of published pages (one per page and language, and one per protocol
step, which links to the step's anchor). Page types of other apps are read generically
(their ``search_fields``, a ``steps`` stream, an ``edition``), so this module never imports
protocol or training models."""

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from search.models import SearchEntry
from search.postings import attach_fields

LANGUAGES = ("es", "en")
PAGE_KINDS = {"protocol_pages": SearchEntry.Kind.PROTOCOL, "training": SearchEntry.Kind.TRAINING}
SKIPPED_PAGE_APPS = {"wagtailcore"}
STEP_SEPARATOR = "#"


def _value(obj, field, language):
    return getattr(obj, f"{field}_{language}", None) or ""


def _field_text(page, field_name):
    value = getattr(page, field_name, None)
    if value in (None, ""):
        return ""
    try:
        model_field = page._meta.get_field(field_name)
    except Exception:
        model_field = None
    if model_field is not None and hasattr(model_field, "get_searchable_content"):
        return " ".join(str(part) for part in model_field.get_searchable_content(value))
    if callable(value):
        value = value()
    return strip_tags(str(value))


def _page_texts(page, language, skip=()):
    """The page's searchable text in one language: ``*_<language>`` fields, and fields that
    are not translated at all (``skip``: base names left out, e.g. the steps)."""
    texts, seen = [], set()
    for field in page.get_search_fields():
        name = getattr(field, "field_name", "")
        if not name or name in seen or not hasattr(field, "boost"):
            continue
        seen.add(name)
        base, _sep, suffix = name.rpartition("_")
        if suffix in LANGUAGES:
            if suffix == language and base not in skip:
                texts.append(_field_text(page, name))
            continue
        if name in skip:
            continue
        if hasattr(page, f"{name}_{language}"):
            texts.append(_field_text(page, f"{name}_{language}"))
        elif not any(hasattr(page, f"{name}_{other}") for other in LANGUAGES):
            texts.append(_field_text(page, name))
    return " ".join(texts)


def page_kind(page):
    return PAGE_KINDS.get(page._meta.app_label, SearchEntry.Kind.PAGE)


def page_is_public(page):
    return page.live and page.depth > 1 and not page.get_view_restrictions().exists()


def _edition(page):
    """The protocol edition a page belongs to (itself for an edition), or None."""
    edition = getattr(page, "edition", None)
    if edition is None and hasattr(page, "effective_date"):
        edition = page
    return edition if getattr(edition, "effective_date", None) else None


def _steps(page, language):
    """[(block id, number, title, summary, text)] of the page's steps in ``language``."""
    stream = getattr(page, f"steps_{language}", None) or getattr(page, "steps", None)
    found = []
    for child in stream or []:
        if getattr(child, "block_type", "") != "step":
            continue
        value = child.value
        text = " ".join(str(part) for part in child.block.get_searchable_content(value))
        found.append(
            (
                child.id,
                value.get("number"),
                value.get("title") or "",
                value.get("summary") or "",
                text,
            )
        )
    return found


def _entry(page, language, edition, **values):
    entry = SearchEntry(kind=page_kind(page), language=language, **values)
    if edition is not None:
        entry.edition_id = edition.pk
        entry.edition_title = _value(edition, "title", language) or edition.title
        entry.edition_date = edition.effective_date
    return entry


def page_entries(page):
    page = page.specific
    if not page_is_public(page) or page._meta.app_label in SKIPPED_PAGE_APPS:
        return []
    edition = _edition(page)
    entries = []
    for language in LANGUAGES:
        title = _value(page, "title", language)
        if not title:
            continue
        with translation.override(language):
            url = page.get_url() or ""
            steps = _steps(page, language)
            step_titles = [
                _("Step %(number)s: %(title)s") % {"number": n, "title": t}
                for _i, n, t, _s, _x in steps
            ]
        body = _page_texts(page, language, skip={"steps"} if steps else ())
        summary = _value(page, "search_description", language) or strip_tags(body)[:300]
        edition_title = (_value(edition, "title", language) or edition.title) if edition else ""
        entry = _entry(
            page,
            language,
            edition,
            target_id=str(page.pk),
            title=title,
            summary=summary[:300],
            content=body[:5000],
            url=url,
        )
        labels = [(edition_title, language)]
        entry.source_text = (title, f"{edition_title} {body}")
        entries.append(attach_fields(entry, [(title, language)], labels, [(body, language)]))
        for (block_id, _number, _title, step_summary, text), step_title in zip(
            steps, step_titles, strict=True
        ):
            step = _entry(
                page,
                language,
                edition,
                target_id=f"{page.pk}{STEP_SEPARATOR}{block_id}",
                title=step_title[:300],
                summary=(step_summary or text)[:300],
                content=text[:5000],
                url=f"{url}#step-{block_id}" if url else "",
            )
            step.source_text = (step_title, f"{title} {edition_title} {text}")
            entries.append(
                attach_fields(
                    step,
                    [(step_title, language)],
                    [(f"{title} {edition_title}", language)],
                    [(text, language)],
                )
            )
    return entries
