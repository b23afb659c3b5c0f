import pytest

from directory.factories import (
    DirectoryIndexPageFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)


@pytest.fixture
def directory_page(home_page):
    return DirectoryIndexPageFactory(parent=home_page)


@pytest.fixture
def make_service(db):
    """A public service with one location; keyword arguments go to the service factory,
    ``location`` to the location factory."""

    def make(location=None, **kwargs):
        service = ServiceFactory(**kwargs)
        place = LocationFactory(organization=service.organization, **(location or {}))
        ServiceAtLocationFactory(service=service, location=place)
        return service

    return make
