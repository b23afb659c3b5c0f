"""A small but realistic fictional Ruta for browser tests, built with the apps' factories.

Home with its three sections; a protocol edition in force with four phases (steps with
institutions, deadlines, decisions, warnings and legal references), a sub-route and an
annex; a directory of five organisations in four provinces, one of them with a confidential
shelter; a training catalogue with three modules (one with full sessions); a referral sent
by the shelter to the prosecutor's office. Everything is fictional and marked as demo data.

``build_site()`` returns a :class:`RutaSite` with the paths of every page the accessibility
and page-weight tests visit, per language. It takes a few seconds (``load_demo`` takes a
minute), so each browser test can build its own site.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from directory.factories import (
    ContactFactory,
    DirectoryIndexPageFactory,
    LocationFactory,
    MembershipFactory,
    OrganizationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    category,
    population,
)
from directory.models import Language, Organization, OrganizationMembership
from protocol_pages.factories import (
    ProtocolAnnexPageFactory,
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    ProtocolSubRoutePageFactory,
    step_data,
)
from training.choices import Audience, DeliveryMode, Level, Topic
from training.factories import (
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
    session_data,
)
from website.factories import make_site_root

LANGUAGES = ("es", "en")
DIRECTORY_QUERY = {"es": "acogida", "en": "shelter"}
SITE_QUERY = {"es": "trata", "en": "trafficking"}
# The directory page with a query and two filters: Pichincha and the shelter category.
DIRECTORY_FILTERS = {"province": "EC-P", "category": "shelter"}


@dataclass
class RutaSite:
    """What a browser test needs: public pages by name and language, the referral pages,
    and the objects the signed-in tests use."""

    public: dict = field(default_factory=dict)  # name -> {"es": path, "en": path}
    staff_user: object = None
    referral: object = None
    shelter: object = None
    receiver: object = None
    signed_in: dict = field(default_factory=dict)  # name -> path (language-neutral)

    def public_paths(self, language):
        return [(name, paths[language]) for name, paths in self.public.items()]


def _t(es, en):
    return {"es": es, "en": en}


def _section(factory, parent, titles, slugs, descriptions, **kwargs):
    return factory(
        parent=parent,
        title=titles["es"],
        title_en=titles["en"],
        slug=slugs["es"],
        slug_en=slugs["en"],
        search_description_es=descriptions["es"],
        search_description_en=descriptions["en"],
        show_in_menus=True,
        **kwargs,
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
        capacity=20,
        vacancies=4,
        intake_notes="Ingreso solo con derivación de Fiscalía o MIES (demo).",
        accepts_mother_with_children=True,
        minimum_age=12,
        application_process="Derivación por la coordinación de casos.",
    )
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


# --- protocol -------------------------------------------------------------------------


def _phase_steps(language, organizations):
    shelter, prosecutor = organizations
    es = language == "es"
    texts = {
        "detect": ("Detectar indicios de trata", "Spot signs of trafficking"),
        "detect_summary": (
            "Cualquier servidor público que sospeche de un caso activa la ruta.",
            "Any public servant who suspects a case activates the route.",
        ),
        "safety": ("Garantizar la seguridad inmediata", "Ensure immediate safety"),
        "interview": ("Entrevista inicial única", "Single initial interview"),
        "risk": ("Valorar el riesgo", "Assess the risk"),
        "refer": ("Derivar a acogida", "Refer to a shelter"),
        "danger_q": ("¿Hay peligro inmediato?", "Is there immediate danger?"),
        "yes": ("Sí", "Yes"),
        "no": ("No", "No"),
        "warning": (
            "No revictimizar: una sola entrevista, en un lugar privado.",
            "Do not revictimise: one interview only, in a private place.",
        ),
        "children": (
            "Con niñas, niños y adolescentes, notificar de inmediato a la DINAPEN.",
            "With children and adolescents, notify DINAPEN at once.",
        ),
        "act1": (
            "Separar a la persona del posible tratante",
            "Separate the person from the possible trafficker",
        ),
        "act2": ("Llamar al ECU 911 si hay peligro", "Call ECU 911 if there is danger"),
        "act3": ("Registrar solo los datos mínimos", "Record only the minimum data"),
        "first_contact": ("el primer contacto", "the first contact"),
        "role_shelter": ("Acoge a la víctima", "Shelters the victim"),
        "role_prosecutor": ("Recibe la denuncia", "Receives the complaint"),
        "law": ("Código Orgánico Integral Penal", "Comprehensive Organic Criminal Code"),
    }

    def t(key):
        return texts[key][0 if es else 1]

    return [
        step_data(
            1,
            t("detect"),
            summary=t("detect_summary"),
            organizations=[(prosecutor, t("role_prosecutor"))],
            actions=[t("act1"), t("act3")],
            deadline={"amount": 24, "unit": "hours", "from_event": t("first_contact")},
            decisions=[
                {
                    "question": t("danger_q"),
                    "answer": t("yes"),
                    "next_step": None,
                    "sub_route": "crisis",
                },
                {"question": t("danger_q"), "answer": t("no"), "next_step": 3, "sub_route": ""},
            ],
            warnings=[t("warning")],
            children_instructions=t("children"),
            legal_references=[{"instrument": t("law"), "article": "91"}],
        ),
        step_data(
            2,
            t("safety"),
            summary=t("detect_summary"),
            organizations=[(shelter, t("role_shelter")), (prosecutor, t("role_prosecutor"))],
            actions=[t("act2"), t("act1")],
            deadline={"amount": 2, "unit": "hours", "from_event": t("first_contact")},
            warnings=[t("warning")],
            legal_references=[{"instrument": t("law"), "article": "92"}],
        ),
        step_data(
            3,
            t("interview"),
            organizations=[(prosecutor, t("role_prosecutor"))],
            actions=[t("act3")],
            deadline={"amount": 72, "unit": "hours", "from_event": t("first_contact")},
            warnings=[t("warning")],
        ),
        step_data(4, t("risk"), actions=[t("act3"), t("act2")]),
        step_data(
            5,
            t("refer"),
            organizations=[(shelter, t("role_shelter"))],
            actions=[t("act1")],
            children_instructions=t("children"),
        ),
    ]


def build_protocol(home, organizations):
    today = timezone.localdate()
    index = _section(
        ProtocolIndexPageFactory,
        home,
        _t("Protocolo de la ruta de asistencia", "Assistance-route protocol"),
        _t("protocolo", "protocol"),
        _t(
            "Qué hacer, en qué orden y con qué institución ante una posible víctima.",
            "What to do, in which order and with which institution for a possible victim.",
        ),
    )
    edition = ProtocolEditionPageFactory(
        parent=index,
        title="Edición 2024",
        title_en="2024 edition",
        slug="edicion-2024",
        slug_en="edition-2024",
        effective_date=today - datetime.timedelta(days=300),
        summary_es="<p>Protocolo nacional para la asistencia a víctimas (demostración).</p>",
        summary_en="<p>National protocol for assisting victims (demo).</p>",
        principles_es=[
            {
                "type": "principle",
                "id": str(uuid.uuid4()),
                "value": {"name": "No revictimización", "explanation": "Una sola entrevista."},
            }
        ],
        principles_en=[
            {
                "type": "principle",
                "id": str(uuid.uuid4()),
                "value": {"name": "No revictimisation", "explanation": "One interview only."},
            }
        ],
    )
    edition.approving_institutions.add(organizations[1])
    edition.save()  # a ParentalManyToManyField is written when the page is saved
    phases = [
        (_t("Identificación", "Identification"), _t("identificacion", "identification")),
        (
            _t("Protección inmediata", "Immediate protection"),
            _t("proteccion-inmediata", "immediate-protection"),
        ),
        (_t("Asistencia integral", "Comprehensive assistance"), _t("asistencia", "assistance")),
        (_t("Reintegración", "Reintegration"), _t("reintegracion", "reintegration")),
    ]
    first_phase = None
    for number, (titles, slugs) in enumerate(phases, start=1):
        steps = {language: _phase_steps(language, organizations) for language in LANGUAGES}
        if number > 1:  # later phases are shorter; the first is the one tests weigh
            steps = {language: value[:2] for language, value in steps.items()}
        phase = ProtocolPhasePageFactory(
            parent=edition,
            title=titles["es"],
            title_en=titles["en"],
            slug=slugs["es"],
            slug_en=slugs["en"],
            intro_es="<p>Pasos de esta fase, en orden.</p>",
            intro_en="<p>The steps of this phase, in order.</p>",
            steps_es=steps["es"],
            steps_en=steps["en"],
        )
        first_phase = first_phase or phase
    ProtocolSubRoutePageFactory(
        parent=edition,
        title="Intervención en crisis",
        title_en="Crisis intervention",
        slug="intervencion-en-crisis",
        slug_en="crisis-intervention",
        kind="crisis",
        steps_es=[step_data(1, "Contención emocional")],
        steps_en=[step_data(1, "Emotional containment")],
    )
    ProtocolAnnexPageFactory(
        parent=edition, title="Glosario", title_en="Glossary", slug="glosario", slug_en="glossary"
    )
    return index, edition, first_phase


# --- training -------------------------------------------------------------------------


def build_training(home, author, related_service):
    index = _section(
        TrainingIndexPageFactory,
        home,
        _t("Formación", "Training"),
        _t("formacion", "training"),
        _t(
            "Módulos de habilidades para la vida y formación ocupacional.",
            "Life-skills and vocational training modules.",
        ),
    )
    sessions = {
        language: [
            session_data(
                title,
                minutes=90,
                activities=[(a, 20, d) for a, d in activities] + [(closing, 10)],
                materials=materials,
                checklist=checklist,
                notes="Nota para facilitadoras (no pública).",
            )
            for title, activities, closing, materials, checklist in content
        ]
        for language, content in {
            "es": [
                (
                    "Quién soy",
                    [
                        ("Ronda de presentación", "Cada persona dice su nombre."),
                        ("Mapa de fortalezas", "Dibujar tres cosas que sabe hacer bien."),
                    ],
                    "Cierre",
                    ["Papelógrafos", "Marcadores"],
                    ["Nombra dos fortalezas propias"],
                ),
                (
                    "Mi proyecto de vida",
                    [
                        ("Línea del tiempo", "Metas a uno y cinco años."),
                        ("Recursos", "Personas e instituciones de apoyo."),
                    ],
                    "Cierre",
                    ["Hojas", "Lápices"],
                    ["Escribe una meta a un año"],
                ),
            ],
            "en": [
                (
                    "Who I am",
                    [
                        ("Round of introductions", "Everyone says their name."),
                        ("Strengths map", "Draw three things you do well."),
                    ],
                    "Closing",
                    ["Flip charts", "Markers"],
                    ["Names two of their strengths"],
                ),
                (
                    "My life plan",
                    [
                        ("Timeline", "Goals at one and five years."),
                        ("Resources", "People and institutions that support you."),
                    ],
                    "Closing",
                    ["Sheets", "Pencils"],
                    ["Writes one goal for next year"],
                ),
            ],
        }.items()
    }
    module = TrainingModulePageFactory(
        parent=index,
        title="Autoestima y proyecto de vida",
        title_en="Self-esteem and life plan",
        slug="autoestima-y-proyecto-de-vida",
        slug_en="self-esteem-and-life-plan",
        summary="Fortalecer la autoestima y construir un plan de vida propio.",
        summary_es="Fortalecer la autoestima y construir un plan de vida propio.",
        summary_en="Build self-esteem and a life plan of one's own.",
        topic=Topic.LIFE_SKILLS,
        audience=Audience.ADULTS,
        level=Level.INTRODUCTORY,
        duration_hours=Decimal("3"),
        delivery_mode=DeliveryMode.GROUP,
        author_organization=author,
        learning_objectives_es="<ul><li>Reconocer fortalezas propias</li></ul>",
        learning_objectives_en="<ul><li>Recognise one's own strengths</li></ul>",
        safety_notes_es="<p>Evitar preguntas sobre la experiencia de explotación.</p>",
        safety_notes_en="<p>Avoid questions about the experience of exploitation.</p>",
        content_warning_es="Se habla de experiencias difíciles.",
        content_warning_en="Difficult experiences are discussed.",
        last_reviewed=timezone.localdate() - datetime.timedelta(days=60),
        sessions_es=sessions["es"],
        sessions_en=sessions["en"],
    )
    module.related_services.add(related_service)
    module.save()
    TrainingModulePageFactory(
        parent=index,
        title="Presupuesto familiar",
        title_en="Household budget",
        slug="presupuesto-familiar",
        slug_en="household-budget",
        topic=Topic.FINANCIAL,
        level=Level.INTERMEDIATE,
        duration_hours=Decimal("8"),
        delivery_mode=DeliveryMode.BOTH,
    )
    TrainingModulePageFactory(
        parent=index,
        title="Panadería básica",
        title_en="Basic bakery",
        slug="panaderia-basica",
        slug_en="basic-bakery",
        topic=Topic.TRADES,
        audience=Audience.ADOLESCENTS,
        duration_hours=Decimal("40"),
    )
    return index, module


# --- referrals ------------------------------------------------------------------------


def build_referral(shelter, receiver):
    """A referral the shelter sent to the prosecutor's office, and a shelter manager."""
    from referrals.audit import Actor
    from referrals.factories import ReferralFactory
    from referrals.services import change_status

    staff = MembershipFactory(
        organization=shelter, role=OrganizationMembership.Role.MANAGER, user__username="gestora"
    ).user
    referral = ReferralFactory(
        sending_organization=shelter,
        receiving_organization=receiver,
        created_by=staff,
        needs="Acogida temporal y acompañamiento a la denuncia (caso ficticio).",
    )
    referral.requested_services.set([category("shelter"), category("legal")])
    change_status(referral, "send", Actor.for_user(staff), {"sender"}, referral.version)
    return staff, referral


