"""Institutions keep their own listing through moderation: what a member proposes is stored
apart and reaches no public output until a maintainer approves it; approving applies it
through the same form, rejecting and withdrawing leave the listing alone."""

import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory import proposals
from directory.models import ListingChange, Phone, Schedule, Service
from directory.proposal_forms import current_values, diff_rows, member_form
from search.indexer import all_entries
from website.testing import verified_login

pytestmark = pytest.mark.django_db
MARKER = "Nombre Propuesto Marcador"


def post_data(form, **changes):
    """What a browser sends for ``form`` as shown, with ``changes``."""
    data = {}
    for name, value in {**current_values(form), **changes}.items():
        if value is True:
            data[name] = "on"
        elif value in (False, None):
            continue
        else:
            data[name] = value
    return data


def propose_url(world, kind, pk=None):
    organization = world["organization"].pk
    if pk is None:
        return reverse("directory_admin:propose_new", args=[organization, kind])
    return reverse("directory_admin:propose", args=[organization, kind, pk])


@pytest.fixture
def own(institutions, client):
    verified_login(client, institutions["own"]["member"])
    return institutions["own"]


def public_text(client, world):
    """Everything public about the institution: its page, the directory, the HSDS API,
    an export, the search entries and the sitemap."""
    organization = world["organization"]
    parts = [
        client.get(f"/es/directorio/{organization.slug_es}/").content.decode(),
        client.get("/es/directorio/", {"q": "Propuesto"}).content.decode(),
        client.get("/api/hsds/services", {"full": "true"}).content.decode(),
        client.get(f"/api/hsds/organizations/{organization.pk}?full_service=true").content.decode(),
        client.get("/sitemap.xml").content.decode(),
    ]
    parts += [f"{e.title} {e.content} {e.summary}" for e in all_entries()]
    return "\n".join(parts)


def test_a_proposed_change_is_not_public_until_approved(
    own, client, directory_page, maintainer, django_capture_on_commit_callbacks
):
    service = own["service"]
    form = member_form("service", own["organization"], service)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            propose_url(own, "service", service.pk), post_data(form, name_es=MARKER)
        )
    assert response.status_code == 302
    change = ListingChange.objects.get()
    assert change.proposed == {"name_es": MARKER}
    assert change.status == ListingChange.Status.PENDING
    service.refresh_from_db()
    assert service.name_es != MARKER
    anonymous = client.__class__()
    assert MARKER not in public_text(anonymous, own)
    assert mail.outbox
    assert own["organization"].name in mail.outbox[-1].subject
    assert MARKER not in mail.outbox[-1].body  # never the proposed values by e-mail

    with django_capture_on_commit_callbacks(execute=True):
        proposals.approve(change.pk, maintainer)
    service.refresh_from_db()
    assert service.name_es == MARKER
    assert MARKER in public_text(anonymous, own)
    change.refresh_from_db()
    assert (change.status, change.reviewed_by) == (ListingChange.Status.APPROVED, maintainer)
    assert service.assured_date is not None  # the institution went through its service
    assert ModelLogEntry.objects.filter(object_id=str(service.pk), action="wagtail.edit").exists()
    assert own["member"].email in mail.outbox[-1].to


def test_new_records_wait_for_approval_too(own, client, maintainer):
    organization = own["organization"]
    form = member_form("phone", organization)
    data = post_data(form, number="02 250 4444", service=str(own["service"].pk), type="voice")
    assert client.post(propose_url(own, "phone"), data).status_code == 302
    form = member_form("schedule", organization, initial={"service": own["service"]})
    data = post_data(form, service=str(own["service"].pk), byday="SA")
    data.update(opens_at="09:00", closes_at="12:00")
    assert client.post(propose_url(own, "schedule"), data).status_code == 302
    assert not Phone.objects.filter(number="+593 2-250-4444").exists()
    assert not Schedule.objects.filter(byday="SA").exists()
    for change in ListingChange.objects.all():
        proposals.approve(change.pk, maintainer)
    phone = Phone.objects.get(number="+593 2-250-4444")  # normalised by the model's rules
    assert (phone.service, phone.organization) == (own["service"], None)
    assert Schedule.objects.get(byday="SA").service == own["service"]


def test_a_new_service_with_its_places(own, client, maintainer):
    organization = own["organization"]
    form = member_form("service", organization)
    data = post_data(
        form,
        name_es=MARKER,
        description_es="Nuevo servicio",
        categories=[str(own["service"].categories.get().pk)],
        locations=[str(own["location"].pk)],
        status="active",
        gender="any",
        is_free=True,
    )
    assert client.post(propose_url(own, "service"), data).status_code == 302
    assert not Service.objects.filter(name_es=MARKER).exists()
    change = ListingChange.objects.get()
    proposals.approve(change.pk, maintainer)
    created = Service.objects.get(name_es=MARKER)
    assert created.organization == organization
    assert list(created.service_at_locations.values_list("location", flat=True)) == [
        own["location"].pk
    ]


