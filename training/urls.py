from django.urls import re_path

from . import views

# URLs outside the language prefix (e.g. APIs).
urlpatterns = []

# URLs under /es/ and /en/ for views that are not Wagtail pages.
localized_urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w-]+/)+)(?P<kind>handout|guide)\.pdf(?P<slash>/?)$",
        views.module_pdf,
        name="training_module_pdf",
    ),
]
