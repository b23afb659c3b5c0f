"""Public and restricted content for API tests, built with each app's factories (never the
demo data). Restricted values carry SENTINELS so tests can prove they never leak."""

from directory.factories import (
    ContactFactory,
    DirectoryIndexPageFactory,
    LocationFactory,
    OrganizationFactory,
    PhoneFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
)
from protocol_pages.factories import (
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    step_data,
)
from referrals.factories import ReferralFactory
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory, session_data
from website.factories import make_site_root

SENTINELS = {
    "address": "Calle Reservada 4471",
    "latitude": "-0.123457",
    "direct_phone": "+593 99 771 4471",
    "staff_phone": "+593 99 772 4472",
    "intake_notes": "NOTA-INGRESO-4471",
    "staff_contact": "contacto-reservado-4471@example.invalid",
    "facilitator_notes": "NOTA-FACILITACION-4471",
    "risk_notes": "RIESGO-DERIVACION-4471",
    "needs": "NECESIDAD-DERIVACION-4471",
    "capacity_note": "CAMAS-RESERVADAS-4471",
}


def build_public_content():
    home = make_site_root()
    DirectoryIndexPageFactory(parent=home)
    shelter_org = OrganizationFactory(name="Casa de Acogida Ejemplo")
    shelter = ServiceFactory(
        organization=shelter_org,
        name="Acogida temporal",
        intake_notes=SENTINELS["intake_notes"],
    )
    ServiceCapacityFactory(
        service=shelter, available=3, maximum=12, description=SENTINELS["capacity_note"]
    )
    secret_place = LocationFactory(
        organization=shelter_org,
        is_confidential=True,
        address_1=SENTINELS["address"],
        latitude=SENTINELS["latitude"],
        longitude="-78.5",
        canton="Machala",
        province="EC-O",
    )
    ServiceAtLocationFactory(service=shelter, location=secret_place)
    PhoneFactory(location=secret_place, number=SENTINELS["direct_phone"])
    PhoneFactory(service=shelter, number=SENTINELS["staff_phone"], is_staff_only=True)
    ContactFactory(organization=shelter_org, email=SENTINELS["staff_contact"])
    ServiceFactory(name="Asesoría legal gratuita")

    protocol = ProtocolIndexPageFactory(parent=home)
    edition = ProtocolEditionPageFactory(parent=protocol)
    ProtocolPhasePageFactory(
        parent=edition,
        title="Identificación",
        steps_es=[step_data(1, "Primer contacto", organizations=[(shelter_org, "Acoge")])],
    )

    training = TrainingIndexPageFactory(parent=home)
    TrainingModulePageFactory(
        parent=training,
        sessions_es=[session_data("Sesión 1", notes=SENTINELS["facilitator_notes"])],
        sessions_en=[session_data("Session 1", notes=SENTINELS["facilitator_notes"])],
    )
    return home


def build_referral():
    return ReferralFactory(risk_notes=SENTINELS["risk_notes"], needs=SENTINELS["needs"])
