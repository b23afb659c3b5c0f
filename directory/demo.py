"""Fictional directory content for demonstrations, plus the real public bodies' public role.

Everything fictional is marked ``is_demo`` and its phone descriptions say "ficticio"; real
public bodies carry only their public role (no invented contact details: their referral
contact points to ECU 911 and 1800-DELITO). Ids are uuid5 values, so loading twice updates
instead of duplicating.

Other apps may find demo organisations by slug (``slug_es``; Spanish is the default
language) through ``DEMO_ORG_SLUGS``:

- ``fiscalia``: Fiscalía General del Estado (SPAVT) — real public body;
- ``mies``, ``interior``, ``defensoria_publica``, ``salud``, ``cancilleria``,
  ``defensoria_pueblo``, ``secap``, ``dinapen``, ``educacion`` — real public bodies;
- ``acogida``: a fictional shelter in Pichincha (member: ``staff_acogida``);
- ``otra``: a fictional NGO in Guayas (member: ``staff_otra``).

Demo users (password ``ruta-demo-2026``): ``staff_acogida`` (acogida), ``staff_fiscalia``
(fiscalia) and ``staff_otra`` (otra).
"""

import uuid
from datetime import date, time

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from directory.models import (
    Language,
    Location,
    Organization,
    OrganizationMembership,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.provinces import provinces
from directory.vocabulary import CATEGORY_TERMS, POPULATION_TERMS, ensure_vocabularies

NAMESPACE = uuid.UUID("a6f4b0de-51c3-4c1b-9a8e-1f0f3f6e2b44")
DEMO_PASSWORD = "ruta-demo-2026"  # noqa: S105 - development-only demo accounts, stated in README
REFERRAL_VIA_EMERGENCY = "ECU 911 (emergencias) / 1800-DELITO (1800 335486)"

# (key, name, English description, Spanish description, service categories)
PUBLIC_BODIES = [
    (
        "fiscalia",
        "Fiscalía General del Estado (SPAVT)",
        "Receives complaints of trafficking and runs the victim and witness protection "
        "system (SPAVT).",
        "Recibe denuncias de trata y gestiona el Sistema de Protección y Asistencia a "
        "Víctimas, Testigos y otros participantes del proceso penal (SPAVT).",
        ["complaint", "legal"],
    ),
    (
        "mies",
        "Ministerio de Inclusión Económica y Social (MIES)",
        "Funds and regulates shelters for victims; social protection services.",
        "Financia y regula las casas de acogida para víctimas; servicios de protección social.",
        ["shelter", "child-protection"],
    ),
    (
        "interior",
        "Ministerio del Interior",
        "Chairs the interinstitutional committee against trafficking; "
        "anti-trafficking directorate.",
        "Preside el comité interinstitucional contra la trata; "
        "dirección contra la trata de personas.",
        ["complaint"],
    ),
    (
        "defensoria_publica",
        "Defensoría Pública",
        "Free legal defence and representation for victims.",
        "Defensa y patrocinio legal gratuito para víctimas.",
        ["legal"],
    ),
    (
        "salud",
        "Ministerio de Salud Pública",
        "Emergency and comprehensive health care in the public network.",
        "Atención de salud de emergencia e integral en la red pública.",
        ["medical", "psychological"],
    ),
    (
        "cancilleria",
        "Ministerio de Relaciones Exteriores y Movilidad Humana",
        "Consular assistance, repatriation of Ecuadorians found abroad and "
        "human-mobility services.",
        "Asistencia consular, repatriación de personas ecuatorianas en el exterior y "
        "servicios de movilidad humana.",
        ["return", "mobility"],
    ),
    (
        "defensoria_pueblo",
        "Defensoría del Pueblo",
        "Protects and promotes human rights; receives complaints about rights violations.",
        "Protege y promueve los derechos humanos; recibe quejas por vulneración de derechos.",
        ["legal"],
    ),
    (
        "secap",
        "Servicio Ecuatoriano de Capacitación Profesional (SECAP)",
        "Public vocational training courses.",
        "Cursos públicos de formación profesional.",
        ["vocational"],
    ),
    (
        "dinapen",
        "DINAPEN (Policía Nacional)",
        "Police unit specialised in children and adolescents.",
        "Unidad de la Policía Nacional especializada en niñas, niños y adolescentes.",
        ["child-protection", "complaint"],
    ),
    (
        "educacion",
        "Ministerio de Educación",
        "Access to and continuity of schooling for children and adolescents.",
        "Acceso y continuidad educativa para niñas, niños y adolescentes.",
        ["education"],
    ),
]

# Fictional organisations: (key, Spanish name, English name, province, canton, kind, shelter?)
FICTIONAL = [
    ("acogida", "Casa de Acogida Amanecer", "Amanecer Shelter", "EC-P", "Quito", "ngo", True),
    (
        "p2",
        "Fundación Senderos de Esperanza",
        "Paths of Hope Foundation",
        "EC-P",
        "Quito",
        "ngo",
        True,
    ),
    (
        "p3",
        "Centro Psicológico Raíces",
        "Raíces Psychological Centre",
        "EC-P",
        "Quito",
        "ngo",
        False,
    ),
    ("p4", "Red Jurídica Equidad", "Equidad Legal Network", "EC-P", "Quito", "ngo", False),
    (
        "p5",
        "Taller Escuela Nuevos Oficios",
        "New Trades Workshop School",
        "EC-P",
        "Rumiñahui",
        "ngo",
        False,
    ),
    (
        "p6",
        "Consultorio Comunitario San Roque",
        "San Roque Community Clinic",
        "EC-P",
        "Quito",
        "local",
        False,
    ),
    ("p7", "Fundación Caminos de Vuelta", "Ways Back Foundation", "EC-P", "Cayambe", "ngo", False),
    (
        "p8",
        "Junta Cantonal de Protección de Derechos de Mejía",
        "Mejía Cantonal Rights Protection Board",
        "EC-P",
        "Mejía",
        "local",
        False,
    ),
    (
        "otra",
        "Fundación Manos Unidas del Guayas",
        "Guayas Joined Hands Foundation",
        "EC-G",
        "Guayaquil",
        "ngo",
        False,
    ),
    (
        "g2",
        "Casa Refugio Brisas del Estero",
        "Brisas del Estero Safe House",
        "EC-G",
        "Guayaquil",
        "ngo",
        True,
    ),
    (
        "g3",
        "Centro de Atención Integral Malecón",
        "Malecón Comprehensive Care Centre",
        "EC-G",
        "Guayaquil",
        "ngo",
        False,
    ),
    (
        "g4",
        "Asociación Mujeres del Puerto",
        "Port Women's Association",
        "EC-G",
        "Durán",
        "ngo",
        False,
    ),
    (
        "g5",
        "Clínica Solidaria Las Peñas",
        "Las Peñas Solidarity Clinic",
        "EC-G",
        "Guayaquil",
        "ngo",
        False,
    ),
    (
        "g6",
        "Programa Municipal Nuevos Horizontes",
        "New Horizons Municipal Programme",
        "EC-G",
        "Samborondón",
        "local",
        False,
    ),
    (
        "g7",
        "Servicio Jesuita de Apoyo al Migrante (demo)",
        "Migrant Support Service (demo)",
        "EC-G",
        "Guayaquil",
        "international",
        False,
    ),
    ("o1", "Casa de Acogida Orquídea", "Orquídea Shelter", "EC-O", "Machala", "ngo", True),
    (
        "o2",
        "Fundación Frontera Sur",
        "Southern Border Foundation",
        "EC-O",
        "Huaquillas",
        "ngo",
        False,
    ),
    (
        "o3",
        "Centro de Formación Bananera",
        "Banana Coast Training Centre",
        "EC-O",
        "Machala",
        "ngo",
        False,
    ),
    ("o4", "Consultorio Jurídico Pasaje", "Pasaje Legal Clinic", "EC-O", "Pasaje", "ngo", False),
    (
        "o5",
        "Red de Salud Comunitaria Santa Rosa",
        "Santa Rosa Community Health Network",
        "EC-O",
        "Santa Rosa",
        "local",
        False,
    ),
    (
        "o6",
        "Fundación Puerto Bolívar",
        "Puerto Bolívar Foundation",
        "EC-O",
        "Machala",
        "ngo",
        False,
    ),
    ("a1", "Centro de Apoyo Tomebamba", "Tomebamba Support Centre", "EC-A", "Cuenca", "ngo", False),
    ("a2", "Casa de Acogida Cuatro Ríos", "Cuatro Ríos Shelter", "EC-A", "Cuenca", "ngo", True),
    ("m1", "Fundación Mar y Tierra", "Sea and Land Foundation", "EC-M", "Manta", "ngo", False),
    (
        "m2",
        "Centro Comunitario Portoviejo",
        "Portoviejo Community Centre",
        "EC-M",
        "Portoviejo",
        "local",
        False,
    ),
    ("e1", "Fundación Manglares", "Mangroves Foundation", "EC-E", "Esmeraldas", "ngo", False),
    ("e2", "Casa Refugio Costa Verde", "Costa Verde Safe House", "EC-E", "Esmeraldas", "ngo", True),
    (
        "u1",
        "Fundación Frontera Norte",
        "Northern Border Foundation",
        "EC-U",
        "Lago Agrio",
        "ngo",
        False,
    ),
    (
        "u2",
        "Centro de Movilidad Humana Amazonía",
        "Amazon Human Mobility Centre",
        "EC-U",
        "Lago Agrio",
        "international",
        False,
    ),
    (
        "i1",
        "Fundación Imbabura Solidaria",
        "Imbabura Solidarity Foundation",
        "EC-I",
        "Ibarra",
        "ngo",
        False,
    ),
    (
        "i2",
        "Centro Intercultural Otavalo",
        "Otavalo Intercultural Centre",
        "EC-I",
        "Otavalo",
        "ngo",
        False,
    ),
    ("c1", "Red de Protección Carchi", "Carchi Protection Network", "EC-C", "Tulcán", "ngo", False),
    ("l1", "Fundación Sur Andino", "Southern Andes Foundation", "EC-L", "Loja", "ngo", False),
    (
        "l2",
        "Centro de Capacitación Vilcabamba",
        "Vilcabamba Training Centre",
        "EC-L",
        "Loja",
        "ngo",
        False,
    ),
    ("t1", "Fundación Volcán", "Volcano Foundation", "EC-T", "Ambato", "ngo", False),
    ("t2", "Casa de Acogida Ambato", "Ambato Shelter", "EC-T", "Ambato", "ngo", True),
    ("s1", "Fundación Tsáchila", "Tsáchila Foundation", "EC-SD", "Santo Domingo", "ngo", False),
    (
        "r1",
        "Centro de Atención Babahoyo",
        "Babahoyo Care Centre",
        "EC-R",
        "Babahoyo",
        "local",
        False,
    ),
    (
        "h1",
        "Fundación Riobamba Digna",
        "Dignified Riobamba Foundation",
        "EC-H",
        "Riobamba",
        "ngo",
        False,
    ),
    (
        "h2",
        "Centro Educativo Chimborazo",
        "Chimborazo Education Centre",
        "EC-H",
        "Riobamba",
        "ngo",
        False,
    ),
    ("x1", "Fundación Pastaza Viva", "Living Pastaza Foundation", "EC-Y", "Puyo", "ngo", False),
    (
        "w1",
        "Centro Insular de Apoyo",
        "Island Support Centre",
        "EC-W",
        "Puerto Ayora",
        "ngo",
        False,
    ),
]
AREA_CODES = {
    "EC-P": "2",
    "EC-G": "4",
    "EC-O": "7",
    "EC-A": "7",
    "EC-L": "7",
    "EC-M": "5",
    "EC-R": "5",
    "EC-W": "5",
    "EC-E": "6",
    "EC-U": "6",
    "EC-I": "6",
    "EC-C": "6",
    "EC-T": "3",
    "EC-H": "3",
    "EC-Y": "3",
    "EC-SD": "2",
}

CATEGORY_TEXT = {
    "shelter": (
        "Acogida temporal",
        "Temporary shelter",
        "Alojamiento protegido, alimentación y acompañamiento las 24 horas.",
        "Protected housing, meals and round-the-clock support.",
    ),
    "psychological": (
        "Atención psicológica",
        "Psychological care",
        "Primera ayuda psicológica y terapia individual y grupal.",
        "Psychological first aid and individual and group therapy.",
    ),
    "medical": (
        "Atención médica",
        "Medical care",
        "Consulta médica general, salud sexual y reproductiva y derivación a especialistas.",
        "General medical consultation, sexual and reproductive health and referral to specialists.",
    ),
    "legal": (
        "Asesoría legal",
        "Legal aid",
        "Orientación jurídica y acompañamiento en el proceso penal.",
        "Legal advice and support during criminal proceedings.",
    ),
    "complaint": (
        "Recepción de denuncias",
        "Complaints",
        "Recepción de denuncias y medidas de protección.",
        "Receiving complaints and protection measures.",
    ),
    "education": (
        "Nivelación escolar",
        "School catch-up",
        "Apoyo para retomar y continuar los estudios.",
        "Support to go back to school and stay in education.",
    ),
    "vocational": (
        "Formación ocupacional",
        "Vocational training",
        "Cursos de oficios, emprendimiento y búsqueda de empleo.",
        "Trade courses, entrepreneurship and job search.",
    ),
    "return": (
        "Retorno y reubicación",
        "Return and resettlement",
        "Acompañamiento para el retorno voluntario o la reubicación segura.",
        "Support for voluntary return or safe resettlement.",
    ),
    "child-protection": (
        "Protección de niñez y adolescencia",
        "Child protection",
        "Medidas de protección para niñas, niños y adolescentes.",
        "Protection measures for children and adolescents.",
    ),
    "mobility": (
        "Orientación en movilidad humana",
        "Human-mobility advice",
        "Orientación sobre regularización migratoria y refugio.",
        "Advice on migration status and asylum.",
    ),
    "hotline": (
        "Línea de apoyo",
        "Support line",
        "Línea telefónica de orientación y derivación.",
        "Telephone line for advice and referral.",
    ),
}
CATEGORIES = list(CATEGORY_TERMS)
POPULATIONS = list(POPULATION_TERMS)

DEMO_ORG_SLUGS = {key: slugify(name) for key, name, *_rest in PUBLIC_BODIES} | {
    key: slugify(name) for key, name, *_rest in FICTIONAL if key in ("acogida", "otra")
}


def demo_uuid(kind, key):
    return uuid.uuid5(NAMESPACE, f"{kind}/{key}")


def _terms():
    ensure_vocabularies()
    return {(t.taxonomy.code, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}


def _upsert(model, pk, **values):
    obj, _created = model.objects.update_or_create(id=pk, defaults=values)
    return obj


def _organization(key, name, name_en, desc_es, desc_en, *, kind, is_demo, referral):
    slug_es, slug_en = slugify(name), slugify(name_en)
    return _upsert(
        Organization,
        demo_uuid("org", key),
        name=name,
        slug=slug_es,
        slug_es=slug_es,
        slug_en=slug_en,
        description=desc_es,
        description_es=desc_es,
        description_en=desc_en,
        kind=kind,
        is_demo=is_demo,
        is_active=True,
        **referral,
    )


def _service(key, organization, names, descriptions, status="active", **extra):
    return _upsert(
        Service,
        demo_uuid("service", key),
        organization=organization,
        name=names[0],
        name_es=names[0],
        name_en=names[1],
        description=descriptions[0],
        description_es=descriptions[0],
        description_en=descriptions[1],
        status=status,
        assured_date=date(2026, 10, 1),
        assurer_email="verificacion@ruta.invalid",
        **extra,
    )


def load(stdout):
    terms = _terms()
    province_info = provinces()
    counts = {"organisations": 0, "services": 0, "confidential": 0}

    for key, name, desc_en, desc_es, categories in PUBLIC_BODIES:
        organization = _organization(
            key,
            name,
            name,
            desc_es,
            desc_en,
            kind="public",
            is_demo=False,
            referral={
                "referral_contact_name": REFERRAL_VIA_EMERGENCY,
                "referral_phone": "",
                "referral_email": "",
            },
        )
        counts["organisations"] += 1
        location = _upsert(
            Location,
            demo_uuid("location", key),
            organization=organization,
            name="Cobertura nacional",
            location_type=Location.LocationType.VIRTUAL,
            canton="Quito",
            province="EC-P",
            is_confidential=False,
        )
        for category in categories:
            es, en, text_es, text_en = CATEGORY_TEXT[category]
            service = _service(
                f"{key}/{category}",
                organization,
                (es, en),
                (text_es, text_en),
                application_process_es="Acuda a la oficina más cercana o llame al 1800-DELITO.",
                application_process_en="Go to the nearest office or call 1800-DELITO.",
            )
            service.categories.set([terms[("ruta-service-categories", category)]])
            service.populations.set([terms[("ruta-populations", p)] for p in POPULATIONS])
            _upsert(
                ServiceAtLocation,
                demo_uuid("sal", f"{key}/{category}"),
                service=service,
                location=location,
            )
            counts["services"] += 1

    service_index = 0
    for number, (key, name, name_en, province, canton, kind, shelter) in enumerate(FICTIONAL):
        info = province_info[province]
        area = AREA_CODES[province]
        organization = _organization(
            key,
            name,
            name_en,
            f"Organización ficticia de demostración en {canton} ({info.name}).",
            f"Fictional demonstration organisation in {canton} ({info.name}).",
            kind=kind,
            is_demo=True,
            referral={
                "referral_contact_name": "Coordinación de casos (demo)",
                "referral_phone": f"+593 {area}-390-{number:04d}",
                "referral_email": f"{slugify(name)[:40]}@demo.ruta.invalid",
            },
        )
        counts["organisations"] += 1
        location = _upsert(
            Location,
            demo_uuid("location", key),
            organization=organization,
            name=f"Sede {canton}" if not shelter else f"Casa {name.split()[-1]}",
            location_type=Location.LocationType.PHYSICAL,
            canton=canton,
            province=province,
            is_confidential=shelter,
            address_1=f"Calle Ficticia {100 + number} y Av. Demostración",
            latitude=round(info.latitude + 0.001 * (number % 7), 6),
            longitude=round(info.longitude - 0.001 * (number % 5), 6),
            accessibility="Acceso sin gradas (dato ficticio)." if number % 2 else "",
        )
        counts["confidential"] += int(shelter)
        _upsert(
            Phone,
            demo_uuid("phone", f"{key}/location"),
            location=location,
            number=f"+593 {area}-391-{number:04d}",
            description="Línea directa (número ficticio)",
            is_staff_only=shelter,
        )
        _upsert(
            Phone,
            demo_uuid("phone", key),
            organization=organization,
            number=f"+593 99-390-{number:04d}",
            type=Phone.PhoneType.CELL,
            description="Número ficticio de demostración",
        )
        chosen = ["shelter", "psychological"] if shelter else []
        while len(chosen) < 3:
            category = CATEGORIES[service_index % len(CATEGORIES)]
            service_index += 1
            if category not in chosen and category != "shelter":
                chosen.append(category)
        for position, category in enumerate(chosen):
            es, en, text_es, text_en = CATEGORY_TEXT[category]
            skey = f"{key}/{category}"
            closed = (number + position) % 9 == 4
            service = _service(
                skey,
                organization,
                (f"{es} — {name}", f"{en} — {name_en}"),
                (text_es, text_en),
                status=Service.Status.TEMPORARILY_CLOSED if closed else Service.Status.ACTIVE,
                alert_es="Cerrado temporalmente por mantenimiento (demo)." if closed else "",
                alert_en="Temporarily closed for maintenance (demo)." if closed else "",
                minimum_age=None
                if category not in ("vocational", "education")
                else (18 if category == "vocational" else 6),
                maximum_age=17 if category in ("education", "child-protection") else None,
                gender=Service.Gender.WOMEN if shelter and number % 2 == 0 else Service.Gender.ANY,
                accepts_mother_with_children=shelter,
                capacity=20 if category == "shelter" else None,
                vacancies=(number % 5) if category == "shelter" else None,
                intake_notes="Ingreso solo por derivación institucional (demo)."
                if category == "shelter"
                else "",
                application_process_es="Derivación a través del contacto de referencia.",
                application_process_en="Referral through the referral contact.",
            )
            service.categories.set([terms[("ruta-service-categories", category)]])
            pops = [POPULATIONS[(number + position + i) % len(POPULATIONS)] for i in range(3)]
            service.populations.set([terms[("ruta-populations", p)] for p in pops])
            _upsert(ServiceAtLocation, demo_uuid("sal", skey), service=service, location=location)
            _upsert(
                Language,
                demo_uuid("language", f"{skey}/es"),
                service=service,
                code="es",
                name="Español",
            )
            if category == "shelter":
                _upsert(
                    Schedule,
                    demo_uuid("schedule", skey),
                    service=service,
                    byday="",
                    open_24_hours=True,
                )
            else:
                for day in ("MO", "TU", "WE", "TH", "FR"):
                    _upsert(
                        Schedule,
                        demo_uuid("schedule", f"{skey}/{day}"),
                        service=service,
                        byday=day,
                        opens_at=time(8, 30),
                        closes_at=time(16, 30),
                    )
            counts["services"] += 1

    _demo_users(stdout)
    stdout.write(
        f"  {counts['organisations']} organisations, {counts['services']} services, "
        f"{counts['confidential']} confidential shelters"
    )


def _demo_users(stdout):
    users = {"staff_acogida": "acogida", "staff_fiscalia": "fiscalia", "staff_otra": "otra"}
    user_model = get_user_model()
    for username, key in users.items():
        user, created = user_model.objects.get_or_create(username=username)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.first_name = "Demo"
        user.email = f"{username}@demo.ruta.invalid"
        user.save()
        OrganizationMembership.objects.get_or_create(
            organization_id=demo_uuid("org", key),
            user=user,
            defaults={
                "role": OrganizationMembership.Role.MANAGER
                if key == "acogida"
                else OrganizationMembership.Role.STAFF
            },
        )
    stdout.write(f"  demo staff users: {', '.join(users)} (password {DEMO_PASSWORD})")
