"""Issue 17: "New edition" copies the edition in force as a draft that goes through
approval; Wagtail's own copy of a protocol page never publishes it; approving a new
edition publishes it with its sections and requests its handbook once per language."""

import time
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from infra.models import BuiltDocument
from protocol_pages.editions import start_new_edition
from protocol_pages.models import ProtocolEditionPage, ProtocolPhasePage
from protocol_pages.workflow import (
    COORDINATION_GROUP,
    EDITORS_GROUP,
    WORKFLOW_NAME,
    setup_protocol_workflow,
)

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """The database worker, in this test's transaction. Its ``close_old_connections()``
    would close the connection (it is not in autocommit inside a test): on PostgreSQL the
    test's own connection, and its data, would be gone."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", return_value=None
    ):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@ruta.invalid", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def roles(protocol):
    setup_protocol_workflow(protocol["index"])
    return {
        "editor": user_in(EDITORS_GROUP, "editora"),
        "coordinator": user_in(COORDINATION_GROUP, "coordinadora"),
    }


def test_new_edition_is_a_draft_copy_that_needs_approval(client, protocol, roles):
    edition = start_new_edition(protocol["index"], roles["editor"])
    assert isinstance(edition, ProtocolEditionPage)
    assert not edition.live
    assert edition.effective_date is None
    assert edition.editors_note_es == edition.editors_note_en == ""
    assert edition.title_es == "Nueva edición (borrador)"
    sections = edition.get_children()
    assert sections.count() == protocol["current"].get_children().count()
    assert not sections.live().exists()
    # Not public: neither its address nor the index lists it.
    assert client.get(f"/es/protocolo/{edition.slug_es}/").status_code == 404
    assert edition.slug_es not in client.get("/es/protocolo/").content.decode()
    # Through the approval workflow: the editor can edit it but not publish it.
    assert edition.get_workflow().name == WORKFLOW_NAME
    permissions = edition.permissions_for_user(roles["editor"])
    assert permissions.can_edit()
    assert not permissions.can_publish()
    # A second new edition gets its own address.
    assert start_new_edition(protocol["index"], roles["editor"]).slug_es != edition.slug_es


def test_new_edition_is_an_action_on_the_protocol_index(client, protocol, roles):
    client.force_login(roles["editor"])
    index = protocol["index"]
    url = reverse("protocol_new_edition", args=(index.pk,))
    assert url in client.get(reverse("wagtailadmin_explore", args=(index.pk,))).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "Cómo funcionan las ediciones" in page.content.decode()  # the admin speaks Spanish
    response = client.post(url)
    edition = ProtocolEditionPage.objects.child_of(index).get(live=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(edition.pk,))


def test_new_edition_is_refused_to_who_cannot_add_editions(client, protocol):
    outsider = get_user_model().objects.create_user("lector", "lector@ruta.invalid", "x")
    readers = Group.objects.create(name="Solo lectura")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    outsider.groups.add(readers)
    client.force_login(outsider)
    response = client.post(reverse("protocol_new_edition", args=(protocol["index"].pk,)))
    assert response.status_code in (302, 403)
    assert not ProtocolEditionPage.objects.filter(live=False).exists()


def test_wagtail_copy_of_an_edition_never_publishes_it(admin_client, protocol):
    """Issue 17: the copy dialog's "Publish copies" (ticked) made the copy live at once."""
    source = protocol["current"]
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(source.pk,)),
        {
            "new_title_es": "Copia",
            "new_slug_es": "copia",
            "new_title_en": "Copy",
            "new_slug_en": "copy",
            "new_parent_page": protocol["index"].pk,
            "copy_subpages": "on",
            "publish_copies": "on",
            "alias": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    copy = ProtocolEditionPage.objects.get(slug="copia")
    assert not copy.live
    assert not copy.get_children().live().exists()
    form = admin_client.get(reverse("wagtailadmin_pages:copy", args=(source.pk,)))
    assert "siempre borradores" in form.content.decode()


@override_settings(TASKS=DATABASE_TASKS, RUTA_PDF_BUILD_DELAY_SECONDS=0)
def test_approving_a_new_edition_publishes_it_at_once_and_the_worker_builds_it(
    client, protocol, roles, django_capture_on_commit_callbacks, monkeypatch
):
    """The Done-when walk, with the Django client: new edition → not public → a step
    edited → submitted → approved (< 1 s) → the worker builds the handbook once per
    language. (issue 17: each approval took ~20 s; a copy built the handbook 28 times.)"""
    editor, coordinator = roles["editor"], roles["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        edition = start_new_edition(protocol["index"], editor)
    builds = DBTaskResult.objects.filter(task_path="infra.pdf.build_page_document")
    assert not builds.exists()  # a copy builds nothing
    phase = ProtocolPhasePage.objects.child_of(edition).get(slug_es="identificacion")
    steps = phase.steps_es.raw_data
    steps[1]["value"]["title"] = "Entrevista inicial con intérprete"
    phase.steps_es = steps
    phase.save_revision(user=editor)
    edition.effective_date = timezone.localdate()
    edition.editors_note_es = "<p>Entrevista con intérprete.</p>"
    edition.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        state = edition.get_workflow().start(edition, editor)
    assert client.get(f"/es/protocolo/{edition.slug_es}/").status_code == 404

    client.force_login(coordinator)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(edition.pk, "approve", state.current_task_state.pk),
    )
    built = []
    monkeypatch.setattr("infra.pdf.render_pdf", lambda html: built.append(html) or b"%PDF-1.7 test")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": ""})
    elapsed = time.monotonic() - started
    assert response.status_code in (200, 302)
    assert elapsed < 1.0, f"approving took {elapsed:.2f} s"
    assert not built, "the handbook was built inside the request"
    edition.refresh_from_db()
    assert edition.live
    assert not builds.exists()  # its sections publish first, in the worker

    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    assert not edition.get_children().not_live().exists()
    assert sorted(result.args_kwargs["args"][2] for result in builds) == ["en", "es"]
    run_worker()
    assert len(built) == 2
    documents = BuiltDocument.objects.filter(page=edition, kind="manual")
    assert sorted(documents.values_list("language", flat=True)) == ["en", "es"]
    html = client.get(f"/es/protocolo/{edition.slug_es}/identificacion/").content.decode()
    assert "Entrevista inicial con intérprete" in html
