"""StreamField blocks of the protocol: a step of the route and the annex content.

Deadlines are structured (amount, unit, starting event) so they can be shown the same way
on the page, in the overview and in the handbook; they stay content, never code.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from .choosers import organization_chooser_viewset

OrganizationChooserBlock = organization_chooser_viewset.get_block_class(
    name="OrganizationChooserBlock", module_path="protocol_pages.blocks"
)

SUB_ROUTE_CHOICES = [
    ("crisis", _("Crisis intervention")),
    ("voluntary-return", _("Assisted voluntary return")),
    ("repatriation", _("Repatriation of Ecuadorians found abroad")),
    ("relocation", _("Relocation within Ecuador")),
]

DEADLINE_UNITS = [
    ("hours", _("hours")),
    ("days", _("days")),
    ("working-days", _("working days")),
    ("weeks", _("weeks")),
    ("months", _("months")),
]

UNIT_FORMS = {
    "hours": lambda n: ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n},
    "days": lambda n: ngettext("%(n)s day", "%(n)s days", n) % {"n": n},
    "working-days": lambda n: ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n},
    "weeks": lambda n: ngettext("%(n)s week", "%(n)s weeks", n) % {"n": n},
    "months": lambda n: ngettext("%(n)s month", "%(n)s months", n) % {"n": n},
}


class ResponsibleInstitutionBlock(blocks.StructBlock):
    organization = OrganizationChooserBlock(label=_("institution"))
    role = blocks.CharBlock(label=_("role in this step"), max_length=300)

    class Meta:
        icon = "group"
        label = _("Responsible institution")


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

    def clean(self, value):
        value = super().clean(value)
        if not value.get("next_step") and not value.get("sub_route"):
            raise StructBlockValidationError(
                block_errors={"next_step": _("Give the next step or choose a sub-route.")}
            )
        return value


class LegalReferenceBlock(blocks.StructBlock):
    instrument = blocks.CharBlock(label=_("legal instrument"), max_length=250)
    article = blocks.CharBlock(label=_("article"), max_length=60, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Legal reference")


class StepBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("number"), min_value=1)
    title = blocks.CharBlock(label=_("title"), max_length=250)
    summary = blocks.TextBlock(label=_("what happens"), required=False)
    responsible = blocks.ListBlock(
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
    forms = blocks.ListBlock(DocumentChooserBlock(label=_("form")), label=_("forms"), default=[])

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "protocol_pages/blocks/step.html"
        preview_value = {
            "number": 1,
            "title": "Identify the possible victim",
            "actions": ["Ensure the person's safety", "Call ECU 911 if in danger"],
        }


class StepStreamBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        block_counts = {"step": {"min_num": 1}}


class GlossaryEntryBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("term"), max_length=120)
    definition = blocks.TextBlock(label=_("definition"))

    class Meta:
        icon = "openquote"
        label = _("Glossary entry")
        template = "protocol_pages/blocks/glossary_entry.html"


class FormDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.TextBlock(label=_("when to use it"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Form")
        template = "protocol_pages/blocks/form_document.html"


class AnnexStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        label=_("Text"),
        template="protocol_pages/blocks/text.html",
    )
    form = FormDocumentBlock()
    glossary_entry = GlossaryEntryBlock()
    legal_reference = LegalReferenceBlock(template="protocol_pages/blocks/legal_reference.html")


class PrincipleBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("principle"), max_length=150)
    explanation = blocks.TextBlock(label=_("explanation"))

    class Meta:
        icon = "pick"
        label = _("Principle")
        template = "protocol_pages/blocks/principle.html"
