"""The protocol of the browser tests' site: an edition in force with four phases, a
sub-route and an annex, and the superseded edition before it (so the edition has a
comparison page)."""

import copy
import datetime
import uuid

from django.utils import timezone

from protocol_pages.factories import (
    ProtocolAnnexPageFactory,
    ProtocolEditionPageFactory,
    ProtocolIndexPageFactory,
    ProtocolPhasePageFactory,
    ProtocolSubRoutePageFactory,
    step_data,
)

from .common import (
    LANGUAGES,
    _section,
    _t,
)

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
    _previous_edition(index, first_phase, today)
    return index, edition, first_phase


def _previous_edition(index, phase, today):
    """The edition before, its one phase a copy of the first phase (the same block ids, as
    an admin copy keeps them) with an older wording of one step and without the last one."""
    old = ProtocolEditionPageFactory(
        parent=index,
        title="Edición 2013",
        title_en="2013 edition",
        slug="edicion-2013",
        slug_en="edition-2013",
        effective_date=today - datetime.timedelta(days=3000),
    )
    steps = {}
    for language in LANGUAGES:
        raw = copy.deepcopy(list(getattr(phase, f"steps_{language}").raw_data))
        raw[1]["value"]["title"] = _t("Entrevista inicial", "Initial interview")[language]
        steps[language] = raw[:-1]
    ProtocolPhasePageFactory(
        parent=old,
        title=phase.title_es,
        title_en=phase.title_en,
        slug=phase.slug_es,
        slug_en=phase.slug_en,
        steps_es=steps["es"],
        steps_en=steps["en"],
    )
