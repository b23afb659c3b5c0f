# URLs outside the language prefix (e.g. APIs).
urlpatterns = []

# URLs under /es/ and /en/ for views that are not Wagtail pages.
localized_urlpatterns = []
