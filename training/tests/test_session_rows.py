"""Session block fields are labelled in both languages, new sessions start without empty
optional rows, and rows left empty are dropped instead of making the form invalid."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail import blocks

from training.blocks import SessionBlock, SessionStreamBlock
from training.factories import session_data

OPTIONAL_LISTS = ("materials", "handouts", "assessment_checklist")
REQUIRED_LISTS = ("objectives", "activities")


def row(value):
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def help_text(block):
    """Field blocks keep their help text on their form field, other blocks in ``meta``."""
    field = getattr(block, "field", None)
    return str(getattr(field, "help_text", "") or getattr(block.meta, "help_text", "") or "")


def child_blocks(block, path=""):
    """Every block below ``block``, with its path: struct children and list items."""
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield f"{path}{name}", child
            yield from child_blocks(child, f"{path}{name}.")
    elif isinstance(block, blocks.ListBlock):
        yield f"{path}item", block.child_block
        yield from child_blocks(block.child_block, f"{path}item.")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_session_field_has_a_label_and_help_text(language):
    with translation.override(language):
        for path, block in child_blocks(SessionBlock()):
            if path == "activities.item":
                continue  # the activity struct itself: its fields carry the labels
            assert str(block.label).strip(), path
            assert help_text(block).strip(), path


def test_labels_and_help_texts_are_in_spanish():
    with translation.override("en"):
        english = {p: (str(b.label), help_text(b)) for p, b in child_blocks(SessionBlock())}
    with translation.override("es"):
        spanish = {p: (str(b.label), help_text(b)) for p, b in child_blocks(SessionBlock())}
    untranslated = [
        path
        for path, (label, help_text) in spanish.items()
        if path != "activities.item" and (label, help_text) == english[path]
    ]
    assert untranslated == []
    # Not the directory's "title" (a contact's job title, "cargo") that gettext shares.
    assert spanish["title"][0] == "título de la sesión"


def test_a_new_session_starts_without_empty_optional_rows():
    default = SessionStreamBlock().child_blocks["session"].get_default()
    for name in OPTIONAL_LISTS:
        assert list(default[name]) == [], name
    for name in REQUIRED_LISTS:
        assert len(default[name]) == 1, name  # one row to fill in


def test_empty_rows_are_dropped_when_saved():
    block = SessionBlock()
    raw = session_data("Sesión", activities=[("Bienvenida", 15), ("", None, "")])["value"]
    raw["materials"] = [row(""), row("Papel")]
    raw["handouts"] = [row(None)]
    raw["assessment_checklist"] = [row("   ")]
    raw["objectives"].append(row(""))
    cleaned = block.clean(block.to_python(raw))
    assert [activity["title"] for activity in cleaned["activities"]] == ["Bienvenida"]
    assert list(cleaned["materials"]) == ["Papel"]
    assert list(cleaned["handouts"]) == []
    assert list(cleaned["assessment_checklist"]) == []
    assert list(cleaned["objectives"]) == ["Objetivo de Sesión"]


def test_a_half_filled_row_is_still_an_error():
    block = SessionBlock()
    raw = session_data("Sesión", activities=[("", 20)])["value"]
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))
    assert "activities" in error.value.block_errors


def test_a_session_without_any_objective_says_so():
    block = SessionBlock()
    raw = session_data("Sesión")["value"]
    raw["objectives"] = [row("")]
    with translation.override("es"), pytest.raises(ValidationError) as error:
        block.clean(block.to_python(raw))
    assert "objectives" in error.value.block_errors
