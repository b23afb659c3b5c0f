from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_create, name="create"),
    path("export.csv", views.referral_export, name="export"),
    path("audit/", views.referral_audit, name="audit"),
    path("reports/", views.report_view, name="reports"),
    path("reports.csv", views.report_view, {"fmt": "csv"}, name="reports_csv"),
    path("<uuid:pk>/", views.referral_detail, name="detail"),
    path("<uuid:pk>/edit/", views.referral_edit, name="edit"),
    path("<uuid:pk>/audit/", views.referral_audit, name="referral_audit"),
    path("<uuid:pk>/status/<slug:name>/", views.referral_transition, name="transition"),
]
