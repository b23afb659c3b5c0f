from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from directory.selectors import public_organizations


class InstitutionField(forms.ModelChoiceField):
    """A malformed id is "not in the list" too (not the UUID field's own message)."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from error


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Used only to write to you about the protocol's changes; never shown."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, like nombre@ejemplo.ec."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    organization = InstitutionField(
        label=_("Follow only the steps of an institution (optional)"),
        queryset=public_organizations().order_by("name"),
        required=False,
        empty_label=_("The whole protocol"),
        help_text=_(
            "For an institution's staff: you are told only when a step your institution is "
            "responsible for changes."
        ),
        error_messages={"invalid_choice": _("Choose an institution from the list.")},
    )
    language.error_messages = {"invalid_choice": _("Choose Spanish or English.")}
