"""Demo protocol: the editions of ``editions.yaml`` (2024 in force, 2013 superseded), each
with the phases and sub-routes of ``route.yaml`` and the annexes of ``annexes.yaml``, in
Spanish and English.

Runs after the directory demo (``load_demo`` order): responsible institutions are the demo
directory's organisations (``institutions.yaml``); a missing one is left out. Idempotent:
existing editions are kept.
"""

import uuid

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.documents import get_document_model

from directory.demo import demo_uuid
from directory.models import Organization
from protocol_pages.handbook import handbook_builds_deferred
from protocol_pages.models import (
    ProtocolAnnexPage,
    ProtocolEditionPage,
    ProtocolIndexPage,
    ProtocolPhasePage,
    ProtocolSubRoutePage,
)
from protocol_pages.workflow import setup_protocol_workflow
from website.demo.files import read, translated
from infra.pdf import render_pdf

NAMESPACE = uuid.UUID("5d0c1f0e-8f55-4b53-9a39-5d5d8f3b7a21")
LANGUAGES = ("es", "en")
NO_DEADLINE = {"amount": None, "unit": "", "from_event": ""}


def block_id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def find_organizations():
    """{key: organisation} for the keys of institutions.yaml that exist in the directory."""
    found = {}
    for key, name_hint in read(__file__, "institutions").items():
        organization = Organization.objects.filter(pk=demo_uuid("org", key)).first()
        if organization is None and name_hint:
            organization = Organization.objects.filter(name__icontains=name_hint).first()
        if organization is not None:
            found[key] = organization
    return found


def make_forms(forms):
    """Small fictional PDF forms (WeasyPrint), marked as demo, one per language."""
    Document = get_document_model()
    documents = {}
    for form in forms:
        for language in LANGUAGES:
            title = f"{form['title'][language]} (demo)"
            document = Document.objects.filter(title=title).first()
            if document is None:
                with translation.override(language):
                    html = render_to_string(
                        "protocol_pages/pdf/demo_form.html", {"title": form["title"][language]}
                    )
                document = Document(title=title)
                document.file.save(
                    f"{form['key']}-{language}-demo.pdf", ContentFile(render_pdf(html))
                )
                document.save()
            documents[form["key"], language] = document
    return documents


def _items(values):
    return [{"type": "item", "id": block_id("item", repr(v)), "value": v} for v in values]


def _in_edition(spec, year):
    return year in spec.get("editions", [year])


def _numbering(year, sections):
    """{step key: number} for the edition: steps are numbered on across the sections."""
    keys = [s["key"] for section in sections for s in section["steps"] if _in_edition(s, year)]
    return {key: number for number, key in enumerate(keys, start=1)}


def _step(spec, language, context):
    orgs, forms, numbers = context["orgs"], context["forms"], context["numbers"]
    deadline = spec.get("deadline")
    decisions = []
    for decision in spec.get("decisions", []):
        next_key = decision.get("next")
        next_step = numbers.get(next_key, numbers[spec["key"]] + 1) if next_key else None
        decisions.append(
            {
                "question": decision["question"][language],
                "answer": decision["answer"][language],
                "next_step": next_step,
                "sub_route": decision.get("sub_route", ""),
            }
        )
    return {
        "number": numbers[spec["key"]],
        "title": spec["title"][language],
        "summary": spec.get("summary", {}).get(language, ""),
        "responsible": _items(
            {"organization": str(orgs[item["institution"]].pk), "role": item["role"][language]}
            for item in spec.get("responsible", [])
            if item["institution"] in orgs
        ),
        "deadline": {
            "amount": deadline["amount"],
            "unit": deadline["unit"],
            "from_event": deadline["from"][language],
        }
        if deadline
        else NO_DEADLINE,
        "actions": _items(action[language] for action in spec.get("actions", [])),
        "decisions": _items(decisions),
        "warnings": _items(warning[language] for warning in spec.get("warnings", [])),
        "children_instructions": spec.get("children", {}).get(language, ""),
        "legal_references": _items(spec.get("legal", [])),
        "forms": _items(forms[key, language].pk for key in spec.get("forms", [])),
    }


