"""Session validation, and publishing a module building both PDFs in both languages."""

import pytest
from django.core.exceptions import ValidationError

from infra.models import BuiltDocument
from training.blocks import SessionBlock
from training.factories import TrainingModulePageFactory, session_data
from training.models import TrainingModulePage
from training.signals import pdf_builds_suspended

pytestmark = pytest.mark.django_db


def session_value(minutes, activities):
    block = SessionBlock()
    raw = session_data("Sesión", minutes=minutes, activities=activities)["value"]
    return block, block.to_python(raw)


def test_activities_cannot_exceed_the_session():
    block, value = session_value(60, [("Uno", 40), ("Dos", 30)])
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "70" in str(error.value.block_errors["duration_minutes"])


def test_activities_within_the_session_are_valid():
    block, value = session_value(90, [("Uno", 40), ("Dos", 30)])
    cleaned = block.clean(value)
    assert cleaned.activity_minutes() == 70


def test_public_data_leaves_out_notes():
    block = SessionBlock()
    value = block.to_python(session_data("S", notes="SECRETO")["value"])
    assert "SECRETO" not in str(value.public_data())
    assert "SECRETO" not in value.public_text()
    assert "SECRETO" in str(value["facilitator_notes"])


def test_available_languages_follow_the_content(training_index):
    both = TrainingModulePageFactory(parent=training_index)
    assert both.available_languages == "es en"
    spanish_only = TrainingModulePageFactory(
        parent=training_index,
        sessions_es=[session_data("Solo en español")],
        sessions_en=[],
    )
    assert spanish_only.available_languages == "es"


def test_publishing_builds_handout_and_guide_in_both_languages(
    training_index, django_capture_on_commit_callbacks
):
    module = TrainingModulePageFactory(
        parent=training_index, live=False, sessions_es=[session_data("Sesión uno")]
    )
    assert not BuiltDocument.objects.filter(page=module).exists()
    with django_capture_on_commit_callbacks(execute=True):  # builds are requested on commit
        module.save_revision().publish()
    built = set(BuiltDocument.objects.filter(page=module).values_list("kind", "language"))
    assert built == {("handout", "es"), ("handout", "en"), ("guide", "es"), ("guide", "en")}
    assert all(doc.size > 1000 for doc in BuiltDocument.objects.filter(page=module))


def test_demo_publishing_defers_builds(training_index):
    module = TrainingModulePageFactory(parent=training_index, live=False)
    with pdf_builds_suspended():
        module.save_revision().publish()
    assert TrainingModulePage.objects.get(pk=module.pk).live
    assert not BuiltDocument.objects.filter(page=module).exists()


def test_a_module_cannot_require_itself(training_index):
    module = TrainingModulePageFactory(parent=training_index)
    other = TrainingModulePageFactory(parent=training_index)
    module.prerequisites.set([other])
    module.full_clean()
    module.prerequisites.set([other, module])
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert "prerequisites" in error.value.message_dict
