from django.urls import path

from directory import api, openapi

# URLs outside the language prefix: the public HSDS 3 API.
urlpatterns = [
    path("api/hsds/", api.root, name="hsds-root"),
    path("api/hsds/openapi.json", openapi.openapi_document, name="hsds-openapi"),
    path("api/hsds/services", api.services, name="hsds-services"),
    path("api/hsds/services/<str:pk>", api.service_detail, name="hsds-service"),
    path("api/hsds/organizations", api.organizations, name="hsds-organizations"),
    path("api/hsds/organizations/<str:pk>", api.organization_detail, name="hsds-organization"),
    path(
        "api/hsds/service_at_locations", api.service_at_locations, name="hsds-service-at-locations"
    ),
    path(
        "api/hsds/service_at_locations/<str:pk>",
        api.service_at_location_detail,
        name="hsds-service-at-location",
    ),
    path("api/hsds/taxonomies", api.taxonomies, name="hsds-taxonomies"),
    path("api/hsds/taxonomies/<str:pk>", api.taxonomy_detail, name="hsds-taxonomy"),
    path("api/hsds/taxonomy_terms", api.taxonomy_terms, name="hsds-taxonomy-terms"),
    path("api/hsds/taxonomy_terms/<str:pk>", api.taxonomy_term_detail, name="hsds-taxonomy-term"),
]

# URLs under /es/ and /en/ for views that are not Wagtail pages (the directory pages are
# routes of DirectoryIndexPage).
localized_urlpatterns = []
