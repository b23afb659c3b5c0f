"""Writes of the institutions' staff lists: a membership gives access to the institution's
referrals and to staff-only directory details, so each change is made by someone entitled
(``directory.access.manageable_organizations``, checked by the view) and written to
Wagtail's audit log with who did it (Reports → Site history)."""

from django.db import IntegrityError, transaction
from wagtail.log_actions import log

from directory.models import OrganizationMembership


class AlreadyMember(Exception):
    pass


def _audit(membership, action, actor):
    log(
        instance=membership,
        action=action,
        user=actor,
        data={
            "organization": str(membership.organization_id),
            "user": membership.user_id,
            "role": membership.role,
        },
    )


def add_member(organization, user, role, actor):
    try:
        with transaction.atomic():
            membership = OrganizationMembership.objects.create(
                organization=organization, user=user, role=role
            )
            _audit(membership, "wagtail.create", actor)
    except IntegrityError as error:
        raise AlreadyMember from error
    return membership


def change_role(membership, role, actor):
    with transaction.atomic():
        membership.role = role
        membership.save(update_fields=["role"])
        _audit(membership, "wagtail.edit", actor)
    return membership


def remove_member(membership, actor):
    with transaction.atomic():
        _audit(membership, "wagtail.delete", actor)
        membership.delete()
