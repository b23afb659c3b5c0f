"""What a change makes stale, in the application's page cache (tags, ``infra.cache_tags``)
and in the front proxy's (refreshed URLs, ``infra.frontend_cache``).

- Publishing or unpublishing a page: that page, its descendants (breadcrumbs, URLs), its
  ancestors (listings, the edition that shows its phases), its siblings (previous/next)
  and the pages that link to it (Wagtail's reference index). A page at the top of a site
  (the home page and its children: the menu) makes every page stale.
- Deleting or moving a page, a view restriction, a site or the site settings: every page.
- A directory record (any save or delete, its links included): every page and the HSDS
  API, which show directory data (a location that becomes confidential must vanish from
  every cached page at once).
- A rebuilt PDF: the pages of its page. An image or document changed or deleted: the pages
  that use it. Draft saves, revisions, autosaves, workflow steps, locks and log entries: nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex, Site

from infra import frontend_cache
from infra.cache_tags import ALL, DIRECTORY, PAGES, TREE, bump_now_and_on_commit, page_tag
from infra.models import BuiltDocument

DIRECTORY_APP = "directory"


def _is_top_level(page):
    """The root of a site or one of its children (the menu shows those on every page)."""
    roots = set(Site.objects.values_list("root_page_id", flat=True))
    return page.pk in roots or page.depth <= 2 or page.get_parent().pk in roots


def _referencing_pages(objects):
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to_in_bulk(objects)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in={int(pk) for pk in ids})


def affected_pages(page):
    """The pages whose rendering may show ``page``; None means every page."""
    if _is_top_level(page):
        return None
    related = (
        Page.objects.descendant_of(page, inclusive=True)
        | Page.objects.ancestor_of(page).filter(depth__gt=1)
        | Page.objects.sibling_of(page, inclusive=False)
        | _referencing_pages([page])
    )
    return list(related.specific().distinct())


def pages_changed(pages):
    """Stale: these pages in both caches (and what no single page rendered: the APIs)."""
    bump_now_and_on_commit(PAGES, *(page_tag(page.pk) for page in pages))
    transaction.on_commit(lambda: frontend_cache.purge_pages(pages), robust=True)


def everything_changed():
    bump_now_and_on_commit(TREE, PAGES)
    transaction.on_commit(frontend_cache.purge_everything, robust=True)


def page_published(sender, instance, **kwargs):
    """``page_published`` and ``page_unpublished`` (sent for each unpublished descendant)."""
    pages = affected_pages(instance)
    if pages is None:
        everything_changed()
    else:
        pages_changed(pages)


def page_moved(sender, instance, **kwargs):
    everything_changed()


def _everything_depends_on():
    """A site, the site settings or a view restriction changed."""
    bump_now_and_on_commit(ALL)
    transaction.on_commit(frontend_cache.purge_everything, robust=True)


def _directory_changed():
    bump_now_and_on_commit(DIRECTORY)
    transaction.on_commit(frontend_cache.purge_everything, robust=True)


def _media_changed(instance, created):
    """An image or document changed or was deleted: the pages that use it. A new one is
    used by no page yet; a rendition is made while rendering and changes nothing."""
    if created:
        return
    pages = list(_referencing_pages([instance]).specific())
    if pages:
        pages_changed(pages)


def model_changed(sender, instance=None, signal=None, created=False, **kwargs):
    """``post_save``, ``post_delete`` and ``m2m_changed`` of every model."""
    if sender._meta.app_label == DIRECTORY_APP:
        _directory_changed()
    elif isinstance(instance, Page):
        if signal is post_delete:
            everything_changed()
        # A page's own saves are drafts, revisions or publishing (page_published).
    elif isinstance(instance, BuiltDocument):
        bump_now_and_on_commit(page_tag(instance.page_id))  # the route serving the PDF
    elif isinstance(instance, (AbstractImage, AbstractDocument)):
        _media_changed(instance, created)
    elif isinstance(instance, (Site, BaseViewRestriction, BaseSiteSetting)):
        _everything_depends_on()
