"""The readers' problem report form. Spam protection needs no outside service: a field
people never see (robots fill it in) and a signed time (a report sent within seconds of
opening the form, or hours later, is refused); the view adds a rate limit per address."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from directory.models import ProblemReport
from directory.selectors import visible_services

SALT = "directory.problem-report"
MIN_SECONDS = 3  # a person needs longer to read and fill in the form
MAX_AGE = 2 * 3600


def started_token():
    """The signed time the form was shown (the template's hidden ``started``)."""
    return signing.dumps(int(time.time()), salt=SALT)


class ProblemReportForm(forms.ModelForm):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ProblemReport
        fields = ["service", "kind", "description", "contact"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "contact": forms.TextInput(attrs={"autocomplete": "email"}),
        }
        labels = {"service": _("Which service (optional)")}
        help_texts = {
            "description": _(
                "What is wrong and, if you know it, what is right. Do not write about a "
                "person or a case."
            ),
            "contact": _(
                "An e-mail or phone number only if you agree that we ask you about this "
                "report. It is erased once the report is dealt with."
            ),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = visible_services().filter(organization=organization)
        self.fields["service"].empty_label = _("The institution in general")
        self.fields["kind"].choices = ProblemReport.Kind.choices

    @property
    def is_robot(self):
        """The hidden field was filled in: answer as if it worked, store nothing."""
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        data = super().clean()
        try:
            started = signing.loads(self.data.get("started", ""), salt=SALT, max_age=MAX_AGE)
        except signing.SignatureExpired:
            started = 0
        except signing.BadSignature as error:
            raise forms.ValidationError(_("Please send the form again.")) from error
        if not isinstance(started, int) or time.time() - started > MAX_AGE:
            raise forms.ValidationError(
                _("The form was open for a long time: please check it and send it again.")
            )
        if time.time() - started < MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast: please read your report once more and send it again.")
            )
        return data
