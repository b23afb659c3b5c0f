"""The directory of the browser tests' site: five fictional organisations in four provinces,
one of them with a confidential shelter."""

import datetime
from decimal import Decimal

from django.utils import timezone

from directory.factories import (
    ContactFactory,
    DirectoryIndexPageFactory,
    LocationFactory,
    OrganizationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    category,
    population,
)
from directory.models import Language, Organization

from .common import (
    _section,
    _t,
)

# --- directory ------------------------------------------------------------------------


def _organization(name, slug, slug_en, description, kind=Organization.Kind.NGO, **kwargs):
    return OrganizationFactory(
        name=name,
        slug=slug,
        slug_en=slug_en,
        description=description["es"],
        description_es=description["es"],
        description_en=description["en"],
        kind=kind,
        **kwargs,
    )


def _service(organization, name, description, categories, places, *, populations=(), **kwargs):
    service = ServiceFactory(
        organization=organization,
        name=name["es"],
        name_es=name["es"],
        name_en=name["en"],
        description=description["es"],
        description_es=description["es"],
        description_en=description["en"],
        categories=[category(code) for code in categories],
        populations=[population(code) for code in populations],
        assured_date=timezone.localdate() - datetime.timedelta(days=40),
        **kwargs,
    )
    for place in places:
        ServiceAtLocationFactory(service=service, location=place)
    Language.objects.create(service=service, code="es", name="Español")
    return service


