from django.urls import path

from offline import views

# From the site root: a service worker's scope is the folder it is served from.
urlpatterns = [
    path("sw.js", views.service_worker, name="offline-service-worker"),
    path("manifest.webmanifest", views.web_manifest, name="offline-manifest"),
]

localized_urlpatterns = [
    path("offline/", views.fallback, name="offline-fallback"),
    path("offline/pack.json", views.pack, name="offline-pack"),
]
