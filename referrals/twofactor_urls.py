from django.urls import path

from .views import enrolment, twofactor

app_name = "referrals_2fa"

urlpatterns = [
    path("setup/", twofactor.setup, name="setup"),
    path("verify/", twofactor.verify, name="verify"),
    path("recovery/", twofactor.recovery, name="recovery"),
    path("codes/", enrolment.enrolment_codes, name="codes"),
]