# --- the whole site -------------------------------------------------------------------


def build_site(quick_exit_url=None):
    from website.models import SiteSettings

    home = make_site_root(
        intro_es="<p>Ruta reúne el protocolo, el directorio y la formación (demostración).</p>",
        intro_en="<p>Ruta brings together the protocol, the directory and training (demo).</p>",
    )
    if quick_exit_url:
        settings = SiteSettings.load()
        settings.quick_exit_url = quick_exit_url
        settings.save()
    directory, orgs = build_directory(home)
    _index, edition, phase = build_protocol(home, (orgs["shelter"], orgs["prosecutor"]))
    training, module = build_training(
        home, orgs["coast"], orgs["shelter"].services.order_by("name").first()
    )
    staff, referral = build_referral(orgs["shelter"], orgs["prosecutor"])
    # Search entries are written by on_commit tasks as the objects are saved; rebuilding
    # makes the site search independent of the order those tasks ran in.
    call_command("search_index", "--rebuild", verbosity=0, stdout=StringIO())

    site = RutaSite(staff_user=staff, referral=referral, shelter=orgs["shelter"])
    site.receiver = orgs["prosecutor"]

    def url(page, language, suffix=""):
        with translation.override(language):
            return page.specific.get_url() + suffix

    def search_url(language):
        with translation.override(language):
            return f"{reverse('site-search')}?q={SITE_QUERY[language]}"

    shelter_slugs = {"es": orgs["shelter"].slug_es, "en": orgs["shelter"].slug_en}
    query = {
        language: f"?q={DIRECTORY_QUERY[language]}&province={DIRECTORY_FILTERS['province']}"
        f"&category={DIRECTORY_FILTERS['category']}"
        for language in LANGUAGES
    }
    site.public = {
        "home": {language: f"/{language}/" for language in LANGUAGES},
        "protocol edition": {language: url(edition, language) for language in LANGUAGES},
        "protocol phase": {language: url(phase, language) for language in LANGUAGES},
        "directory results": {
            language: url(directory, language, query[language]) for language in LANGUAGES
        },
        "organisation": {
            language: url(directory, language, f"{shelter_slugs[language]}/")
            for language in LANGUAGES
        },
        "coverage": {
            language: url(directory, language, {"es": "cobertura/", "en": "coverage/"}[language])
            for language in LANGUAGES
        },
        "training catalogue": {language: url(training, language) for language in LANGUAGES},
        "training module": {language: url(module, language) for language in LANGUAGES},
        "site search": {language: search_url(language) for language in LANGUAGES},
    }
    site.signed_in = {
        "referral form": f"/admin/referrals/new/?receiver={orgs['prosecutor'].pk}",
        "referral record": f"/admin/referrals/{referral.pk}/",
    }
    return site
