import datetime

import pytest
from django.utils import timezone

from directory.factories import DirectoryIndexPageFactory, ServiceAtLocationFactory
from protocol_pages.factories import (
    ProtocolAnnexPageFactory,
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    ProtocolSubRoutePageFactory,
    step_data,
)


@pytest.fixture
def protocol(home_page):
    """A protocol with a superseded and an in-force edition (two phases, a sub-route and an
    annex), a directory with one service in Pichincha and one in Guayas."""
    today = timezone.localdate()
    index = ProtocolIndexPageFactory(parent=home_page)
    old = ProtocolEditionPageFactory(
        parent=index, effective_date=today - datetime.timedelta(days=400)
    )
    ProtocolPhasePageFactory(parent=old, title="Fase antigua", slug="fase-antigua")
    edition = ProtocolEditionPageFactory(
        parent=index, effective_date=today - datetime.timedelta(days=10)
    )
    phases = [
        ProtocolPhasePageFactory(
            parent=edition,
            steps_es=[step_data(1, "Detectar")],
            steps_en=[step_data(1, "Detect")],
        )
        for _ in range(2)
    ]
    sub_route = ProtocolSubRoutePageFactory(parent=edition)
    annex = ProtocolAnnexPageFactory(parent=edition)
    directory = DirectoryIndexPageFactory(parent=home_page)
    pichincha = ServiceAtLocationFactory(location__province="EC-P")
    ServiceAtLocationFactory(location__province="EC-G")
    return {
        "old": old,
        "edition": edition,
        "sections": [*phases, sub_route, annex],
        "directory": directory,
        "pichincha": pichincha.service.organization,
        "pichincha_service": pichincha.service,
    }
