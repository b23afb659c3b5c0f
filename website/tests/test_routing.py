"""The remembered route (website/routing.py): a page no view restriction covers skips
Wagtail's per-request restriction check, a restricted page never does, and a restriction
added after the route was remembered applies at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory

pytestmark = pytest.mark.django_db


def restriction_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_public_page_skips_the_restriction_check_once_its_route_is_remembered(client, home_page):
    module = TrainingModulePageFactory(parent=TrainingIndexPageFactory(parent=home_page))
    client.get(module.url)  # remembers the route
    response, queries = restriction_queries(client, module.url)
    assert response.status_code == 200
    assert queries == []


def test_restricted_page_is_checked_on_every_request(client, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    module = TrainingModulePageFactory(parent=index)
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):  # the second request has the remembered route
        response, queries = restriction_queries(client, module.url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
        assert queries


def test_restriction_added_after_the_route_was_remembered_applies(client, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    module = TrainingModulePageFactory(parent=index)
    assert client.get(module.url).status_code == 200
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(module.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
