"""Issue 17's Done-when walk in Chromium: a reader subscribes to the protocol's changes; an
editor starts a new edition (not public), edits a step, marks the change major and submits
it; Coordinación approves and publishes (the request returns in under a second); the
worker publishes the sections, builds the handbook once per language and sends the
subscriber exactly one message, whose diff link answers 200."""

import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.models import Subscription
from protocol_pages.models import ProtocolEditionPage, ProtocolPhasePage
from protocol_pages.tests.conftest import organization, protocol  # noqa: F401
from protocol_pages.workflow import COORDINATION_GROUP, EDITORS_GROUP, setup_protocol_workflow
from tests.browser.admin import click_footer_action, log_in, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER = "lectora.walk@ejemplo.invalid"
NEW_TITLE = "Entrevista inicial con intérprete"


def run_worker():
    """The database worker, as ``manage.py db_worker`` runs it, until the queue is empty."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", return_value=None
    ):
        for _round in range(5):
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
            if not DBTaskResult.objects.ready().exists():
                return


def link(message, pattern):
    return re.search(pattern, message.body).group(0).split("localhost", 1)[1]


@pytest.fixture
def walk_settings(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.RUTA_PDF_BUILD_DELAY_SECONDS = 0
    built = []
    monkeypatch.setattr("infra.pdf.render_pdf", lambda html: built.append(html) or b"%PDF-1.7")
    return built


def subscribe(visitor, base):
    visitor.goto(f"{base}/es/protocolo/")
    visitor.get_by_role(
        "link", name="Reciba un aviso por correo cuando cambie el protocolo"
    ).click()
    visitor.get_by_label("Su dirección de correo electrónico").fill(READER)
    visitor.get_by_role("button", name="Suscribirse").click()
    assert visitor.get_by_role("heading", name="Revise su correo").is_visible()
    visitor.wait_for_load_state("networkidle")
    run_worker()  # the confirmation e-mail
    [confirmation] = mail.outbox
    visitor.goto(base + link(confirmation, r"http://\S+/confirmar/\S+/"))
    visitor.get_by_role("button", name="Confirmar").click()
    assert visitor.get_by_role("heading", name="Suscripción confirmada").is_visible()
    assert Subscription.objects.get().status == "confirmed"
    mail.outbox.clear()


def test_editorial_walk(browser, live_server, protocol, walk_settings):  # noqa: F811
    base = live_server.url
    setup_protocol_workflow(protocol["index"])
    make_user("editora_walk", EDITORS_GROUP)
    make_user("coordinadora_walk", COORDINATION_GROUP)
    anonymous = browser.new_context(locale="es-EC", java_script_enabled=False)
    visitor = anonymous.new_page()
    subscribe(visitor, base)
    builds = DBTaskResult.objects.filter(task_path="infra.pdf.build_page_document")
    builds_before = builds.count()

    editor_context = browser.new_context(locale="es-EC")
    editor = editor_context.new_page()
    editor.set_default_timeout(20_000)
    log_in(editor, base, "editora_walk")
    editor.goto(f"{base}/admin/pages/{protocol['index'].pk}/")
    editor.locator("header button[data-w-dropdown-target='toggle']").first.click()
    editor.get_by_role("link", name="Nueva edición").click()  # in the header's actions menu
    editor.get_by_role("button", name="Crear la nueva edición (borrador)").click()
    editor.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    edition = ProtocolEditionPage.objects.get(live=False)
    assert visitor.goto(f"{base}/es/protocolo/{edition.slug_es}/").status == 404

    phase = ProtocolPhasePage.objects.child_of(edition).get(slug_es="identificacion")
    editor.goto(f"{base}/admin/pages/{phase.pk}/edit/")
    title = editor.locator("input[name='steps_es-1-value-title']")
    title.fill(NEW_TITLE)
    with editor.expect_navigation():
        editor.locator("button.action-save").first.click()
    editor.goto(f"{base}/admin/pages/{edition.pk}/edit/")
    # Typed in without opening the date picker (its pop-up would cover the footer).
    editor.locator("input[name='effective_date']").evaluate(
        "(field, day) => { field.value = day; }", timezone.localdate().isoformat()
    )
    editor.locator("select[name='change_significance']").select_option("major")
    with editor.expect_navigation():
        click_footer_action(editor, "button[name='action-submit']")
    edition.refresh_from_db()
    assert edition.current_workflow_state is not None
    assert not edition.live
    assert visitor.goto(f"{base}/es/protocolo/{edition.slug_es}/").status == 404

    approver_context = browser.new_context(locale="es-EC")
    approver = approver_context.new_page()
    approver.set_default_timeout(20_000)
    log_in(approver, base, "coordinadora_walk")
    approver.goto(f"{base}/admin/pages/{edition.pk}/edit/")
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    posted = lambda response: response.request.method == "POST"  # noqa: E731
    button = approver.locator(approve).first
    if not button.is_visible():
        approver.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.wait_for(state="visible")
    with approver.expect_response(posted) as answer:
        started = time.monotonic()
        button.click()
    clicked = time.monotonic() - started
    response = answer.value
    response.finished()
    timing = response.request.timing  # milliseconds from the request's start
    round_trip = (timing["responseEnd"] - timing["requestStart"]) / 1000
    print(f"approve: POST round trip {round_trip:.3f} s, click to response {clicked:.3f} s")
    assert response.url.endswith(f"/admin/pages/{edition.pk}/edit/")
    assert response.status in (200, 302)
    assert round_trip < 1.0, f"the approval's POST took {round_trip:.2f} s"
    approver.wait_for_load_state("networkidle")  # the live server is idle before the worker
    edition.refresh_from_db()
    assert edition.live
    assert not walk_settings, "the handbook was built inside the request"
    to_reader = lambda: [m for m in mail.outbox if m.to == [READER]]  # noqa: E731
    assert not to_reader(), "alerts were sent inside the request"

    run_worker()
    assert not edition.get_children().not_live().exists()
    languages = sorted(result.args_kwargs["args"][2] for result in builds[builds_before:])
    assert languages == ["en", "es"]
    assert len(walk_settings) == 2  # one handbook per language, built by the worker

    [alert] = to_reader()  # exactly one message for the subscriber
    assert f"Paso 2: {NEW_TITLE} (Identificación)" in alert.body
    diff = link(alert, r"http://\S+/cambios/")  # the edition's comparison page
    assert visitor.goto(base + diff).status == 200
    assert visitor.locator("h1").inner_text().startswith("Qué cambió en")
    assert visitor.get_by_text(NEW_TITLE).first.is_visible()
    anonymous.close()
    editor_context.close()
    approver_context.close()
