"""The forms a member of an institution proposes changes to its listing with (one per kind
of record), and how a proposal reads: its values as form data, and each proposed field
shown as it is now and as proposed. ``directory.proposals`` stores and applies them."""

import json
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import get_translation_fields

from directory import staff_selectors
from directory.models import (
    ListingChange,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)

EMPTY = "—"


def _translated(*names):
    return [column for name in names for column in get_translation_fields(name)]


def _form_field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class ProposalForm(forms.ModelForm):
    """A member's form for one record of ``organization``: its choices are that
    institution's records and the model's own rules apply (``clean``). Members never save
    it: the proposal keeps what changed, and approving saves it (``directory.proposals``)."""

    class Meta:
        formfield_callback = _form_field

    def __init__(self, *args, organization, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)
        self.limit_choices()

    def limit_choices(self):
        """Narrow the related records offered to the institution's own."""

    def attach(self, instance):
        """Link a new record to the institution before it is validated."""


class OrganizationProposalForm(ProposalForm):
    class Meta(ProposalForm.Meta):
        model = Organization
        fields = [
            "name",
            "alternate_name",
            *_translated("description"),
            "kind",
            "referral_contact_name",
            "referral_phone",
            "referral_email",
            "email",
            "website",
            "legal_status",
        ]


class ServiceProposalForm(ProposalForm):
    locations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Where it is offered"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(ProposalForm.Meta):
        model = Service
        fields = [
            *_translated("name", "alternate_name"),
            "status",
            *_translated("alert", "description"),
            "categories",
            "populations",
            "minimum_age",
            "maximum_age",
            "gender",
            "accepts_mother_with_children",
            *_translated("eligibility_description", "application_process"),
            *_translated("interpretation_services"),
            "is_free",
            *_translated("fees_description", "wait_time"),
            "url",
            "email",
            "intake_notes",
        ]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "populations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "locations",
                list(self.instance.service_at_locations.values_list("location_id", flat=True)),
            )

    def limit_choices(self):
        self.fields["locations"].queryset = Location.objects.filter(organization=self.organization)

    def attach(self, instance):
        instance.organization = self.organization

    def save(self, commit=True):
        service = super().save(commit=commit)
        if commit and "locations" in self.cleaned_data:
            wanted = {location.pk for location in self.cleaned_data["locations"]}
            links = service.service_at_locations.all()
            links.exclude(location_id__in=wanted).delete()
            have = set(links.values_list("location_id", flat=True))
            for location_id in wanted - have:
                ServiceAtLocation.objects.create(service=service, location_id=location_id)
        return service


class LocationProposalForm(ProposalForm):
    class Meta(ProposalForm.Meta):
        model = Location
        fields = [
            "name",
            "location_type",
            "is_confidential",
            *_translated("description"),
            "address_1",
            "address_2",
            "canton",
            "province",
            "postal_code",
            "latitude",
            "longitude",
            *_translated("transportation", "accessibility"),
            "url",
        ]

    def attach(self, instance):
        instance.organization = self.organization


class PhoneProposalForm(ProposalForm):
    """A phone of the institution itself, of one of its services or of one of its places."""

    class Meta(ProposalForm.Meta):
        model = Phone
        fields = ["service", "location", "number", "extension", "type", "description"]
        fields += ["is_staff_only"]
        help_texts = {
            "service": gettext_lazy("Leave service and location empty for the institution."),
        }

    def limit_choices(self):
        self.fields["service"].queryset = Service.objects.filter(organization=self.organization)
        self.fields["location"].queryset = Location.objects.filter(organization=self.organization)

    def clean(self):
        data = super().clean()
        if data.get("service") and data.get("location"):
            raise ValidationError(_("Attach the phone to a service or to a location, not both."))
        return data

    def _post_clean(self):
        # The phone belongs to the institution unless it is a service's or a place's.
        service, location = self.cleaned_data.get("service"), self.cleaned_data.get("location")
        if self.instance.contact_id is None:
            self.instance.organization = None if service or location else self.organization
        super()._post_clean()


class ScheduleProposalForm(ProposalForm):
    class Meta(ProposalForm.Meta):
        model = Schedule
        fields = ["service", "byday", "opens_at", "closes_at", "open_24_hours"]
        fields += _translated("description")
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def limit_choices(self):
        self.fields["service"].queryset = Service.objects.filter(organization=self.organization)
        self.fields["service"].empty_label = None


