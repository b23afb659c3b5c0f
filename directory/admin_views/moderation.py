"""The directory maintainers' screens: proposed changes (the queue, a proposal field by
field with approve and reject), the re-verification dashboard and the readers' problem
reports."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from directory import problems, proposals, staff_selectors
from directory.display import province_name
from directory.models import ListingChange, ProblemReport
from directory.proposal_forms import diff_rows
from directory.provinces import provinces

from .base import maintainer_view, render


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Approve")), ("reject", gettext_lazy("Reject"))]
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the institution (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _tabs(request, choices, default):
    current = request.GET.get("status", default)
    if current not in dict(choices):
        current = default
    return current, [
        {"key": key, "label": label, "current": key == current} for key, label in choices
    ]


@maintainer_view
def queue(request):
    current, tabs = _tabs(request, ListingChange.Status.choices, ListingChange.Status.PENDING)
    return render(
        request,
        "queue.html",
        {
            "page_title": _("Proposed listing changes"),
            "tabs": tabs,
            "changes": staff_selectors.changes(current).order_by("proposed_at")[:200],
        },
    )


@maintainer_view
@require_http_methods(["GET", "POST"])
def review(request, pk):
    change = get_object_or_404(
        ListingChange.objects.select_related("organization", "proposed_by", "reviewed_by"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    invalid = None
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "approve":
                proposals.approve(change.pk, request.user)
                messages.success(request, _("Approved: the listing is public as proposed."))
            else:
                proposals.reject(change.pk, request.user, note)
                messages.success(request, _("Rejected: the institution was told."))
            return redirect("directory_admin:queue")
        except proposals.AlreadyDecided:
            messages.error(request, _("Someone decided this proposal in the meantime."))
            return redirect("directory_admin:review", change.pk)
        except proposals.NoLongerValid as error:
            invalid = error.form
            messages.error(
                request,
                _("This proposal cannot be applied to the listing as it is now: reject it."),
            )
    target = staff_selectors.change_target(change)
    return render(
        request,
        "review.html",
        {
            "page_title": str(change),
            "change": change,
            "rows": diff_rows(change, target),
            "target_missing": change.object_id is not None and target is None,
            "form": form,
            "invalid": invalid,
        },
        status=409 if invalid is not None else 400 if form.is_bound else 200,
    )


@maintainer_view
def verification(request):
    province = request.GET.get("province", "")
    if province not in provinces():
        province = ""
    groups = staff_selectors.due_rows(staff_selectors.due_services(province=province))
    rows = [row for _organization, items in groups for row in items]
    return render(
        request,
        "verification.html",
        {
            "page_title": _("Listings to re-verify"),
            "groups": [
                {
                    "organization": organization,
                    "rows": [
                        {**row, "province_names": [province_name(p) for p in row["provinces"]]}
                        for row in items
                    ],
                }
                for organization, items in groups
            ],
            "overdue_count": sum(1 for row in rows if row["overdue"]),
            "soon_count": sum(1 for row in rows if not row["overdue"]),
            "provinces": [
                {"code": code, "name": p.name, "selected": code == province}
                for code, p in provinces().items()
            ],
        },
    )


class ResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What was done (internal note, optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@maintainer_view
def problem_list(request):
    current, tabs = _tabs(request, ProblemReport.Status.choices, ProblemReport.Status.OPEN)
    return render(
        request,
        "problems.html",
        {
            "page_title": _("Problem reports"),
            "tabs": tabs,
            "reports": staff_selectors.problem_reports(current)[:200],
        },
    )


@maintainer_view
@require_http_methods(["GET", "POST"])
def problem(request, pk):
    report = get_object_or_404(ProblemReport.objects.select_related("organization"), pk=pk)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if problems.resolve(report.pk, request.user, form.cleaned_data["note"]):
            messages.success(request, _("Resolved; the reader's contact was erased."))
        return redirect("directory_admin:problems")
    return render(
        request,
        "problem.html",
        {"page_title": str(report), "report": report, "form": form},
        status=400 if form.is_bound else 200,
    )
