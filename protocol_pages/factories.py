"""Factories for protocol pages. Steps are raw StreamField data with fixed block ids, the
way an edition copied in the admin keeps them, so diff tests can reuse ids on purpose."""

import uuid

import factory
from django.utils import timezone
from django.utils.text import slugify

from website.factories import TranslatedPageFactory

from .models import (
    ProtocolAnnexPage,
    ProtocolEditionPage,
    ProtocolIndexPage,
    ProtocolPhasePage,
    ProtocolSubRoutePage,
)


def step_data(number, title, *, block_id=None, organizations=(), **value):
    """One raw 'step' block; ``organizations`` are (organization, role) pairs."""
    return {
        "type": "step",
        "id": block_id or str(uuid.uuid4()),
        "value": {
            "number": number,
            "title": title,
            "summary": value.get("summary", ""),
            "responsible": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"organization": org.pk, "role": role},
                }
                for org, role in organizations
            ],
            "deadline": value.get("deadline", {"amount": None, "unit": "", "from_event": ""}),
            "actions": [
                {"type": "item", "id": str(uuid.uuid4()), "value": action}
                for action in value.get("actions", [])
            ],
            "decisions": [
                {"type": "item", "id": str(uuid.uuid4()), "value": decision}
                for decision in value.get("decisions", [])
            ],
            "warnings": [
                {"type": "item", "id": str(uuid.uuid4()), "value": warning}
                for warning in value.get("warnings", [])
            ],
            "children_instructions": value.get("children_instructions", ""),
            "legal_references": [
                {"type": "item", "id": str(uuid.uuid4()), "value": reference}
                for reference in value.get("legal_references", [])
            ],
            "forms": [
                {"type": "item", "id": str(uuid.uuid4()), "value": document.pk}
                for document in value.get("forms", [])
            ],
        },
    }


class ProtocolIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProtocolIndexPage

    title = "Protocolo"
    slug = "protocolo"
    title_en = "Protocol"
    slug_en = "protocol"


class ProtocolEditionPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProtocolEditionPage

    title = factory.Sequence(lambda n: f"Edición {2020 + n}")
    title_en = factory.LazyAttribute(lambda o: o.title.replace("Edición", "Edition"))
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    slug_en = factory.LazyAttribute(lambda o: slugify(o.title_en))
    effective_date = factory.LazyFunction(
        lambda: timezone.localdate().replace(year=timezone.localdate().year - 1)
    )
    summary_es = "<p>Resumen de la edición.</p>"
    summary_en = "<p>Summary of the edition.</p>"


class _StepsSectionFactory(TranslatedPageFactory):
    class Meta:
        abstract = True

    steps_es = factory.LazyFunction(list)
    steps_en = factory.SelfAttribute("steps_es")


class ProtocolPhasePageFactory(_StepsSectionFactory):
    class Meta:
        model = ProtocolPhasePage

    title = factory.Sequence(lambda n: f"Fase {n}")
    title_en = factory.LazyAttribute(lambda o: o.title.replace("Fase", "Phase"))


class ProtocolSubRoutePageFactory(_StepsSectionFactory):
    class Meta:
        model = ProtocolSubRoutePage

    title = factory.Sequence(lambda n: f"Subruta {n}")
    kind = "crisis"


class ProtocolAnnexPageFactory(TranslatedPageFactory):
    class Meta:
        model = ProtocolAnnexPage

    title = factory.Sequence(lambda n: f"Anexo {n}")
    kind = ProtocolAnnexPage.Kind.GLOSSARY
    body_es = factory.LazyFunction(
        lambda: [
            {
                "type": "glossary_entry",
                "id": str(uuid.uuid4()),
                "value": {"term": "Trata de personas", "definition": "Definición de prueba."},
            }
        ]
    )
    body_en = factory.LazyFunction(
        lambda: [
            {
                "type": "glossary_entry",
                "id": str(uuid.uuid4()),
                "value": {"term": "Trafficking in persons", "definition": "Test definition."},
            }
        ]
    )
