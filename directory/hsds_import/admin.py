"""The admin screens of HSDS imports: upload a file or give an API, read the dry run's
report, confirm, follow the import (the page refreshes itself while it runs, no script)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem

from directory.models import HSDSImport

from . import intake
from .forms import ImportForm
from .records import current_progress
from .report import ImportReport

PERMISSION = "directory.add_hsdsimport"
app_name = "hsds_import"


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@never_cache
def index(request):
    _require(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record = intake.create(
            request.user,
            upload=form.cleaned_data["file"],
            url=form.cleaned_data["url"],
            language=form.cleaned_data["language"],
            partial=form.cleaned_data["partial"],
            report_language=translation.get_language() or "es",
        )
        return redirect("hsds_import:detail", record.pk)
    return render(
        request,
        "directory/hsds_import/index.html",
        {
            "page_title": _("HSDS import"),
            "form": form,
            "imports": HSDSImport.objects.select_related("created_by", "confirmed_by")[:50],
        },
    )


@never_cache
def detail(request, pk):
    _require(request)
    record = get_object_or_404(HSDSImport, pk=pk)
    report = ImportReport.from_dict(record.report) if record.report else None
    return render(
        request,
        "directory/hsds_import/detail.html",
        {
            "page_title": _("HSDS import: %(name)s") % {"name": record.source_name},
            "record": record,
            "report": report,
            "lines": report.lines() if report else [],
            "progress": current_progress(record) if record.busy else "",
        },
    )


@require_POST
def confirm(request, pk):
    _require(request)
    record = get_object_or_404(HSDSImport, pk=pk)
    intake.confirm(record, request.user)
    return redirect("hsds_import:detail", record.pk)


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/confirm/", confirm, name="confirm"),
]


def urls():
    """``register_admin_urls`` hook."""
    return [path("hsds-import/", include((urlpatterns, app_name), namespace=app_name))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def menu_item():
    """``register_admin_menu_item`` hook."""
    return ImportMenuItem(
        gettext_lazy("HSDS import"), reverse("hsds_import:index"), icon_name="upload", order=310
    )
