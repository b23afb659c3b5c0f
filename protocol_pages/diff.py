"""Compare two editions step by step, by the stable ids of the step blocks.

Copying an edition in the admin keeps every block id, so a step whose id exists in both
editions is the same step (changed or not); ids only in one edition are added or removed.
Raw stream data is compared, so no chooser lookups (and no queries per step) are needed.
Editions come in as arguments: anything with ``step_sections()`` (live sections with steps).
"""

from dataclasses import dataclass, field

from django.utils import translation

from .diff_text import field_changes

# The comparison page of an edition: ``<edition URL><segment>/`` in each language.
CHANGES_SEGMENTS = {"es": "cambios", "en": "changes"}


@dataclass
class StepChange:
    block_id: str
    number: int | None
    title: str
    section: str
    changed_fields: list = field(default_factory=list)
    # The section page holding the step (in the old edition for a removed step), and for a
    # changed step the old one too: the links to the step's anchor (``#step-<block id>``).
    page: object = field(default=None, repr=False, compare=False)
    old_page: object = field(default=None, repr=False, compare=False)
    # FieldChange per changed field, with before and after text (``compare_editions``).
    fields: list = field(default_factory=list, repr=False, compare=False)

    @property
    def anchor(self):
        return f"step-{self.block_id}"

    def as_api(self):
        return {
            "block_id": self.block_id,
            "number": self.number,
            "title": self.title,
            "section": self.section,
            "changed_fields": self.changed_fields,
        }


@dataclass
class EditionDiff:
    added: list
    removed: list
    changed: list

    @property
    def has_changes(self):
        return bool(self.added or self.removed or self.changed)


def edition_steps(edition):
    """{block id: (section page, raw step value)} for every step of the edition."""
    steps = {}
    for section in edition.step_sections():
        for item in section.steps.raw_data:
            if item.get("type") == "step" and item.get("id"):
                steps[item["id"]] = (section, item.get("value") or {})
    return steps


def content(raw):
    """A raw value without the ids of its list items: an item saved again (or a list
    rebuilt with the same items) is not a change of content."""
    if isinstance(raw, dict):
        return {key: content(value) for key, value in raw.items() if key != "id"}
    if isinstance(raw, list):
        return [content(value) for value in raw]
    return raw


def _change(block_id, section, value, changed_fields=(), old_section=None):
    return StepChange(
        block_id,
        value.get("number"),
        value.get("title", ""),
        section.title,
        list(changed_fields),
        page=section,
        old_page=old_section,
    )


def _changed_keys(old_value, new_value):
    old_value, new_value = content(old_value), content(new_value)
    return sorted(
        key
        for key in old_value.keys() | new_value.keys()
        if old_value.get(key) != new_value.get(key)
    )


def diff_editions(old, new, *, details=False):
    """Added, removed and changed steps; ``details``: each changed step's ``fields`` too,
    with the before and after text (one bulk read of institutions and documents)."""
    before, after = edition_steps(old), edition_steps(new)
    added = [_change(i, *after[i]) for i in after if i not in before]
    removed = [_change(i, *before[i]) for i in before if i not in after]
    changed = []
    for block_id in after.keys() & before.keys():
        (old_section, old_value), (section, new_value) = before[block_id], after[block_id]
        keys = _changed_keys(old_value, new_value)
        if keys:
            changed.append(_change(block_id, section, new_value, keys, old_section))
    if details and changed:
        step_block = changed[0].page.steps.stream_block.child_blocks["step"]
        pairs = [(before[c.block_id][1], after[c.block_id][1]) for c in changed]
        for change, fields in zip(changed, field_changes(step_block, pairs), strict=True):
            change.fields = [fields[name] for name in fields if name in change.changed_fields]
    order = lambda change: (change.number or 0, change.title)  # noqa: E731
    return EditionDiff(
        sorted(added, key=order), sorted(removed, key=order), sorted(changed, key=order)
    )


def diff_path(edition, language, request=None):
    """The comparison page's path in a language (for links on the site)."""
    with translation.override(language):
        return f"{edition.get_url(request=request)}{CHANGES_SEGMENTS[language]}/"


def diff_url(edition, language):
    """The comparison page's absolute address in a language (``es``/``en``), e.g. for
    e-mails: ``<public address>/es/protocolo/<edition>/cambios/``. It stays the same as long
    as the edition's slug does, and answers for every published edition that has a previous
    one."""
    with translation.override(language):
        return f"{edition.get_full_url()}{CHANGES_SEGMENTS[language]}/"
