"""StreamField blocks of the protocol: a step of the route, the principles and the annexes.

Deadlines are structured (amount, unit, starting event) so they read the same on the page,
in the overview, in the handbook and in the content API; they stay content, never code.
Every block renders with its own template and shapes its own API representation.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from directory.models import Organization
from website.blocks import APIStructBlock, CompactListBlock, DocumentBlock, ItemStreamBlock

from .choices import DEADLINE_UNITS, SUB_ROUTE_CHOICES, SUB_ROUTE_LABELS, UNIT_FORMS
from .choosers import organization_chooser_viewset

OrganizationChooserBlock = organization_chooser_viewset.get_block_class(
    name="OrganizationChooserBlock", module_path="protocol_pages.blocks"
)


def example_institution():
    """The block picker's preview: an unsaved institution (no query, nothing at import)."""
    return {"organization": Organization(name="Example institution"), "role": "Receives"}


class ResponsibleInstitutionBlock(APIStructBlock):
    organization = OrganizationChooserBlock(label=_("institution"))
    role = blocks.CharBlock(label=_("role in this step"), max_length=300)

    class Meta:
        icon = "group"
        label = _("Responsible institution")
        description = _("A directory institution and what it does in this step.")
        template = "protocol_pages/blocks/responsible_institution.html"
        preview_value = staticmethod(example_institution)
        api_names = {"organization": "institution"}

    def get_api_representation(self, value, context=None):
        if value.get("organization") is None:
            return None  # a deleted institution: the page leaves it out too
        return super().get_api_representation(value, context=context)


class DeadlineValue(blocks.StructValue):
    def display(self):
        amount, unit = self.get("amount"), self.get("unit")
        if not amount or unit not in UNIT_FORMS:
            return ""
        return UNIT_FORMS[unit](amount)


class DeadlineBlock(blocks.StructBlock):
    amount = blocks.IntegerBlock(label=_("amount"), required=False, min_value=1)
    unit = blocks.ChoiceBlock(label=_("unit"), choices=DEADLINE_UNITS, required=False)
    from_event = blocks.CharBlock(
        label=_("counted from"),
        required=False,
        max_length=250,
        help_text=_("The event the deadline starts from, e.g. 'the first contact'."),
    )

    class Meta:
        icon = "time"
        label = _("Deadline")
        description = _("How long the step may take, counted from an event.")
        template = "protocol_pages/blocks/deadline.html"
        preview_value = {"amount": 24, "unit": "hours", "from_event": "the first contact"}
        value_class = DeadlineValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("amount") and not value.get("unit"):
            errors["unit"] = _("Choose the unit of the deadline.")
        if value.get("unit") and not value.get("amount"):
            errors["amount"] = _("Give the number of hours, days, weeks or months.")
        if value.get("from_event") and not value.get("amount"):
            errors["amount"] = _("A deadline needs an amount when it has a starting event.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    api_schema = {
        "type": ["object", "null"],
        "properties": {
            "amount": {"type": "integer"},
            "unit": {"type": ["string", "null"]},
            "from_event": {"type": ["string", "null"]},
            "text": {"type": "string"},
        },
        "required": ["amount", "unit", "from_event", "text"],
    }

    def get_api_representation(self, value, context=None):
        if not value.get("amount"):
            return None
        return {
            "amount": value.get("amount"),
            "unit": value.get("unit") or None,
            "from_event": value.get("from_event") or None,
            "text": value.display(),
        }


class DecisionPointBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    answer = blocks.CharBlock(label=_("answer"), max_length=200)
    next_step = blocks.IntegerBlock(label=_("go to step number"), required=False, min_value=1)
    sub_route = blocks.ChoiceBlock(
        label=_("or follow the sub-route"), choices=SUB_ROUTE_CHOICES, required=False
    )

    class Meta:
        icon = "help"
        label = _("Decision point")
        description = _("A question, one answer, and where that answer leads.")
        template = "protocol_pages/blocks/decision_point.html"
        preview_value = {
            "question": "Is there immediate danger?",
            "answer": "Yes",
            "next_step": None,
            "sub_route": "crisis",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("next_step") and not value.get("sub_route"):
            raise StructBlockValidationError(
                block_errors={"next_step": _("Give the next step or choose a sub-route.")}
            )
        return value

    api_schema = {
        "type": "object",
        "properties": {
            "question": {"type": "string"},
            "answer": {"type": "string"},
            "next_step": {"type": ["integer", "null"]},
            "sub_route": {"type": ["string", "null"]},
            "sub_route_label": {"type": ["string", "null"]},
        },
        "required": ["question", "answer", "next_step", "sub_route", "sub_route_label"],
    }

    def get_api_representation(self, value, context=None):
        sub_route = value.get("sub_route") or None
        return {
            "question": value.get("question"),
            "answer": value.get("answer"),
            "next_step": value.get("next_step"),
            "sub_route": sub_route,
            "sub_route_label": str(SUB_ROUTE_LABELS.get(sub_route, "")) if sub_route else None,
        }


class LegalReferenceBlock(blocks.StructBlock):
    instrument = blocks.CharBlock(label=_("legal instrument"), max_length=250)
    article = blocks.CharBlock(label=_("article"), max_length=60, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Legal reference")
        description = _("A law or regulation, and its article.")
        template = "protocol_pages/blocks/legal_reference.html"
        preview_value = {"instrument": "Comprehensive Organic Criminal Code", "article": "91"}


class StepBlock(APIStructBlock):
    number = blocks.IntegerBlock(label=_("number"), min_value=1)
    title = blocks.CharBlock(label=pgettext_lazy("protocol step", "title"), max_length=250)
    summary = blocks.TextBlock(label=_("what happens"), required=False)
    responsible = CompactListBlock(
        ResponsibleInstitutionBlock(), label=_("responsible institutions"), default=[]
    )
    deadline = DeadlineBlock(label=_("deadline"), required=False)
    actions = blocks.ListBlock(
        blocks.CharBlock(max_length=400, label=_("action")), label=_("actions"), default=[]
    )
    decisions = blocks.ListBlock(DecisionPointBlock(), label=_("decision points"), default=[])
    warnings = blocks.ListBlock(
        blocks.TextBlock(label=_("warning")), label=_("warnings"), default=[]
    )
    children_instructions = blocks.TextBlock(
        label=_("children and adolescents"),
        required=False,
        help_text=_("Special instructions when the person is under 18."),
    )
    legal_references = blocks.ListBlock(
        LegalReferenceBlock(), label=_("legal references"), default=[]
    )
    forms = CompactListBlock(DocumentBlock(label=_("form")), label=_("forms"), default=[])

    class Meta:
        icon = "list-ol"
        label = _("Step")
        description = _(
            "One step of the route: who does what, by when, and the decisions it leads to."
        )
        template = "protocol_pages/blocks/step.html"
        preview_value = {
            "number": 1,
            "title": "Identify the possible victim",
            "summary": "Any public servant who suspects trafficking activates the route.",
            "deadline": {"amount": 24, "unit": "hours", "from_event": "the first contact"},
            "actions": ["Ensure the person's safety", "Call ECU 911 if in danger"],
            "decisions": [
                {
                    "question": "Is there immediate danger?",
                    "answer": "Yes",
                    "next_step": None,
                    "sub_route": "crisis",
                }
            ],
            "warnings": ["Do not revictimise: one interview only."],
        }
        api_names = {"responsible": "responsible_institutions", "decisions": "decision_points"}


class StepStreamBlock(ItemStreamBlock):
    step = StepBlock()

    class Meta:
        block_counts = {"step": {"min_num": 1}}


class GlossaryEntryBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("term"), max_length=120)
    definition = blocks.TextBlock(label=_("definition"))

    class Meta:
        icon = "openquote"
        label = _("Glossary entry")
        description = _("A term and its definition.")
        template = "protocol_pages/blocks/glossary_entry.html"
        preview_value = {
            "term": "Trafficking in persons",
            "definition": "Recruiting, moving or holding a person in order to exploit them.",
        }


class FormDocumentBlock(blocks.StructBlock):
    document = DocumentBlock(label=_("document"))
    description = blocks.TextBlock(label=_("when to use it"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Form")
        description = _("A form to download, and when to use it.")
        template = "protocol_pages/blocks/form_document.html"
        preview_value = {"document": None, "description": "Fill it in at the first interview."}


class AnnexTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        description = _("Paragraphs, lists and subheadings.")
        template = "protocol_pages/blocks/text.html"
        preview_value = "<p>Text of the annex.</p>"


class AnnexStreamBlock(blocks.StreamBlock):
    text = AnnexTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3"])
    form = FormDocumentBlock()
    glossary_entry = GlossaryEntryBlock()
    legal_reference = LegalReferenceBlock()


class PrincipleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("principle"), max_length=150)
    explanation = blocks.TextBlock(label=_("explanation"))

    class Meta:
        icon = "pick"
        label = _("Principle")
        description = _("A guiding principle of the protocol and what it means in practice.")
        template = "protocol_pages/blocks/principle.html"
        preview_value = {
            "name": "Non-revictimisation",
            "explanation": "A single in-depth interview, respectful language, no judgement.",
        }
