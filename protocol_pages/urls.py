from django.urls import re_path

from . import views

# URLs outside the language prefix (e.g. APIs).
urlpatterns = []

# URLs under /es/ and /en/ for views that are not Wagtail pages.
localized_urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w-]+/)+)manual\.pdf(?P<slash>/?)$",
        views.handbook,
        name="protocol_handbook",
    ),
]
