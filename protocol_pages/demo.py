"""Demo protocol: an edition in force (2024) and a superseded one (2013), in es and en.

Runs after the directory demo (``load_demo`` order): responsible institutions are the demo
directory's organisations, found through ``directory.demo.DEMO_ORG_SLUGS`` (or by name for
the real public bodies); a missing one is skipped. Idempotent: existing editions are kept.
"""

import datetime
import uuid

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.documents import get_document_model

from directory.models import Organization

from . import demo_content as content
from .handbook import handbook_builds_deferred
from .models import (
    ProtocolAnnexPage,
    ProtocolEditionPage,
    ProtocolIndexPage,
    ProtocolPhasePage,
    ProtocolSubRoutePage,
)
from .workflow import setup_protocol_workflow

NAMESPACE = uuid.UUID("5d0c1f0e-8f55-4b53-9a39-5d5d8f3b7a21")
LANGUAGES = ("es", "en")
NAME_HINTS = {
    "fiscalia": "Fiscalía",
    "mies": "MIES",
    "interior": "Ministerio del Interior",
    "defensoria_publica": "Defensoría Pública",
    "salud": "Salud Pública",
    "cancilleria": "Relaciones Exteriores",
    "defensoria_pueblo": "Defensoría del Pueblo",
    "secap": "SECAP",
    "dinapen": "DINAPEN",
    "educacion": "Ministerio de Educación",
}
EDITIONS = [
    {
        "year": 2013,
        "date": datetime.date(2013, 6, 1),
        "title": content.t("Edición 2013", "2013 edition"),
        "slug": content.t("edicion-2013", "edition-2013"),
        "note": content.t(
            "<p>Primera edición del protocolo nacional unificado (demostración).</p>",
            "<p>First edition of the unified national protocol (demo).</p>",
        ),
    },
    {
        "year": 2024,
        "date": datetime.date(2024, 3, 1),
        "title": content.t("Edición 2024", "2024 edition"),
        "slug": content.t("edicion-2024", "edition-2024"),
        "note": content.t(
            "<p>Se agregan la valoración del riesgo y la retroalimentación a la ruta; la "
            "protección ya no depende de la denuncia (ley de 2023); se acortan los plazos de "
            "las entrevistas; se elimina el registro nominal de casos.</p>",
            "<p>Risk assessment and feedback to the route are added; protection no longer "
            "depends on a complaint (2023 law); interview deadlines are shorter; the named "
            "case register is removed.</p>",
        ),
    },
]


def block_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def find_organizations():
    try:
        from directory.demo import DEMO_ORG_SLUGS
    except ImportError:
        DEMO_ORG_SLUGS = {}
    found = {}
    for key in {*DEMO_ORG_SLUGS, *NAME_HINTS}:
        organization = None
        if key in DEMO_ORG_SLUGS:
            organization = Organization.objects.filter(slug_es=DEMO_ORG_SLUGS[key]).first()
        if organization is None and key in NAME_HINTS:
            organization = Organization.objects.filter(name__icontains=NAME_HINTS[key]).first()
        if organization is not None:
            found[key] = organization
    return found


def make_forms():
    """Small fictional PDF forms (WeasyPrint), marked as demo, one per language."""
    from infra.pdf import render_pdf

    Document = get_document_model()
    documents = {}
    for key, titles in content.FORMS.items():
        for language in LANGUAGES:
            title = f"{titles[language]} (demo)"
            document = Document.objects.filter(title=title).first()
            if document is None:
                with translation.override(language):
                    html = render_to_string(
                        "protocol_pages/pdf/demo_form.html", {"title": titles[language]}
                    )
                document = Document(title=title)
                document.file.save(f"{key}-{language}-demo.pdf", ContentFile(render_pdf(html)))
                document.save()
            documents[key, language] = document
    return documents


def _items(values):
    return [{"type": "item", "id": block_id("item", repr(v)), "value": v} for v in values]


def _steps(year, specs, language, orgs, forms, numbers):
    stream = []
    for spec in specs:
        if not _in_edition(spec, year):
            continue
        spec = {**spec, **(spec.get("in_2013", {}) if year == 2013 else {})}
        deadline = {"amount": None, "unit": "", "from_event": ""}
        if spec.get("deadline"):
            amount, unit, event = spec["deadline"]
            deadline = {"amount": amount, "unit": unit, "from_event": event[language]}
        decisions = []
        for question, answer, next_key, sub_route in spec.get("decisions", []):
            next_step = numbers.get(next_key) if next_key else None
            if next_key and next_step is None:
                next_step = numbers[spec["key"]] + 1
            decisions.append(
                {
                    "question": question[language],
                    "answer": answer[language],
                    "next_step": next_step,
                    "sub_route": sub_route or "",
                }
            )
        stream.append(
            {
                "type": "step",
                "id": block_id("step", spec["key"]),
                "value": {
                    "number": numbers[spec["key"]],
                    "title": spec["title"][language],
                    "summary": spec.get("summary", {}).get(language, ""),
                    "responsible": _items(
                        {"organization": str(orgs[key].pk), "role": role[language]}
                        for key, role in spec.get("responsible", [])
                        if key in orgs
                    ),
                    "deadline": deadline,
                    "actions": _items(a[language] for a in spec.get("actions", [])),
                    "decisions": _items(decisions),
                    "warnings": _items(w[language] for w in spec.get("warnings", [])),
                    "children_instructions": spec.get("children", {}).get(language, ""),
                    "legal_references": _items(
                        {"instrument": i, "article": a} for i, a in spec.get("legal", [])
                    ),
                    "forms": _items(forms[f, language].pk for f in spec.get("forms", [])),
                },
            }
        )
    return stream


