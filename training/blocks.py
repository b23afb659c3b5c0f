"""StreamField blocks of a training module: its sessions and their timed activities.

A session's ``facilitator_notes`` are for trainers and staff only. The block templates show
them only when the template context says ``show_facilitator_notes`` (set by the page for
trainers and by the facilitator guide PDF); the session's API representation withholds
them (``Meta.api_withheld``), and the search text and participant outputs read that.
"""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.struct_block import StructBlockValidationError

from website.blocks import APIStructBlock, CompactListBlock, DocumentBlock, ItemStreamBlock

MAX_SESSION_MINUTES = 8 * 60


class RowListBlock(blocks.ListBlock):
    """A list of a session: a new session starts with no rows unless the list needs one, and
    a row left empty is dropped when the form is saved, so an untouched row never makes the
    form invalid. ``min_num`` still applies to the rows that remain."""

    def __init__(self, child_block, **kwargs):
        if not kwargs.get("min_num"):
            kwargs.setdefault("default", [])
        super().__init__(child_block, **kwargs)

    def clean(self, value):
        value = self.normalize(value)
        rows = [row for row in value.bound_blocks if not is_blank(row.value)]
        return super().clean(ListValue(self, bound_blocks=rows))


class CompactRowListBlock(RowListBlock, CompactListBlock):
    """A :class:`RowListBlock` whose API leaves out rows whose item is gone (a deleted
    document)."""


def is_blank(value):
    """Nothing typed or chosen: an empty string, no choice, or a struct of blanks."""
    if isinstance(value, blocks.StructValue):
        return all(is_blank(child) for child in value.values())
    if isinstance(value, str):
        return not strip_tags(value).strip()
    return value is None


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("activity"),
        max_length=200,
        help_text=_("A short name participants recognise, e.g. 'Round of introductions'."),
    )
    minutes = blocks.IntegerBlock(
        label=_("minutes"),
        min_value=1,
        max_value=MAX_SESSION_MINUTES,
        help_text=_("How long the activity takes; all activities fit in the session."),
    )
    description = blocks.TextBlock(
        label=_("how it works"),
        required=False,
        help_text=_("Steps, groupings and what the facilitator says, in plain words."),
    )

    class Meta:
        icon = "time"
        label = _("Activity")
        description = _("One timed activity of the session, and how it works.")
        template = "training/blocks/activity.html"
        preview_value = {
            "title": "Ronda de presentación",
            "minutes": 15,
            "description": "Cada persona dice su nombre y algo que sabe hacer bien.",
        }


class SessionValue(blocks.StructValue):
    """Computed values of a session, so templates stay dumb."""

    def activity_minutes(self):
        return sum(activity.get("minutes") or 0 for activity in self.get("activities") or [])

    def public_data(self):
        """The session without facilitator notes: its API representation."""
        return self.block.get_api_representation(self)

    def public_text(self):
        """Searchable text of the session: everything except the facilitator notes."""
        data = self.public_data()
        parts = [data["title"] or "", *data["objectives"], *data["materials"]]
        for activity in data["activities"]:
            parts += [activity["title"] or "", activity["description"] or ""]
        parts += data["assessment_checklist"]
        return " ".join(part for part in parts if part)


class SessionBlock(APIStructBlock):
    title = blocks.CharBlock(
        label=_("session title"),
        max_length=200,
        help_text=_("The session's name as participants see it."),
    )
    duration_minutes = blocks.IntegerBlock(
        label=_("duration (minutes)"),
        min_value=1,
        max_value=MAX_SESSION_MINUTES,
        help_text=_("The whole session; its activities must fit in it."),
    )
    objectives = RowListBlock(
        blocks.CharBlock(
            label=_("objective"),
            max_length=300,
            help_text=_("What participants can do after the session, e.g. 'Name three strengths'."),
        ),
        label=_("objectives"),
        min_num=1,
        help_text=_("At least one. Empty rows are left out when you save."),
    )
    activities = RowListBlock(
        ActivityBlock(),
        label=_("activities (in order)"),
        min_num=1,
        help_text=_("At least one, in the order they happen. Empty rows are left out."),
    )
    materials = RowListBlock(
        blocks.CharBlock(
            label=_("material"),
            max_length=200,
            help_text=_("One item and how many, e.g. '10 markers'."),
        ),
        label=_("materials needed"),
        required=False,
        help_text=_("Optional. Add a row per item; empty rows are left out."),
    )
    handouts = CompactRowListBlock(
        DocumentBlock(
            label=_("handout"),
            help_text=_("A document from the library, or upload one."),
        ),
        label=_("handouts"),
        required=False,
        help_text=_("Optional. Add a row per document; empty rows are left out."),
    )
    assessment_checklist = RowListBlock(
        blocks.CharBlock(
            label=_("checklist item"),
            max_length=300,
            help_text=_(
                "Something the facilitator can observe, e.g. 'Each person names a strength'."
            ),
        ),
        label=_("assessment checklist"),
        required=False,
        help_text=_("Optional. How the facilitator checks the objectives were met."),
    )
    facilitator_notes = blocks.RichTextBlock(
        label=_("facilitator notes (trainers and staff only)"),
        required=False,
        features=["bold", "italic", "ol", "ul"],
        help_text=_(
            "Never shown to anonymous visitors, in the participant handout or in the public API."
        ),
    )

    class Meta:
        icon = "group"
        label = _("Session")
        description = _(
            "A session: objectives, timed activities, materials, handouts, a checklist and "
            "notes for facilitators only."
        )
        template = "training/blocks/session.html"
        value_class = SessionValue
        api_withheld = ("facilitator_notes",)
        preview_value = {
            "title": "Mis fortalezas",
            "duration_minutes": 90,
            "objectives": ["Reconocer tres fortalezas personales."],
            "activities": [
                {"title": "Bienvenida y acuerdos", "minutes": 15, "description": ""},
                {"title": "El árbol de mis fortalezas", "minutes": 60, "description": ""},
                {"title": "Cierre", "minutes": 15, "description": ""},
            ],
            "materials": ["Papelógrafos", "Marcadores"],
            "assessment_checklist": ["Cada participante nombra una fortaleza."],
        }

    def clean(self, value):
        value = super().clean(value)
        total = sum(activity.get("minutes") or 0 for activity in value.get("activities") or [])
        duration = value.get("duration_minutes") or 0
        if total > duration:
            raise StructBlockValidationError(
                block_errors={
                    "duration_minutes": ValidationError(
                        _(
                            "The activities add up to %(total)s minutes, more than the "
                            "session's %(duration)s minutes."
                        )
                        % {"total": total, "duration": duration}
                    )
                }
            )
        return value


class SessionStreamBlock(ItemStreamBlock):
    session = SessionBlock()

    class Meta:
        label = _("Sessions")
