from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.access import user_organizations
from directory.display import capacity_data, current_capacities
from directory.models import Organization, Service, Taxonomy, TaxonomyTerm
from directory.selectors import current_capacities_prefetch

from . import capacity
from .choices import DeclineReason, Exploitation, Language
from .models import Referral


def service_categories():
    return TaxonomyTerm.objects.filter(taxonomy__code=Taxonomy.SERVICE_CATEGORIES)


class DateInput(forms.DateInput):
    input_type = "date"


class ReferralForm(forms.ModelForm):
    """The record as the sending institution fills it in. ``version`` carries the optimistic
    lock through the edit form."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Forms of exploitation (COIP art. 91)"),
        choices=Exploitation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Referral
        fields = [
            "sending_organization",
            "receiving_organization",
            "receiving_service",
            "requested_services",
            "urgency",
            "province",
            "age_range",
            "gender",
            "nationality",
            "languages",
            "is_minor",
            "exploitation_forms",
            "risk_notes",
            "needs",
            "consent_given",
            "consent_date",
            "consent_given_by",
            "consent_scope",
            "consent_expires",
        ]
        widgets = {
            "requested_services": forms.CheckboxSelectMultiple,
            "consent_date": DateInput,
            "consent_expires": DateInput,
            "is_minor": forms.NullBooleanSelect,
            "risk_notes": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "consent_scope": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "consent_scope": _("Which institution may receive which data, and for what."),
            "needs": _("Only what the receiving institution needs. Never write names."),
            "risk_notes": _("Never write names, addresses or phone numbers."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sending_organization"].queryset = user_organizations(user)
        self.fields["sending_organization"].empty_label = None
        self.fields["receiving_organization"].queryset = Organization.objects.filter(is_active=True)
        self.fields["receiving_service"].queryset = (
            Service.objects.filter(organization__is_active=True)
            .select_related("organization")
            .prefetch_related(current_capacities_prefetch())
        )
        # Each service with its free beds or places and their age (staff with two factors).
        self.fields["receiving_service"].label_from_instance = capacity.option_label
        self.fields["requested_services"].queryset = service_categories()
        if not self.instance._state.adding:
            self.fields["version"].initial = self.instance.version
            # The sender is fixed once the referral exists.
            self.fields["sending_organization"].disabled = True

    def chosen_service_capacities(self):
        """The counts of the receiving service chosen (or proposed), for the form's notice."""
        field = self["receiving_service"]
        value = field.data if self.is_bound else field.value()
        try:
            service = self.fields["receiving_service"].queryset.filter(pk=value).first()
        except (ValueError, ValidationError):
            return None
        if service is None:
            return None
        return {
            "service": service,
            "counts": [capacity_data(c) for c in current_capacities(service)],
        }

    def clean(self):
        data = super().clean()
        sender = data.get("sending_organization")
        receiver = data.get("receiving_organization")
        if sender and receiver and sender == receiver:
            self.add_error(
                "receiving_organization", _("The receiving institution must be a different one.")
            )
        service = data.get("receiving_service")
        if service and receiver and service.organization_id != receiver.pk:
            self.add_error("receiving_service", _("This service belongs to another institution."))
        consent_date = data.get("consent_date")
        if consent_date and consent_date > timezone.localdate():
            self.add_error("consent_date", _("The consent date cannot be in the future."))
        expires = data.get("consent_expires")
        if consent_date and expires and expires < consent_date:
            self.add_error("consent_expires", _("The consent cannot expire before it was given."))
        return data


class SendForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    override_justification = forms.CharField(
        label=_("Justification for sending without valid consent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decline_reason = forms.ChoiceField(
        label=_("Reason"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    decline_reason_other = forms.CharField(
        label=_("Other reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    services_given = forms.ModelMultipleChoiceField(
        label=_("Services given"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counter_referral = forms.CharField(
        label=_("Counter-referral report: services given and outcome"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services_given"].queryset = service_categories()


class SimpleTransitionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


TRANSITION_FORMS = {"send": SendForm, "decline": DeclineForm, "complete": CompleteForm}


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Enrolment code from your administrator"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=_("Recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def clean_recovery_code(self):
        return self.cleaned_data["recovery_code"].strip().lower()


class IssueCodeForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active user with that user name."))
        return user
