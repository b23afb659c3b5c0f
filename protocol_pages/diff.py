"""Compare two editions step by step, by the stable ids of the step blocks.

Copying an edition in the admin keeps every block id, so a step whose id exists in both
editions is the same step (changed or not); ids only in one edition are added or removed.
Raw stream data is compared, so no chooser lookups (and no queries per step) are needed.
Editions come in as arguments: anything with ``step_sections()`` (live sections with steps).
"""

from dataclasses import dataclass, field


@dataclass
class StepChange:
    block_id: str
    number: int | None
    title: str
    section: str
    changed_fields: list = field(default_factory=list)


@dataclass
class EditionDiff:
    added: list
    removed: list
    changed: list

    @property
    def has_changes(self):
        return bool(self.added or self.removed or self.changed)


def edition_steps(edition):
    """{block id: (section title, raw step value)} for every step of the edition."""
    steps = {}
    for section in edition.step_sections():
        for item in section.steps.raw_data:
            if item.get("type") == "step" and item.get("id"):
                steps[item["id"]] = (section.title, item.get("value") or {})
    return steps


def _change(block_id, section, value, changed_fields=()):
    return StepChange(
        block_id, value.get("number"), value.get("title", ""), section, list(changed_fields)
    )


def diff_editions(old, new):
    before, after = edition_steps(old), edition_steps(new)
    added = [_change(i, *after[i]) for i in after if i not in before]
    removed = [_change(i, *before[i]) for i in before if i not in after]
    changed = []
    for block_id in after.keys() & before.keys():
        old_value, new_value = before[block_id][1], after[block_id][1]
        keys = sorted(
            key
            for key in old_value.keys() | new_value.keys()
            if old_value.get(key) != new_value.get(key)
        )
        if keys:
            changed.append(_change(block_id, *after[block_id], keys))
    order = lambda change: (change.number or 0, change.title)  # noqa: E731
    return EditionDiff(
        sorted(added, key=order), sorted(removed, key=order), sorted(changed, key=order)
    )
