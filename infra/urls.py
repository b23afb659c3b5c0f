from django.urls import path
from django.utils.translation import gettext_lazy as _

from infra.api import views
from infra.api.content import api_router

# The content API and the site's one OpenAPI document, outside the language prefix.
urlpatterns = [
    path("api/v2/", api_router.urls),
    path("api/openapi.json", views.openapi_json, name="openapi"),
]

# The API page for people, under /es/ and /en/.
localized_urlpatterns = [path(_("api/"), views.api_docs, name="api-docs")]