def _in_edition(spec, year):
    if spec.get("since_2024") and year < 2024:
        return False
    return not (spec.get("only_2013") and year != 2013)


def _numbering(year, sections):
    numbers, number = {}, 0
    for section in sections:
        for spec in section["steps"]:
            if _in_edition(spec, year):
                number += 1
                numbers[spec["key"]] = number
    return numbers


def _translated(page, titles, slugs):
    for language in LANGUAGES:
        setattr(page, f"title_{language}", titles[language])
        setattr(page, f"slug_{language}", slugs[language])
    page.title, page.slug = titles["es"], slugs["es"]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_edition(index, spec, orgs, forms):
    year = spec["year"]
    edition = ProtocolEditionPage(effective_date=spec["date"])
    _translated(edition, spec["title"], spec["slug"])
    edition.summary_es = (
        "<p>Qué hacer, en qué orden, en qué plazo y con qué institución ante una posible "
        "víctima de trata de personas. <strong>Contenido de demostración:</strong> los plazos "
        "son ilustrativos, salvo las 24 horas para personas ecuatorianas identificadas en el "
        "exterior.</p>"
    )
    edition.summary_en = (
        "<p>What to do, in which order, within which deadline and with which institution when "
        "you meet a possible victim of trafficking. <strong>Demo content:</strong> deadlines "
        "are illustrative, except the 24 hours for Ecuadorians identified abroad.</p>"
    )
    edition.editors_note_es, edition.editors_note_en = spec["note"]["es"], spec["note"]["en"]
    for language in LANGUAGES:
        setattr(
            edition,
            f"principles_{language}",
            [
                {
                    "type": "principle",
                    "id": block_id("principle", n),
                    "value": {"name": name[language], "explanation": text[language]},
                }
                for n, (name, text) in enumerate(content.PRINCIPLES)
            ],
        )
    edition.approving_institutions.set(
        [orgs[key] for key in ("interior", "fiscalia", "mies") if key in orgs]
    )
    _publish(index, edition)

    phase_numbers = _numbering(year, content.PHASES)
    for phase in content.PHASES:
        page = ProtocolPhasePage()
        _translated(page, phase["title"], phase["slug"])
        for language in LANGUAGES:
            setattr(page, f"intro_{language}", f"<p>{phase['intro'][language]}</p>")
            setattr(
                page,
                f"steps_{language}",
                _steps(year, phase["steps"], language, orgs, forms, phase_numbers),
            )
        _publish(edition, page)
    for sub_route in content.SUB_ROUTES:
        numbers = _numbering(year, [sub_route])
        page = ProtocolSubRoutePage(kind=sub_route["kind"])
        _translated(page, sub_route["title"], sub_route["slug"])
        for language in LANGUAGES:
            setattr(
                page,
                f"steps_{language}",
                _steps(year, sub_route["steps"], language, orgs, forms, numbers),
            )
        _publish(edition, page)
    _annexes(edition, forms)
    return edition


def _annexes(edition, forms):
    annexes = [
        (
            ProtocolAnnexPage.Kind.FORMS,
            content.t("Formularios", "Forms"),
            content.t("formularios", "forms"),
            lambda language: [
                {
                    "type": "form",
                    "id": block_id("form", key),
                    "value": {"document": forms[key, language].pk, "description": ""},
                }
                for key in content.FORMS
            ],
        ),
        (
            ProtocolAnnexPage.Kind.GLOSSARY,
            content.t("Glosario", "Glossary"),
            content.t("glosario", "glossary"),
            lambda language: [
                {
                    "type": "glossary_entry",
                    "id": block_id("glossary", n),
                    "value": {"term": term[language], "definition": text[language]},
                }
                for n, (term, text) in enumerate(content.GLOSSARY)
            ],
        ),
        (
            ProtocolAnnexPage.Kind.LEGAL,
            content.t("Marco legal", "Legal framework"),
            content.t("marco-legal", "legal-framework"),
            lambda language: [
                {
                    "type": "legal_reference",
                    "id": block_id("legal", n),
                    "value": {"instrument": instrument, "article": article},
                }
                for n, (instrument, article) in enumerate(content.LEGAL_FRAMEWORK)
            ],
        ),
    ]
    for kind, titles, slugs, body in annexes:
        page = ProtocolAnnexPage(kind=kind)
        _translated(page, titles, slugs)
        for language in LANGUAGES:
            setattr(page, f"body_{language}", body(language))
        _publish(edition, page)


def load(stdout):
    index = ProtocolIndexPage.objects.first()
    if index is None:
        stdout.write("  protocol: no protocol index page (load the website demo first); skipped")
        return
    setup_protocol_workflow(index)
    orgs = find_organizations()
    forms = make_forms()
    created = []
    # With the immediate task backend a build runs in-process: leave it to the first reader
    # (or to benchmarks/handbook_build.py) instead of slowing every `load_demo`.
    with handbook_builds_deferred(build=False):
        for spec in EDITIONS:
            if (
                ProtocolEditionPage.objects.child_of(index)
                .filter(slug_es=spec["slug"]["es"])
                .exists()
            ):
                continue
            stdout.write(f"  protocol: building {spec['title']['es']} …")
            created.append(build_edition(index, spec, orgs, forms))
    steps = sum(len(page.steps_es or []) for page in ProtocolPhasePage.objects.descendant_of(index))
    stdout.write(
        f"  protocol: {len(created)} editions created, {steps} phase steps in all, "
        f"{len(orgs)} directory institutions linked; approval workflow on the protocol index; "
        "handbooks build on first request"
    )
