"""Who is told what when the protocol is published: major changes and new editions only,
once per revision, in each subscriber's language; institutions only about their steps."""

import copy
import logging
import re

import pytest
from django.core import mail
from django.utils import timezone

from alerts.factories import SubscriptionFactory
from alerts.models import Dispatch
from alerts.tasks import send_change_alerts
from directory.models import Organization
from protocol_pages.choices import ChangeSignificance
from protocol_pages.editions import start_new_edition
from protocol_pages.tests.conftest import CHANGED_ID, SHARED_ID

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(organization):
    other = Organization.objects.create(name="Otra institución (demo)", slug="otra", is_demo=True)
    return {
        "es": SubscriptionFactory(address="lectora@ejemplo.invalid", language="es"),
        "en": SubscriptionFactory(address="reader@ejemplo.invalid", language="en"),
        "pending": SubscriptionFactory(address="pendiente@ejemplo.invalid", status="pending"),
        "institution": SubscriptionFactory(
            address="fundacion@ejemplo.invalid", organization=organization
        ),
        "other": SubscriptionFactory(address="otra@ejemplo.invalid", organization=other),
    }


def publish(page, capture, significance=ChangeSignificance.MINOR, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.change_significance = significance
    with capture(execute=True):
        revision = page.save_revision()
        revision.publish()
    return revision


def retitle(steps, block_id, title):
    steps = copy.deepcopy(steps.raw_data)
    for step in steps:
        if step["id"] == block_id:
            step["value"]["title"] = title
    return steps


@pytest.fixture
def baseline(protocol, django_capture_on_commit_callbacks):
    """The phase published once as it is (what the next publication is compared with)."""
    publish(protocol["phase1"], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    return protocol["phase1"]


def by_address(messages):
    return {message.to[0]: message for message in messages}


def test_a_major_change_is_sent_once_to_each_confirmed_subscriber(
    baseline, subscribers, django_capture_on_commit_callbacks, caplog
):
    phase = baseline
    with caplog.at_level(logging.INFO, logger="alerts"):
        revision = publish(
            phase,
            django_capture_on_commit_callbacks,
            ChangeSignificance.MAJOR,
            steps_es=retitle(phase.steps_es, CHANGED_ID, "Entrevista con intérprete"),
            steps_en=retitle(phase.steps_en, CHANGED_ID, "Interview with an interpreter"),
        )
    sent = by_address(mail.outbox)
    assert set(sent) == {"lectora@ejemplo.invalid", "reader@ejemplo.invalid"}
    spanish, english = sent["lectora@ejemplo.invalid"], sent["reader@ejemplo.invalid"]
    assert spanish.subject == "El protocolo cambió: Edición 2024"
    assert "Paso 2: Entrevista con intérprete (Identificación)" in spanish.body
    # The edition's comparison page with the previous edition.
    assert re.search(r"^http://\S+/es/protocolo/edicion-2024/cambios/$", spanish.body, re.M)
    assert f"/es/protocolo/edicion-2024/identificacion/#step-{CHANGED_ID}" in spanish.body
    assert english.subject == "The protocol changed: Edition 2024"
    assert "Step 2: Interview with an interpreter (Identification)" in english.body
    assert re.search(r"^http://\S+/en/protocol/edition-2024/changes/$", english.body, re.M)
    assert "List-Unsubscribe" in english.extra_headers
    # The institution followed steps that did not change: no message for it.
    assert "fundacion@ejemplo.invalid" not in sent
    dispatch = Dispatch.objects.get()
    assert (dispatch.revision_id, dispatch.sent_count) == (revision.pk, 2)
    assert "2 alert(s) sent" in caplog.text
    assert "ejemplo" not in caplog.text

    # The task again (a retry, a second worker): nothing is sent twice.
    mail.outbox.clear()
    assert send_change_alerts.call(phase.edition.pk, [revision.pk]) == 0
    assert not mail.outbox


def test_a_minor_change_sends_nothing(baseline, subscribers, django_capture_on_commit_callbacks):
    publish(
        baseline,
        django_capture_on_commit_callbacks,
        steps_es=retitle(baseline.steps_es, CHANGED_ID, "Entrevista inicial (errata)"),
    )
    assert not mail.outbox
    assert not Dispatch.objects.exists()


def test_an_institution_gets_a_digest_of_its_own_steps(
    baseline, subscribers, django_capture_on_commit_callbacks
):
    publish(
        baseline,
        django_capture_on_commit_callbacks,
        ChangeSignificance.MAJOR,
        steps_es=retitle(baseline.steps_es, SHARED_ID, "Detectar indicios de trata"),
    )
    sent = by_address(mail.outbox)
    assert "otra@ejemplo.invalid" not in sent  # not responsible for the step
    digest = sent["fundacion@ejemplo.invalid"].body
    assert "Pasos a cargo de Fundación Prueba (demo) que cambiaron:" in digest
    assert "Paso 1: Detectar indicios de trata" in digest
    assert "Paso 2" not in digest
    assert "Paso 1: Detectar indicios de trata" in sent["lectora@ejemplo.invalid"].body


def test_a_new_edition_is_sent_once_whatever_its_significance(
    protocol, subscribers, django_capture_on_commit_callbacks
):
    edition = start_new_edition(protocol["index"], None)
    assert edition.change_significance == ChangeSignificance.MINOR
    phase = edition.get_children().get(slug_es="identificacion").specific
    phase.steps_es = retitle(phase.steps_es, CHANGED_ID, "Entrevista con intérprete")
    phase.save_revision()
    edition.effective_date = timezone.localdate()
    edition.editors_note_es = "<p>Entrevista con intérprete.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        edition.save_revision().publish()  # the sections follow, in publish_edition_sections
    assert not edition.get_children().not_live().exists()
    sent = by_address(mail.outbox)
    assert set(sent) == {"lectora@ejemplo.invalid", "reader@ejemplo.invalid"}
    spanish = sent["lectora@ejemplo.invalid"]
    assert spanish.subject == "Nueva edición del protocolo: Nueva edición (borrador)"
    assert "Entrevista con intérprete." in spanish.body  # the editors' note
    assert "Cambiado: Paso 2: Entrevista con intérprete (Identificación)" in spanish.body
    assert Dispatch.objects.get().kind == "new-edition"


def test_the_next_change_starts_minor(baseline, django_capture_on_commit_callbacks):
    publish(baseline, django_capture_on_commit_callbacks, ChangeSignificance.MAJOR)
    baseline.refresh_from_db()
    assert baseline.get_latest_revision().content["change_significance"] == "major"
    assert baseline.get_latest_revision_as_object().change_significance == "minor"
    draft = baseline.get_latest_revision_as_object()
    draft.change_significance = ChangeSignificance.MAJOR
    draft.save_revision()
    baseline.refresh_from_db()  # an unpublished major change stays major
    assert baseline.get_latest_revision_as_object().change_significance == "major"
