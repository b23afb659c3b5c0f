"""What a publication changed, step by step, in one language: for a new edition, against
the previous edition; for a change of a section, against its previous publication. Each
step carries the institutions responsible for it (for the institutions' digests)."""

import json
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils import translation
from wagtail.models import PageLogEntry

from protocol_pages.diff import diff_editions, edition_steps

from .links import step_url


@dataclass
class ChangedStep:
    change: str  # "added", "removed" or "changed"
    number: int | None
    title: str
    section: str
    url: str = ""
    organizations: set = field(default_factory=set)


class _Snapshot:
    """Sections as a revision holds them, in the shape ``protocol_pages.diff`` reads."""

    def __init__(self, sections=()):
        self.sections = [
            SimpleNamespace(title=title, steps=SimpleNamespace(raw_data=steps))
            for title, steps in sections
        ]

    def step_sections(self):
        return self.sections


def responsible_ids(value):
    return {
        str(item.get("value", {}).get("organization"))
        for item in value.get("responsible") or []
        if isinstance(item, dict) and item.get("value", {}).get("organization")
    }


def _steps(diff, before, after, links):
    steps = []
    for kind in ("added", "changed", "removed"):
        for change in getattr(diff, kind):
            values = before if kind == "removed" else after
            value = values.get(change.block_id, ("", {}))[1]
            organizations = responsible_ids(value)
            if kind == "changed":
                organizations |= responsible_ids(before.get(change.block_id, ("", {}))[1])
            url = "" if kind == "removed" else links.get(change.block_id, "")
            steps.append(
                ChangedStep(kind, change.number, change.title, change.section, url, organizations)
            )
    return steps


def edition_changes(edition, language):
    """The steps a new edition added, changed or removed since the previous edition."""
    with translation.override(language):
        previous = edition.previous_edition or _Snapshot()
        diff = diff_editions(previous, edition)
        links = {
            item["id"]: step_url(section, item["id"], language)
            for section in edition.step_sections()
            for item in section.steps.raw_data
            if item.get("id")
        }
        return _steps(diff, edition_steps(previous), edition_steps(edition), links)


def _revision_steps(revision, language):
    content = revision.content
    raw = content.get(f"steps_{language}") or content.get("steps_es") or "[]"
    title = content.get(f"title_{language}") or content.get("title", "")
    return title, json.loads(raw) if isinstance(raw, str) else raw


def previous_publication(revision):
    entry = (
        PageLogEntry.objects.filter(page_id=revision.object_id, action="wagtail.publish")
        .filter(revision_id__lt=revision.pk)
        .select_related("revision")
        .order_by("-timestamp")
        .first()
    )
    return entry.revision if entry else None


def section_changes(section, revision, language):
    """The steps one publication of a section changed (none for a section without steps)."""
    if not hasattr(section, "steps"):
        return []
    previous = previous_publication(revision)
    before = _Snapshot([_revision_steps(previous, language)] if previous else [])
    after = _Snapshot([_revision_steps(revision, language)])
    diff = diff_editions(before, after)
    links = {
        item["id"]: step_url(section, item["id"], language)
        for item in after.sections[0].steps.raw_data
        if item.get("id")
    }
    return _steps(diff, edition_steps(before), edition_steps(after), links)
