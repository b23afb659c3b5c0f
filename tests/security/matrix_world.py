"""The fictional world the access matrix runs in: four institutions, one user per role
(each with a confirmed TOTP device), a referral in every status an action needs, and
directory objects to edit and delete. Built once per module; every test rolls back."""

from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from directory.factories import LocationFactory, ServiceFactory
from directory.models import Location, Organization, OrganizationMembership, Service
from referrals.access import COORDINATOR_GROUP
from referrals.choices import Status
from referrals.factories import (
    MembershipFactory,
    OrganizationFactory,
    ReferralFactory,
    UserFactory,
    totp_device,
)
from referrals.models import Referral

ROLES = (
    "anonymous",
    "superuser_password",  # signed in with the password only (has a device, did not verify)
    "superuser",
    "coordinator",
    "sender",
    "sender_password",  # staff of the sending institution, password only
    "receiver",
    "manager",  # manager of the sending institution, may export and override consent
    "unrelated",  # staff of a third institution
    "admin_user",  # may enter the admin, belongs to no institution
    "directory_editor",  # may add, change and delete organisations, services, locations
)
PASSWORD_ONLY = {"superuser_password", "sender_password"}
REFERRAL_STATUSES = (
    Status.DRAFT,
    Status.SENT,
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.IN_SERVICE,
    Status.COMPLETED,
)


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


@dataclass
class World:
    orgs: dict
    users: dict
    devices: dict
    referrals: dict
    objects: dict
    form_data: dict = field(default_factory=dict)

    def sign_in(self, client, role):
        if role == "anonymous":
            return
        user = self.users[role]
        client.force_login(user)
        if role not in PASSWORD_ONLY:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = self.devices[role].persistent_id
            session.save()

    def own_organization(self, role):
        membership = OrganizationMembership.objects.filter(user=self.users.get(role)).first()
        return membership.organization if membership else self.orgs["sender"]


def build():
    orgs = {
        key: OrganizationFactory(name=f"Institución de prueba ({key})")
        for key in ("sender", "receiver", "other", "spare")
    }
    users = {
        "superuser_password": UserFactory(is_superuser=True, is_staff=True),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "coordinator": UserFactory(),
        "sender": MembershipFactory(organization=orgs["sender"]).user,
        "sender_password": MembershipFactory(organization=orgs["sender"]).user,
        "receiver": MembershipFactory(organization=orgs["receiver"]).user,
        "manager": MembershipFactory(
            organization=orgs["sender"], role=OrganizationMembership.Role.MANAGER
        ).user,
        "unrelated": MembershipFactory(organization=orgs["other"]).user,
        "admin_user": UserFactory(),
        "directory_editor": UserFactory(),
    }
    users["coordinator"].groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    grant(users["manager"], "export_referrals", "override_consent")
    grant(users["admin_user"], "access_admin")
    grant(
        users["directory_editor"],
        "access_admin",
        *(
            f"{verb}_{model}"
            for verb in ("add", "change", "delete")
            for model in ("organization", "service", "location")
        ),
    )
    devices = {role: totp_device(user) for role, user in users.items()}
    referrals = {
        status: ReferralFactory(
            sending_organization=orgs["sender"],
            receiving_organization=orgs["receiver"],
            status=status,
        )
        for status in REFERRAL_STATUSES
    }
    referrals["no_consent"] = ReferralFactory(
        sending_organization=orgs["sender"],
        receiving_organization=orgs["receiver"],
        consent_given=False,
    )
    objects = {
        "service": ServiceFactory(organization=orgs["sender"]),
        "location": LocationFactory(organization=orgs["sender"]),
        "spare_service": ServiceFactory(organization=orgs["spare"]),
        "spare_location": LocationFactory(organization=orgs["spare"]),
    }
    return World(orgs, users, devices, referrals, objects)


def tear_down(world):
    Referral.objects.filter(pk__in=[r.pk for r in world.referrals.values()]).delete()
    Referral.objects.filter(sending_organization__in=world.orgs.values()).delete()
    Service.objects.filter(organization__in=world.orgs.values()).delete()
    Location.objects.filter(organization__in=world.orgs.values()).delete()
    Organization.objects.filter(pk__in=[o.pk for o in world.orgs.values()]).delete()
    for user in world.users.values():
        user.delete()


def flatten(form, data=None):
    """The POST a browser would send for an admin form as it is shown (inline formsets
    included)."""
    data = {} if data is None else data
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(bound.field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[bound.html_name] = [str(v) for v in value or ()]
        elif value is None:
            data[bound.html_name] = ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)
    for formset in getattr(form, "formsets", {}).values():
        flatten(formset.management_form, data)
        for inline in formset.forms:
            flatten(inline, data)
    return data


def admin_form(world, url):
    """The form at ``url`` as a verified superuser sees it, flattened (cached)."""
    if url not in world.form_data:
        client = Client()
        world.sign_in(client, "superuser")
        form = client.get(url).context["form"]
        world.form_data[url] = (flatten(form), form)
    data, form = world.form_data[url]
    return dict(data), form


def add_inline(data, form, prefix, values):
    """One more row in the inline formset ``prefix``."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    empty = flatten(form.formsets[prefix].empty_form)
    data.update({key.replace("__prefix__", str(index)): value for key, value in empty.items()})
    data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_directory_{model}:{view}", args=args)
