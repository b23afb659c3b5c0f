from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from alerts import urls as alerts_urls
from directory import urls as directory_urls
from infra import urls as infra_urls
from offline import urls as offline_urls
from protocol_pages import urls as protocol_urls
from referrals import urls as referrals_urls
from referrals.views.twofactor import sign_out
from search import urls as search_urls
from training import urls as training_urls
from website import routing, views
from website.crawlers import ROBOTS_PATH, SITEMAP_PATH

APPS_URLS = (
    infra_urls,
    directory_urls,
    protocol_urls,
    training_urls,
    search_urls,
    referrals_urls,
    offline_urls,
    alerts_urls,
)

urlpatterns = [
    # Before Wagtail's own: signing out ends the session on GET too (docs/referrals.md).
    path("admin/logout/", sign_out),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(SITEMAP_PATH.lstrip("/"), views.sitemap, name="sitemap"),
    path(ROBOTS_PATH.lstrip("/"), views.robots_txt, name="robots-txt"),
    path("", RedirectView.as_view(url="/es/", permanent=False), name="root-redirect"),
]

# Each app owns its URLs: `urlpatterns` outside the language prefix (APIs) and
# `localized_urlpatterns` under /es/ and /en/ (views that are not Wagtail pages).
for app_urls in APPS_URLS:
    urlpatterns += app_urls.urlpatterns

urlpatterns += i18n_patterns(
    *[pattern for app_urls in APPS_URLS for pattern in app_urls.localized_urlpatterns],
    # Wagtail's page view with the route remembered per content version (website/routing.py).
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
