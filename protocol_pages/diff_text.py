"""The before and after text of a changed step's fields, words marked where they differ.

Values are converted with the step block's ``bulk_to_python`` for every changed step at
once (one query for the institutions, one for the documents, whatever the number of steps),
and each field reads as the page words it: a struct through its own block template, tags
stripped; rich text as its text; a list one line per item.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.rich_text import RichText

SPACE = re.compile(r"\s+")
NEWLINE = "\n"
# A step's fields as a reader knows them (the step's own headings); other fields and
# other blocks use their block label.
READER_LABELS = {
    "number": _("Step number"),
    "title": _("Step title"),
    "summary": _("What happens"),
    "responsible": _("Responsible institutions"),
    "actions": _("What to do"),
    "decisions": _("Decision points"),
    "warnings": _("Warnings"),
    "children_instructions": _("Children and adolescents"),
    "legal_references": _("Legal basis"),
    "forms": _("Forms"),
}


@dataclass
class Segment:
    text: str
    changed: bool


@dataclass
class FieldChange:
    """One changed field: its label, and its lines before and after, as segments."""

    name: str
    label: str
    before: list
    after: list


def _normal(text):
    return SPACE.sub(" ", text).strip()


def _html_text(html):
    return _normal(strip_tags(str(html)).replace("&nbsp;", " "))


def lines(block, value):
    """The readable lines of one field's value, as its block shows it."""
    if isinstance(block, blocks.ListBlock):
        return [line for item in value or [] for line in lines(block.child_block, item)]
    if value is None or value == "":
        return []
    if isinstance(block, DocumentChooserBlock):
        return [value.title]
    if isinstance(value, RichText) or isinstance(block, blocks.RichTextBlock):
        text = _html_text(value.source if isinstance(value, RichText) else value)
        return [text] if text else []
    if isinstance(block, blocks.StructBlock):
        text = _html_text(block.render(value)) if block.meta.template else ""
        return [text] if text else []
    return [_normal(line) for line in str(value).splitlines() if line.strip()]


def _tokens(text_lines):
    tokens = []
    for line in text_lines:
        tokens += [*line.split(" "), NEWLINE]
    return tokens


def _regroup(tokens, changed):
    """Lines of segments: consecutive words with the same mark joined by spaces."""
    result, line = [], []
    for token, mark in zip(tokens, changed, strict=True):
        if token == NEWLINE:
            result.append(line)
            line = []
        elif line and line[-1].changed == mark:
            line[-1].text += f" {token}"
        else:
            line.append(Segment(token, mark))
    return result


def marked(before_lines, after_lines):
    """(before, after): each a list of lines, each line a list of Segments; a segment is
    ``changed`` when its words are not in the other version (a word-level diff)."""
    old, new = _tokens(before_lines), _tokens(after_lines)
    old_changed, new_changed = [True] * len(old), [True] * len(new)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_changed[i1:i2] = [False] * (i2 - i1)
            new_changed[j1:j2] = [False] * (j2 - j1)
    return _regroup(old, old_changed), _regroup(new, new_changed)


def field_changes(step_block, pairs):
    """For each (old raw value, new raw value) of a step: {field name: FieldChange} of the
    fields whose readable text differs."""
    values = step_block.bulk_to_python([old for old, _new in pairs] + [new for _old, new in pairs])
    olds, news = values[: len(pairs)], values[len(pairs) :]
    result = []
    for old, new in zip(olds, news, strict=True):
        fields = {}
        for name, block in step_block.child_blocks.items():
            before, after = lines(block, old.get(name)), lines(block, new.get(name))
            if before != after:
                label = READER_LABELS.get(name) or capfirst(block.label or name)
                fields[name] = FieldChange(name, label, *marked(before, after))
        result.append(fields)
    return result
