from django.urls import path

from . import twofactor

app_name = "referrals_2fa"

urlpatterns = [
    path("setup/", twofactor.setup, name="setup"),
    path("verify/", twofactor.verify, name="verify"),
]
