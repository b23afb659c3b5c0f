"""Writes on editions (services): a new edition starts as a draft copy of the edition in
force; an approved new edition publishes its sections with it, in the background."""

from django.db import transaction
from django_tasks import task
from wagtail.actions.copy_page import CopyPageAction
from wagtail.models import Page

from .choices import ChangeSignificance
from .models import ProtocolEditionPage
from .signals import edition_sections_published

NEW_TITLE = {"es": "Nueva edición (borrador)", "en": "New edition (draft)"}
NEW_SLUG = {"es": "nueva-edicion", "en": "new-edition"}


def edition_to_copy(index):
    """The edition a new one starts from: the one in force, else the latest live one, else
    the latest draft."""
    in_force, _superseded, upcoming = index.classify_editions()
    if in_force is not None:
        return in_force
    if upcoming:
        return upcoming[0]
    return (
        ProtocolEditionPage.objects.child_of(index).order_by("-latest_revision_created_at").first()
    )


def _free_slug(index, base):
    taken = set(Page.objects.child_of(index).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def start_new_edition(index, user):
    """Copy the edition to copy (with its sections) under ``index`` as drafts, never live;
    the editors' note and the effective date start empty, the change's significance minor.
    Raises CopyPagePermissionError when ``user`` may not add editions there. Returns the
    new edition (specific)."""
    source = edition_to_copy(index)
    slugs = {language: _free_slug(index, base) for language, base in NEW_SLUG.items()}
    attrs = {
        "title": NEW_TITLE["es"],
        "slug": slugs["es"],
        "effective_date": None,
        "go_live_at": None,
        "expire_at": None,
        "change_significance": ChangeSignificance.MINOR,
    }
    for language in ("es", "en"):
        attrs[f"title_{language}"] = NEW_TITLE[language]
        attrs[f"slug_{language}"] = slugs[language]
        attrs[f"editors_note_{language}"] = ""
    action = CopyPageAction(
        page=source,
        to=index,
        update_attrs=attrs,
        recursive=True,
        keep_live=False,
        copy_revisions=False,
        user=user,
        log_action="wagtail.copy",
    )
    return action.execute().specific


def publish_sections_with_edition(sender, instance, **kwargs):
    """page_published receiver for editions: an edition approved before its sections (a
    new edition, approved as a whole) has them published by a background task when the
    approval commits, so the approver's request stays short."""
    edition = instance.specific
    if edition.sections_to_publish().exists():
        transaction.on_commit(lambda: publish_edition_sections.enqueue(edition.pk))


@task()
def publish_edition_sections(edition_id):
    """Publish the latest drafts of a live edition's sections, in one transaction: the
    handbook is then requested once, and ``edition_sections_published`` sent."""
    edition = ProtocolEditionPage.objects.live().filter(pk=edition_id).first()
    if edition is None:
        return
    with transaction.atomic():
        for section in edition.sections_to_publish().specific():
            section.get_latest_revision().publish()
        edition_sections_published.send(sender=ProtocolEditionPage, edition=edition)
