from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

# URLs outside the language prefix (none).
urlpatterns = []

pages = [
    path(_("protocol-alerts/"), views.subscribe, name="subscribe"),
    path(_("protocol-alerts/check-your-email/"), views.check_email, name="check_email"),
    path(_("protocol-alerts/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("protocol-alerts/confirmed/"), views.confirmed, name="confirmed"),
    path(_("protocol-alerts/unsubscribe/<str:key>/"), views.unsubscribe, name="unsubscribe"),
]

# Under /es/ and /en/: the public pages of the change alerts.
localized_urlpatterns = [path("", include((pages, "alerts")))]
