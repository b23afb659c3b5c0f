from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import views

# URLs outside the language prefix (e.g. APIs).
urlpatterns = []

# URLs under /es/ and /en/ for views that are not Wagtail pages.
localized_urlpatterns = [
    path(_("search/"), views.site_search, name="site-search"),
    path(_("directory/search/"), views.directory_search, name="directory-search"),
]