def _steps(year, specs, language, context):
    return [
        {
            "type": "step",
            "id": block_id("step", spec["key"]),
            "value": _step({**spec, **spec.get("overrides", {}).get(year, {})}, language, context),
        }
        for spec in specs
        if _in_edition(spec, year)
    ]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _stream(kind, entries, language):
    return [
        {
            "type": kind,
            "id": block_id(kind, number),
            "value": {
                name: value[language] if isinstance(value, dict) else value
                for name, value in entry.items()
            },
        }
        for number, entry in enumerate(entries)
    ]


def build_edition(index, spec, data, context):
    year = spec["year"]
    edition = translated(
        ProtocolEditionPage(effective_date=spec["effective_date"]),
        title=spec["title"],
        slug=spec["slug"],
        summary=data["editions"]["summary"],
        editors_note=spec["editors_note"],
    )
    for language in LANGUAGES:
        setattr(
            edition,
            f"principles_{language}",
            _stream("principle", data["editions"]["principles"], language),
        )
    edition.approving_institutions.set(
        [
            context["orgs"][key]
            for key in data["editions"]["approving_institutions"]
            if key in context["orgs"]
        ]
    )
    _publish(index, edition)

    context = {**context, "numbers": _numbering(year, data["route"]["phases"])}
    for phase in data["route"]["phases"]:
        page = translated(
            ProtocolPhasePage(),
            title=phase["title"],
            slug=phase["slug"],
            intro={code: f"<p>{text}</p>" for code, text in phase["intro"].items()},
        )
        for language in LANGUAGES:
            setattr(page, f"steps_{language}", _steps(year, phase["steps"], language, context))
        _publish(edition, page)
    for sub_route in data["route"]["sub_routes"]:
        numbered = {**context, "numbers": _numbering(year, [sub_route])}
        page = translated(
            ProtocolSubRoutePage(kind=sub_route["kind"]),
            title=sub_route["title"],
            slug=sub_route["slug"],
        )
        for language in LANGUAGES:
            setattr(page, f"steps_{language}", _steps(year, sub_route["steps"], language, numbered))
        _publish(edition, page)
    _annexes(edition, data["annexes"], context["forms"])
    return edition


def _annexes(edition, annexes, forms):
    bodies = {
        "forms": lambda language: [
            {
                "type": "form",
                "id": block_id("form", form["key"]),
                "value": {"document": forms[form["key"], language].pk, "description": ""},
            }
            for form in annexes["forms"]
        ],
        "glossary": lambda language: _stream("glossary_entry", annexes["glossary"], language),
        "legal": lambda language: _stream("legal_reference", annexes["legal_framework"], language),
    }
    for spec in annexes["pages"]:
        page = translated(
            ProtocolAnnexPage(kind=spec["kind"]), title=spec["title"], slug=spec["slug"]
        )
        for language in LANGUAGES:
            setattr(page, f"body_{language}", bodies[spec["kind"]](language))
        _publish(edition, page)


def load(stdout):
    index = ProtocolIndexPage.objects.first()
    if index is None:
        stdout.write("  protocol: no protocol index page (load the website demo first); skipped")
        return
    setup_protocol_workflow(index)
    data = {name: read(__file__, name) for name in ("editions", "route", "annexes")}
    context = {"orgs": find_organizations(), "forms": make_forms(data["annexes"]["forms"])}
    created = []
    # With the immediate task backend a build runs in-process: leave it to the first reader
    # (or to benchmarks/handbook_build.py) instead of slowing every `load_demo`.
    with handbook_builds_deferred(build=False):
        for spec in data["editions"]["editions"]:
            existing = ProtocolEditionPage.objects.child_of(index).filter(
                slug_es=spec["slug"]["es"]
            )
            if existing.exists():
                continue
            stdout.write(f"  protocol: building {spec['title']['es']} …")
            created.append(build_edition(index, spec, data, context))
    steps = sum(len(page.steps_es or []) for page in ProtocolPhasePage.objects.descendant_of(index))
    stdout.write(
        f"  protocol: {len(created)} editions created, {steps} phase steps in all, "
        f"{len(context['orgs'])} directory institutions linked; approval workflow on the "
        "protocol index; handbooks build on first request"
    )
