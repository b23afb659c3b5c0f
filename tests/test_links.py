"""Every link on every public page of a factory-built site answers 200, or redirects to a
page that does (issue 17: the training PDF links answered 404). An anonymous reader's
crawl from the home page in both languages (``tests.links``)."""

import pytest
from django.db import transaction
from django.test import Client

from tests.browser.site import build_site
from tests.links import crawl


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_link_on_every_public_page_answers(site):
    start = ["/es/", "/en/"] + [path for paths in site.public.values() for path in paths.values()]
    result = crawl(start)
    print(f"\nLink crawl: {result.summary()}")
    assert not result.broken, "Broken links:\n" + "\n".join(result.broken)
    # The crawl reached the whole site: every kind of public page, and the PDF downloads.
    assert len(result.crawled) >= 2 * len(site.public)
    assert any(link.endswith("handout.pdf") for link in result.seen)
    assert any(link.endswith("manual.pdf") for link in result.seen)
    assert any(anchor.startswith("step-") for _path, anchor in result.anchors)


@pytest.mark.django_db
def test_pdf_addresses_with_a_trailing_slash_redirect_to_the_file(site):
    client = Client()
    module = site.public["training module"]["es"]
    edition = site.public["protocol edition"]["es"]
    for path in (f"{module}handout.pdf/", f"{edition}manual.pdf/"):
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == path.rstrip("/")
