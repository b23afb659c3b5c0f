"""A small protocol tree: index → edition in force (2 phases, 1 sub-route, 1 annex) and a
superseded edition whose steps share some block ids (as if copied in the admin)."""

import datetime

import pytest
from django.utils import timezone

from directory.models import Location, Organization, Service, ServiceAtLocation, ServiceCapacity
from protocol_pages.factories import (
    ProtocolAnnexPageFactory,
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    ProtocolSubRoutePageFactory,
    step_data,
)

SHARED_ID = "0b3c5d2e-0000-4000-8000-000000000001"
CHANGED_ID = "0b3c5d2e-0000-4000-8000-000000000002"
REMOVED_ID = "0b3c5d2e-0000-4000-8000-000000000003"
ADDED_ID = "0b3c5d2e-0000-4000-8000-000000000004"


def make_organization(name, slug, **kwargs):
    return Organization.objects.create(
        name=name,
        slug=slug,
        slug_es=slug,
        slug_en=slug,
        description="Organización ficticia de prueba.",
        description_es="Organización ficticia de prueba.",
        description_en="Fictional test organisation.",
        is_demo=True,
        **kwargs,
    )


@pytest.fixture
def organization(db):
    org = make_organization(
        "Fundación Prueba (demo)",
        "fundacion-prueba",
        referral_contact_name="Coordinación de casos",
        referral_phone="+593 2 000 0000",
        referral_email="casos@prueba.invalid",
    )
    service = Service.objects.create(
        organization=org,
        name="Acogida temporal (demo)",
        name_es="Acogida temporal (demo)",
        name_en="Temporary shelter (demo)",
        description="Servicio ficticio.",
        intake_notes="NOTA INTERNA CONFIDENCIAL",
    )
    ServiceCapacity.objects.create(service=service, available=3, maximum=12)
    location = Location.objects.create(
        organization=org,
        name="Casa confidencial",
        address_1="Calle Secreta 123",
        canton="Quito",
        province="EC-P",
        is_confidential=True,
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    return org


@pytest.fixture
def protocol(home_page, organization):
    today = timezone.localdate()
    index = ProtocolIndexPageFactory(parent=home_page)
    old = ProtocolEditionPageFactory(
        parent=index,
        title="Edición 2013",
        title_en="Edition 2013",
        slug="edicion-2013",
        slug_en="edition-2013",
        effective_date=today - datetime.timedelta(days=3000),
    )
    ProtocolPhasePageFactory(
        parent=old,
        title="Identificación",
        title_en="Identification",
        slug="identificacion",
        slug_en="identification",
        steps_es=[
            step_data(1, "Detectar indicios", block_id=SHARED_ID),
            step_data(2, "Entrevista inicial", block_id=CHANGED_ID),
            step_data(3, "Paso retirado", block_id=REMOVED_ID),
        ],
    )
    current = ProtocolEditionPageFactory(
        parent=index,
        title="Edición 2024",
        title_en="Edition 2024",
        slug="edicion-2024",
        slug_en="edition-2024",
        effective_date=today - datetime.timedelta(days=30),
        editors_note_es="<p>Se agregó la evaluación de riesgo.</p>",
        editors_note_en="<p>Risk assessment added.</p>",
    )
    current.approving_institutions.add(organization)
    current.save()
    phase_steps_es = [
        step_data(
            1,
            "Detectar indicios",
            block_id=SHARED_ID,
            organizations=[(organization, "Acoge a la víctima")],
            actions=["Garantizar la seguridad de la persona"],
            deadline={"amount": 24, "unit": "hours", "from_event": "el primer contacto"},
            decisions=[
                {
                    "question": "¿Hay peligro inmediato?",
                    "answer": "Sí",
                    "next_step": None,
                    "sub_route": "crisis",
                },
            ],
            warnings=["No revictimizar: una sola entrevista."],
        ),
        step_data(2, "Entrevista inicial ampliada", block_id=CHANGED_ID),
        step_data(3, "Evaluación de riesgo", block_id=ADDED_ID),
    ]
    phase_steps_en = [
        step_data(
            1,
            "Spot the indicators",
            block_id=SHARED_ID,
            organizations=[(organization, "Shelters the victim")],
            actions=["Ensure the person's safety"],
            deadline={"amount": 24, "unit": "hours", "from_event": "the first contact"},
            decisions=[
                {
                    "question": "Is there immediate danger?",
                    "answer": "Yes",
                    "next_step": None,
                    "sub_route": "crisis",
                },
            ],
            warnings=["Do not revictimise: one interview only."],
        ),
        step_data(2, "Extended initial interview", block_id=CHANGED_ID),
        step_data(3, "Risk assessment", block_id=ADDED_ID),
    ]
    phase1 = ProtocolPhasePageFactory(
        parent=current,
        title="Identificación",
        title_en="Identification",
        slug="identificacion",
        slug_en="identification",
        steps_es=phase_steps_es,
        steps_en=phase_steps_en,
    )
    phase2 = ProtocolPhasePageFactory(
        parent=current,
        title="Protección inmediata",
        title_en="Immediate protection",
        slug="proteccion-inmediata",
        slug_en="immediate-protection",
        steps_es=[step_data(4, "Traslado a una casa de acogida")],
        steps_en=[step_data(4, "Move to a shelter")],
    )
    crisis = ProtocolSubRoutePageFactory(
        parent=current,
        title="Intervención en crisis",
        title_en="Crisis intervention",
        slug="intervencion-en-crisis",
        slug_en="crisis-intervention",
        kind="crisis",
        steps_es=[step_data(1, "Contención emocional")],
        steps_en=[step_data(1, "Emotional containment")],
    )
    annex = ProtocolAnnexPageFactory(
        parent=current,
        title="Glosario",
        title_en="Glossary",
        slug="glosario",
        slug_en="glossary",
    )
    return {
        "index": index,
        "old": old,
        "current": current,
        "phase1": phase1,
        "phase2": phase2,
        "crisis": crisis,
        "annex": annex,
    }