def test_invalid_proposals_are_refused_with_a_message(own, client):
    form = member_form("service", own["organization"], own["service"])
    data = post_data(form, minimum_age="30", maximum_age="10")
    response = client.post(propose_url(own, "service", own["service"].pk), data)
    assert response.status_code == 400
    assert "maximum_age" in response.context["form"].errors
    assert not ListingChange.objects.exists()


def test_nothing_changed_proposes_nothing(own, client):
    form = member_form("location", own["organization"], own["location"])
    response = client.post(propose_url(own, "location", own["location"].pk), post_data(form))
    assert response.status_code == 302
    assert not ListingChange.objects.exists()


def test_removal_rejection_and_withdrawal_leave_the_listing(own, client, maintainer):
    organization = own["organization"]
    remove = reverse("directory_admin:remove", args=[organization.pk, "phone", own["phone"].pk])
    assert client.post(remove).status_code == 302
    removal = ListingChange.objects.get(action=ListingChange.Action.DELETE)
    proposals.reject(removal.pk, maintainer, "Sigue vigente")
    assert Phone.objects.filter(pk=own["phone"].pk).exists()
    assert client.post(remove).status_code == 302
    again = ListingChange.objects.get(status=ListingChange.Status.PENDING)
    url = reverse("directory_admin:member_change", args=[organization.pk, again.pk])
    assert client.post(url).status_code == 302
    again.refresh_from_db()
    assert again.status == ListingChange.Status.WITHDRAWN
    with pytest.raises(proposals.AlreadyDecided):
        proposals.approve(again.pk, maintainer)
    assert Phone.objects.filter(pk=own["phone"].pk).exists()
    assert client.post(remove).status_code == 302
    proposals.approve(ListingChange.objects.get(status="pending").pk, maintainer)
    assert not Phone.objects.filter(pk=own["phone"].pk).exists()


def test_the_reviewer_sees_each_field_now_and_proposed(own, client, maintainer):
    location = own["location"]
    form = member_form("location", own["organization"], location)
    data = post_data(form, name="Sede nueva", is_confidential=True)
    client.post(propose_url(own, "location", location.pk), data)
    change = ListingChange.objects.get()
    location.name = "Cambiada por otra persona"
    location.save()
    rows = {row["label"]: row for row in diff_rows(change, location)}
    assert set(change.proposed) == {"name", "is_confidential"}
    name = rows[str(form.fields["name"].label)]
    assert (name["current"], name["proposed"], name["changed_since"]) == (
        "Cambiada por otra persona",
        "Sede nueva",
        True,
    )
    confidential = rows[str(form.fields["is_confidential"].label)]
    assert (confidential["current"], confidential["proposed"]) == ("No", "Sí")
    assert not confidential["changed_since"]
    verified_login(client, maintainer)
    page = client.get(reverse("directory_admin:review", args=[change.pk]))
    assert page.status_code == 200
    assert "Sede nueva" in page.content.decode()
    approved = client.post(
        reverse("directory_admin:review", args=[change.pk]), {"decision": "approve"}
    )
    assert approved.status_code == 302
    location.refresh_from_db()
    assert (location.name, location.is_confidential) == ("Sede nueva", True)


def test_a_proposal_that_no_longer_applies_is_not_half_applied(own, maintainer):
    form = member_form("schedule", own["organization"], own["schedule"])
    form = member_form(
        "schedule",
        own["organization"],
        own["schedule"],
        data=post_data(form, byday="TU"),
    )
    assert form.is_valid(), form.errors
    change = proposals.propose(form, "schedule", own["member"], own["schedule"])
    own["schedule"].delete()
    with pytest.raises(proposals.NoLongerValid):
        proposals.approve(change.pk, maintainer)
    change.refresh_from_db()
    assert change.status == ListingChange.Status.PENDING


def test_an_export_holds_nothing_proposed(own, client, tmp_path):
    form = member_form("service", own["organization"], own["service"])
    client.post(propose_url(own, "service", own["service"].pk), post_data(form, name_es=MARKER))
    call_command("export_hsds", str(tmp_path), stdout=io.StringIO())
    for path in tmp_path.iterdir():
        assert MARKER not in path.read_text(encoding="utf-8"), path.name
    assert json.loads((tmp_path / "hsds.json").read_text())["services"]
