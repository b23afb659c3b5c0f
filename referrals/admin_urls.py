from django.urls import path

from .views import records, reporting, transitions

app_name = "referrals"

urlpatterns = [
    path("", records.referral_list, name="list"),
    path("new/", records.referral_create, name="create"),
    path("export.csv", reporting.referral_export, name="export"),
    path("audit/", reporting.referral_audit, name="audit"),
    path("reports/", reporting.report_view, name="reports"),
    path("reports.csv", reporting.report_view, {"fmt": "csv"}, name="reports_csv"),
    path("<uuid:pk>/", records.referral_detail, name="detail"),
    path("<uuid:pk>/edit/", records.referral_edit, name="edit"),
    path("<uuid:pk>/audit/", reporting.referral_audit, name="referral_audit"),
    path("<uuid:pk>/status/<slug:name>/", transitions.referral_transition, name="transition"),
]