@dataclass(frozen=True)
class Kind:
    """One kind of record an institution maintains: its form, its records, what it may do."""

    code: str
    form: type
    records: object  # organisation -> queryset of its records of this kind
    can_create: bool = True
    can_delete: bool = True


K = ListingChange.Kind
KINDS = {
    K.ORGANIZATION: Kind(
        K.ORGANIZATION,
        OrganizationProposalForm,
        staff_selectors.own_organization,
        can_create=False,
        can_delete=False,
    ),
    K.SERVICE: Kind(K.SERVICE, ServiceProposalForm, staff_selectors.own_services, can_delete=False),
    K.LOCATION: Kind(K.LOCATION, LocationProposalForm, staff_selectors.own_locations),
    K.PHONE: Kind(K.PHONE, PhoneProposalForm, staff_selectors.own_phones),
    K.SCHEDULE: Kind(K.SCHEDULE, ScheduleProposalForm, staff_selectors.own_schedules),
}


def _jsonable(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def current_values(form):
    """Every field of an unbound form as form data (what the record holds now)."""
    return {name: _jsonable(form[name].value()) for name in form.fields}


def submitted_values(form, names):
    """The submitted data of ``names`` of a bound, valid form, as JSON."""
    return {name: _jsonable(form[name].data) for name in names}


def member_form(kind, organization, instance=None, data=None, initial=None):
    """``kind``'s form for ``instance`` of ``organization`` (None: a new record, already
    linked to the institution so that the model's rules can check it)."""
    form = KINDS[kind].form(
        data=data, instance=instance, organization=organization, initial=initial
    )
    if instance is None:
        form.attach(form.instance)
    return form


def bound_form(kind, organization, instance, proposed):
    """``kind``'s form for ``instance`` (None: a new record) bound to what it holds now with
    ``proposed`` on top: validating it checks the record as approving would save it."""
    data = {}
    if instance is not None:
        data = current_values(KINDS[kind].form(instance=instance, organization=organization))
    data.update(proposed)
    return member_form(kind, organization, instance, data)


def _choice_label(field, value):
    for key, label in field.choices:
        if isinstance(label, list | tuple):  # grouped choices
            found = dict(label).get(value)
            if found is not None:
                return found
        elif str(key) == str(value):
            return label
    return value


def shown(field, value):
    """A python value of ``field`` as a reviewer reads it."""
    if value in (None, "", []) and not isinstance(field, forms.BooleanField):
        return EMPTY
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in value) or EMPTY
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        return str(_choice_label(field, value))
    return str(formats.localize(value))


def shown_data(field, data):
    """Form data of ``field`` (as stored in a proposal) as a reviewer reads it."""
    try:
        return shown(field, field.clean(data))
    except ValidationError:
        return str(data) if data not in (None, "") else EMPTY


def _normal(field, data):
    """Form data of ``field`` in a form two spellings of one value share."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return sorted(str(item) for item in data or ())
    if isinstance(field, forms.ModelChoiceField):
        return str(data or "")
    try:
        value = field.to_python(data)
    except ValidationError:
        return data
    return "" if value is None else value


def differs(field, first, second):
    return _normal(field, first) != _normal(field, second)


def diff_rows(change, instance):
    """Each proposed field: its label, its value now, the value proposed and whether it
    changed since the proposal was made (someone else edited it in between)."""
    form_class = KINDS[change.kind].form
    organization = change.organization
    form = form_class(instance=instance, organization=organization)
    now = current_values(form) if instance is not None else {}
    names = list(change.proposed) if change.action != ListingChange.Action.DELETE else list(now)
    rows = []
    for name in names:
        if name not in form.fields:
            continue
        field = form.fields[name]
        current = now.get(name)
        rows.append(
            {
                "label": field.label,
                "current": shown_data(field, current) if instance is not None else EMPTY,
                "proposed": shown_data(field, change.proposed[name])
                if name in change.proposed
                else EMPTY,
                "changed_since": name in change.original
                and instance is not None
                and differs(field, change.original[name], current),
            }
        )
    return rows