def build_directory(home):
    directory = _section(
        DirectoryIndexPageFactory,
        home,
        _t("Directorio de servicios", "Service directory"),
        _t("directorio", "directory"),
        _t(
            "Casas de acogida y servicios de atención, por provincia.",
            "Shelters and care services, by province.",
        ),
        intro_es="<p>Instituciones que atienden a víctimas de trata en Ecuador (demostración).</p>",
        intro_en="<p>Institutions that assist victims of trafficking in Ecuador (demo).</p>",
    )

    # A shelter whose house is confidential, with a public office in the same city.
    shelter = _organization(
        "Casa de Acogida Aurora (demo)",
        "casa-de-acogida-aurora",
        "aurora-shelter",
        _t(
            "Acogida temporal y acompañamiento a mujeres, niñas y adolescentes víctimas de "
            "trata. Organización ficticia de demostración.",
            "Temporary shelter and support for women, girls and adolescents who are victims "
            "of trafficking. Fictional demo organisation.",
        ),
        referral_contact_name="Coordinación de casos",
        referral_phone="+593 2-250-0101",
        referral_email="casos@aurora.invalid",
    )
    house = LocationFactory(
        organization=shelter,
        name="Casa Aurora",
        is_confidential=True,
        address_1="Pasaje Reservado 12",
        canton="Quito",
        province="EC-P",
        latitude=Decimal("-0.180653"),
        longitude=Decimal("-78.467834"),
    )
    office = LocationFactory(
        organization=shelter,
        name="Oficina de coordinación",
        address_1="Avenida Ejemplo N12-34",
        canton="Quito",
        province="EC-P",
        latitude=Decimal("-0.2"),
        longitude=Decimal("-78.5"),
    )
    PhoneFactory(location=office, number="+593 2-250-0102", description="Recepción")
    shelter_service = _service(
        shelter,
        _t("Acogida temporal especializada", "Specialised temporary shelter"),
        _t(
            "Alojamiento seguro, alimentación, atención psicosocial y plan de vida.",
            "Safe housing, food, psychosocial care and a life plan.",
        ),
        ["shelter", "psychological"],
        [house],
        populations=["women", "girls", "adolescents"],
        intake_notes="Ingreso solo con derivación de Fiscalía o MIES (demo).",
        accepts_mother_with_children=True,
        minimum_age=12,
        application_process="Derivación por la coordinación de casos.",
    )
    ServiceCapacityFactory(service=shelter_service, available=4, maximum=20)
    PhoneFactory(service=shelter_service, number="+593 99-900-0101", is_staff_only=True)
    ScheduleFactory(
        service=shelter_service, byday="", open_24_hours=True, opens_at=None, closes_at=None
    )
    contact = ContactFactory(service=shelter_service, name="Coordinadora de turno (demo)")
    PhoneFactory(contact=contact, number="+593 99-900-0102")
    counselling = _service(
        shelter,
        _t("Atención psicológica ambulatoria", "Outpatient psychological care"),
        _t("Terapia individual y grupal.", "Individual and group therapy."),
        ["psychological"],
        [office],
        populations=["women"],
    )
    ScheduleFactory(service=counselling)

    prosecutor = _organization(
        "Fiscalía Provincial de Prueba (demo)",
        "fiscalia-provincial-de-prueba",
        "test-provincial-prosecutor",
        _t(
            "Recibe denuncias y protege a víctimas y testigos (institución ficticia).",
            "Receives complaints and protects victims and witnesses (fictional institution).",
        ),
        kind=Organization.Kind.PUBLIC_BODY,
        referral_contact_name="Unidad de protección a víctimas",
        referral_phone="+593 2-398-0100",
    )
    prosecutor_office = LocationFactory(
        organization=prosecutor, name="Edificio central", canton="Quito", province="EC-P"
    )
    _service(
        prosecutor,
        _t("Denuncia y protección de víctimas", "Complaints and victim protection"),
        _t("Recepción de denuncias las 24 horas.", "Complaints received 24 hours a day."),
        ["complaint", "legal"],
        [prosecutor_office],
    )

    coast = _organization(
        "Fundación Costa Segura (demo)",
        "fundacion-costa-segura",
        "safe-coast-foundation",
        _t(
            "Acogida y reintegración en la costa (organización ficticia).",
            "Shelter and reintegration on the coast (fictional organisation).",
        ),
    )
    coast_place = LocationFactory(
        organization=coast, name="Sede Guayaquil", canton="Guayaquil", province="EC-G"
    )
    PhoneFactory(location=coast_place, number="+593 4-259-0101", description="Recepción")
    _service(
        coast,
        _t("Casa de acogida para adolescentes", "Shelter for adolescents"),
        _t("Acogida para adolescentes de 12 a 17 años.", "Shelter for adolescents aged 12–17."),
        ["shelter", "child-protection"],
        [coast_place],
        populations=["adolescents"],
    )
    _service(
        coast,
        _t("Formación en oficios", "Vocational training"),
        _t("Cursos de costura y panadería.", "Sewing and bakery courses."),
        ["vocational"],
        [coast_place],
    )

    south = _organization(
        "Red de Apoyo Austral (demo)",
        "red-de-apoyo-austral",
        "southern-support-network",
        _t("Asesoría legal gratuita (organización ficticia).", "Free legal aid (fictional)."),
    )
    south_place = LocationFactory(
        organization=south, name="Oficina Cuenca", canton="Cuenca", province="EC-A"
    )
    _service(
        south,
        _t("Asesoría legal gratuita", "Free legal aid"),
        _t("Acompañamiento en procesos judiciales.", "Support in court proceedings."),
        ["legal"],
        [south_place],
        populations=["migrants"],
    )

    north = _organization(
        "Centro de Salud Frontera Norte (demo)",
        "centro-de-salud-frontera-norte",
        "northern-border-health-centre",
        _t("Atención médica (institución ficticia).", "Medical care (fictional)."),
        kind=Organization.Kind.PUBLIC_BODY,
    )
    north_place = LocationFactory(
        organization=north, name="Centro de salud", canton="Tulcán", province="EC-C"
    )
    _service(
        north,
        _t("Atención médica integral", "Comprehensive medical care"),
        _t("Medicina general y salud sexual.", "General medicine and sexual health."),
        ["medical"],
        [north_place],
    )
    return directory, {"shelter": shelter, "prosecutor": prosecutor, "coast": coast}
