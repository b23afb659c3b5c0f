"""Readers report a problem on any listing through a form (not a mailto): the report
reaches the maintainers' queue, never a public output; robots are turned away without a
third-party service (a hidden field, a time check, a rate limit per address); the optional
contact is erased when the report is resolved or after the retention period."""

import io
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory import problems
from directory.forms import SALT
from directory.models import ProblemReport
from website.testing import verified_login

pytestmark = pytest.mark.django_db
DETAILS = "El teléfono de la recepción ya no existe DetalleMarcador"
CONTACT = "lectora-marcador@example.invalid"


def report_url(organization, language="es"):
    slug = getattr(organization, f"slug_{language}")
    tail = "reportar-un-problema" if language == "es" else "report-a-problem"
    prefix = "/es/directorio" if language == "es" else "/en/directory"
    return f"{prefix}/{slug}/{tail}/"


def started(seconds_ago=10):
    return signing.dumps(int(time.time()) - seconds_ago, salt=SALT)


def report(**changes):
    return {
        "kind": "contact",
        "description": DETAILS,
        "contact": CONTACT,
        "started": started(),
        **changes,
    }


@pytest.fixture(autouse=True)
def _limits(settings, directory_page):
    cache.clear()  # the counters of the last test
    settings.RUTA_PROBLEM_REPORT_RATE = (20, 3600)


def test_the_organisation_page_links_to_the_form(client, directory_page, institutions):
    organization = institutions["own"]["organization"]
    page = client.get(f"/es/directorio/{organization.slug_es}/").content.decode()
    assert report_url(organization) in page
    assert "mailto:" not in page.split("no-print")[-1]
    form = client.get(report_url(organization))
    assert form.status_code == 200
    assert "private" in form["Cache-Control"]  # a CSRF token and a time: never cached
    assert 'name="website"' in form.content.decode()
    assert client.get(report_url(organization, "en")).status_code == 200


def test_a_report_reaches_the_queue_and_nothing_public(
    client, directory_page, institutions, maintainer, django_capture_on_commit_callbacks
):
    organization = institutions["own"]["organization"]
    service = institutions["own"]["service"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(organization), report(service=str(service.pk)))
    assert response.status_code == 302
    assert client.get(response["Location"]).context["sent"]
    saved = ProblemReport.objects.get()
    assert (saved.organization, saved.service, saved.contact) == (organization, service, CONTACT)
    (message,) = mail.outbox
    assert organization.name in message.subject
    assert DETAILS not in message.body
    assert CONTACT not in message.body
    for url in (f"/es/directorio/{organization.slug_es}/", "/api/hsds/services?full=true"):
        body = client.get(url).content.decode()
        assert "DetalleMarcador" not in body
        assert CONTACT not in body
    verified_login(client, maintainer)
    queue = client.get(reverse("directory_admin:problems")).content.decode()
    assert str(saved.pk) in queue
    detail = client.get(reverse("directory_admin:problem", args=[saved.pk])).content.decode()
    assert CONTACT in detail
    assert DETAILS in detail


def test_resolving_erases_the_contact(client, institutions, maintainer):
    client.post(report_url(institutions["own"]["organization"]), report())
    saved = ProblemReport.objects.get()
    verified_login(client, maintainer)
    url = reverse("directory_admin:problem", args=[saved.pk])
    assert client.post(url, {"note": "Teléfono corregido"}).status_code == 302
    saved.refresh_from_db()
    assert (saved.status, saved.contact, saved.resolved_by) == ("resolved", "", maintainer)


def test_robots_are_turned_away(client, institutions):
    url = report_url(institutions["own"]["organization"])
    trapped = client.post(url, report(website="http://spam.example"))
    assert trapped.status_code == 302  # as if it worked
    too_fast = client.post(url, report(started=started(seconds_ago=0)))
    assert too_fast.status_code == 400
    forged = client.post(url, report(started="123"))
    assert forged.status_code == 400
    stale = client.post(url, report(started=started(seconds_ago=3 * 3600)))
    assert stale.status_code == 400
    assert DETAILS in stale.content.decode()  # nothing the reader wrote is lost
    assert not ProblemReport.objects.exists()


def test_bad_input_gets_a_message(client, institutions):
    url = report_url(institutions["own"]["organization"])
    response = client.post(url, report(kind="nonsense", description=""))
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"kind", "description"}
    other_service = institutions["other"]["service"]
    response = client.post(url, report(service=str(other_service.pk)))
    assert "service" in response.context["form"].errors
    assert not ProblemReport.objects.exists()


def test_a_rate_limit_per_address(client, institutions, settings):
    settings.RUTA_PROBLEM_REPORT_RATE = (3, 3600)
    url = report_url(institutions["own"]["organization"])
    for _number in range(3):
        assert client.post(url, report()).status_code == 302
    limited = client.post(url, report())
    assert limited.status_code == 429
    assert ProblemReport.objects.count() == 3
    elsewhere = client.post(url, report(), REMOTE_ADDR="192.0.2.77")
    assert elsewhere.status_code == 302


def test_the_schedule_purges_contacts_and_old_reports(institutions):
    organization = institutions["own"]["organization"]
    now = timezone.now()
    old_open = ProblemReport.objects.create(
        organization=organization,
        kind="other",
        description="x",
        contact=CONTACT,
        created_at=now - timedelta(days=91),
    )
    recent = ProblemReport.objects.create(
        organization=organization, kind="other", description="y", contact=CONTACT
    )
    old_resolved = ProblemReport.objects.create(
        organization=organization,
        kind="other",
        description="z",
        status="resolved",
        resolved_at=now - timedelta(days=400),
    )
    assert problems.purge(dry_run=True) == {"contacts_erased": 1, "reports_deleted": 1}
    call_command("purge_problem_reports", stdout=io.StringIO())
    old_open.refresh_from_db()
    recent.refresh_from_db()
    assert (old_open.contact, recent.contact) == ("", CONTACT)
    assert not ProblemReport.objects.filter(pk=old_resolved.pk).exists()
