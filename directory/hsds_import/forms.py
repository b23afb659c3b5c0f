from django import forms
from django.utils.translation import gettext_lazy as _

from .limits import Unreadable, limit
from .remote import check_url


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS file"),
        required=False,
        help_text=_(
            "A zip archive of a data package (datapackage.json and its CSV files), or an HSDS "
            "JSON file (any shape, NDJSON too)."
        ),
    )
    url = forms.URLField(
        label=_("or the address of an HSDS 3 API"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("Its root (https://…/api/) or one list, such as https://…/services."),
    )
    language = forms.ChoiceField(
        label=_("Language of the texts"), choices=[("es", _("Spanish")), ("en", _("English"))]
    )
    partial = forms.BooleanField(
        label=_("Import the valid rows even if some are rejected"),
        required=False,
        help_text=_("Without this, nothing is imported if any row is rejected."),
    )

    def clean(self):
        data = super().clean()
        upload, url = data.get("file"), data.get("url")
        if bool(upload) == bool(url):
            raise forms.ValidationError(_("Give a file or the address of an API (one of them)."))
        if upload and upload.size > limit("HSDS_IMPORT_MAX_BYTES"):
            self.add_error(
                "file",
                _("The file is larger than the import limit (%(limit)s MB).")
                % {"limit": limit("HSDS_IMPORT_MAX_BYTES") // (1024 * 1024)},
            )
        if url:
            try:
                check_url(url)
            except Unreadable as error:
                self.add_error("url", str(error))
        return data


class ConfirmForm(forms.Form):
    """Only a button: the maintainer confirms the import the dry run described."""
