"""The training catalogue of the browser tests' site (three modules, one with full
sessions) and a referral the shelter sent."""

import datetime
from decimal import Decimal

from django.utils import timezone

from directory.factories import (
    MembershipFactory,
    category,
)
from directory.models import OrganizationMembership
from referrals.audit import Actor
from referrals.factories import ReferralFactory
from referrals.services import change_status
from training.choices import Audience, DeliveryMode, Level, Topic
from training.factories import (
    TrainingIndexPageFactory,
    TrainingModulePageFactory,
    session_data,
)

from .common import (
    _section,
    _t,
)

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
