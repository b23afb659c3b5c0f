from django.urls import path

from .admin_views import capacity, listing, memberships, moderation

app_name = "directory_admin"

urlpatterns = [
    path("listing/", listing.listing_home, name="listing_home"),
    path("listing/<uuid:org>/", listing.listing, name="listing"),
    path("listing/<uuid:org>/changes/<uuid:pk>/", listing.member_change, name="member_change"),
    path("listing/<uuid:org>/confirm/<uuid:pk>/", listing.confirm, name="confirm"),
    path("listing/<uuid:org>/<slug:kind>/new/", listing.propose, name="propose_new"),
    path("listing/<uuid:org>/<slug:kind>/<uuid:pk>/", listing.propose, name="propose"),
    path("listing/<uuid:org>/<slug:kind>/<uuid:pk>/remove/", listing.remove, name="remove"),
    path("capacity/", capacity.capacity_home, name="capacity_home"),
    path("capacity/<uuid:pk>/", capacity.capacity, name="capacity"),
    path("hsds/services/<uuid:pk>", capacity.hsds_service_view, name="hsds_service"),
    path("hsds/service_capacity", capacity.hsds_capacities, name="hsds_capacities"),
    path("changes/", moderation.queue, name="queue"),
    path("changes/<uuid:pk>/", moderation.review, name="review"),
    path("verification/", moderation.verification, name="verification"),
    path("problems/", moderation.problem_list, name="problems"),
    path("problems/<uuid:pk>/", moderation.problem, name="problem"),
    path("staff/", memberships.memberships_home, name="memberships_home"),
    path("staff/<uuid:org>/", memberships.organization_members, name="memberships"),
    path("staff/<uuid:org>/<int:pk>/", memberships.membership, name="membership"),
]
