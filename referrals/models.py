import secrets
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import PROVINCE_CHOICES

from .choices import (
    AgeRange,
    ConsentGivenBy,
    DeclineReason,
    Gender,
    Nationality,
    Status,
    Urgency,
)
from .crypto import EncryptedJSONListField, EncryptedTextField

# No vowels, no look-alikes: a case code never spells a word, let alone a name.
CASE_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"


def new_case_code():
    year = timezone.localdate().year
    body = "".join(secrets.choice(CASE_CODE_ALPHABET) for _ in range(8))
    return f"DER-{year}-{body}"


class ConcurrentEditError(Exception):
    """Someone else saved the referral after this form was loaded."""


class Referral(models.Model):
    """A referral of one person from a listed institution to another, with its consent and
    lifecycle. Person data is minimal and sensitive fields are encrypted at rest; see
    docs/referrals.md."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case_code = models.CharField(
        _("case code"), max_length=20, unique=True, default=new_case_code, editable=False
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("referred onward from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onward_referrals",
    )
    sending_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("sending institution"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    receiving_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("receiving institution"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    receiving_service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("receiving service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The receiving service's free beds or places as the sender saw them on the form
    # (``referrals.capacity``): directory data, no person data.
    capacity_seen = models.JSONField(
        _("free places seen by the sender"), null=True, blank=True, editable=False
    )
    requested_services = models.ManyToManyField(
        "directory.TaxonomyTerm",
        verbose_name=_("requested services"),
        blank=True,
        related_name="+",
    )
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    province = models.CharField(_("province"), max_length=5, choices=PROVINCE_CHOICES, blank=True)

    # Minimal person data (removed by purge_referrals).
    age_range = models.CharField(_("age range"), max_length=8, choices=AgeRange.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=8, choices=Nationality.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    is_minor = models.BooleanField(_("the person is a minor"), null=True, blank=True)
    exploitation_forms = EncryptedJSONListField(_("forms of exploitation"))
    risk_notes = EncryptedTextField(_("risk notes"), blank=True)
    needs = EncryptedTextField(_("needs"), blank=True)

    # Consent to share the data with the receiving institution.
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_given_by = models.CharField(
        _("consent given by"), max_length=12, choices=ConsentGivenBy.choices, blank=True
    )
    consent_scope = EncryptedTextField(_("consent scope"), blank=True)
    consent_expires = models.DateField(_("consent expires"), null=True, blank=True)
    consent_override_reason = EncryptedTextField(_("consent override justification"), blank=True)
    consent_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_overridden_at = models.DateTimeField(null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=16, choices=DeclineReason.choices, blank=True
    )
    decline_reason_other = EncryptedTextField(_("other reason"), blank=True)
    services_given = models.ManyToManyField(
        "directory.TaxonomyTerm", verbose_name=_("services given"), blank=True, related_name="+"
    )
    counter_referral = EncryptedTextField(_("counter-referral report"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        permissions = [
            ("export_referrals", "Can export the referrals of their institutions"),
            ("override_consent", "Can send a referral without valid consent (justified)"),
            ("view_aggregate_reports", "Can view aggregate referral reports"),
        ]

    def __str__(self):
        return self.case_code

    @property
    def consent_overridden(self):
        return self.consent_overridden_at is not None

    def consent_problem(self, today=None):
        """Why the recorded consent does not allow sending, or None when it does."""
        today = today or timezone.localdate()
        if not self.consent_given:
            return _("Consent has not been given.")
        if not self.consent_date or self.consent_date > today:
            return _("The consent date is missing or in the future.")
        if not self.consent_given_by:
            return _("It is not recorded who gave consent.")
        if self.is_minor and self.consent_given_by == ConsentGivenBy.PERSON:
            return _("For a minor, consent must come from a legal guardian or an authority.")
        if not self.consent_scope:
            return _("The scope of the consent is not recorded.")
        if self.consent_expires and self.consent_expires < today:
            return _("The consent has expired.")
        return None

    def is_overdue(self, now=None):
        now = now or timezone.now()
        if self.urgency == Urgency.ROUTINE or self.status not in {Status.SENT, Status.RECEIVED}:
            return False
        hours = settings.REFERRAL_OVERDUE_HOURS
        return self.sent_at is not None and (now - self.sent_at).total_seconds() > hours * 3600

    def save_checked(self, expected_version, **kwargs):
        """Save only if nobody saved since ``expected_version`` was read (optimistic lock)."""
        with transaction.atomic():
            claimed = Referral.objects.filter(pk=self.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if not claimed:
                raise ConcurrentEditError
            self.version = expected_version + 1
            self.save(**kwargs)


class StatusChange(models.Model):
    """Who moved a referral from one status to another, and when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_organization = models.ForeignKey(
        "directory.Organization", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.referral_id}: {self.from_status or '-'} → {self.to_status}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit entries cannot be changed.")

    def delete(self):
        raise PermissionError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One line of the append-only audit log: who did (or tried) what, on which referral.

    Holds codes only, never person data or free text, so anonymising a referral never needs
    to touch it; on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0003).
    """

    class Action(models.TextChoices):
        LIST = "list", _("List")
        VIEW = "view", _("View")
        CREATE = "create", _("Create")
        EDIT = "edit", _("Edit")
        STATUS = "status", _("Change status")
        EXPORT = "export", _("Export")
        VIEW_AUDIT = "view_audit", _("View audit log")
        REPORT = "report", _("Aggregate report")
        CONSENT_OVERRIDE = "consent_override", _("Consent override")
        PURGE = "purge", _("Anonymise")
        REMINDER = "reminder", _("Overdue reminder")
        TWO_FACTOR_CODE = "twofactor_code", _("Two-factor enrolment code issued")
        TWO_FACTOR_REFUSED = "twofactor_refused", _("Two-factor enrolment code refused")
        TWO_FACTOR_ENROLLED = "twofactor_enrolled", _("Two-factor device enrolled")
        RECOVERY_CODES = "recovery_codes", _("Recovery codes made")
        RECOVERY_USED = "recovery_used", _("Recovery code used")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    allowed = models.BooleanField(_("allowed"), default=True)
    referral = models.ForeignKey(
        Referral,
        verbose_name=_("referral"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    case_code = models.CharField(_("case code"), max_length=20, blank=True)
    detail = models.CharField(_("detail"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.case_code}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted.")


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a user out of band (in person, by phone) so
    that they can enrol an authenticator app: the password alone never enrols a factor.
    Only a SHA-256 digest is stored; the code is shown once, to the administrator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_codes"
    )
    digest = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("two-factor enrolment code")
        verbose_name_plural = _("two-factor enrolment codes")
        ordering = ["-issued_at"]
        permissions = [("issue_enrolment_codes", "Can issue two-factor enrolment codes")]

    def __str__(self):
        return f"{self.user_id} {self.issued_at:%Y-%m-%d %H:%M}"
