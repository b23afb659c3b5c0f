"""StreamField blocks of a training module: its sessions and their timed activities.

A session's ``facilitator_notes`` are for trainers and staff only. The block templates show
them only when the template context says ``show_facilitator_notes`` (set by the page for
trainers and by the facilitator guide PDF); the session's API representation withholds
them (``Meta.api_withheld``), and the search text and participant outputs read that.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from website.blocks import APIStructBlock, CompactListBlock, DocumentBlock, ItemStreamBlock

MAX_SESSION_MINUTES = 8 * 60


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("activity"), max_length=200)
    minutes = blocks.IntegerBlock(label=_("minutes"), min_value=1, max_value=MAX_SESSION_MINUTES)
    description = blocks.TextBlock(label=_("how it works"), required=False)

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
    title = blocks.CharBlock(label=_("title"), max_length=200)
    duration_minutes = blocks.IntegerBlock(
        label=_("duration (minutes)"), min_value=1, max_value=MAX_SESSION_MINUTES
    )
    objectives = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("objectives"), min_num=1
    )
    activities = blocks.ListBlock(ActivityBlock(), label=_("activities (in order)"), min_num=1)
    materials = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("materials needed"), required=False
    )
    handouts = CompactListBlock(DocumentBlock(), label=_("handouts"), required=False)
    assessment_checklist = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("assessment checklist"), required=False
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
