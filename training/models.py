from decimal import Decimal

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.selectors import public_services
from infra.page_forms import CREATION_KEY_PANEL, RutaPageForm
from infra.pdf import PDFDocument, PDFPageMixin, serve_pdf
from infra.public_pages import public
from website.blocks import BlocksAPIField
from website.models import RICH_TEXT_FEATURES

from .access import can_see_facilitator_notes
from .blocks import SessionStreamBlock
from .catalogue import Catalogue
from .choices import Audience, DeliveryMode, Level, Licence, Topic

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
__all__ = ["TrainingIndexPage", "TrainingModulePage"]


class TrainingIndexPage(Page):
    """Catalogue of life-skills and vocational training modules, filtered with a GET form
    (``training.catalogue``) so it works without JavaScript."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    base_form_class = RutaPageForm
    content_panels = [*Page.content_panels, FieldPanel("intro"), CREATION_KEY_PANEL]
    api_fields = [APIField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count = 1

    class Meta:
        verbose_name = _("training index page")

    def modules(self):
        return public(TrainingModulePage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogue = Catalogue(self.modules(), request.GET)
        context["catalogue"] = catalogue
        context["modules"] = catalogue.results().select_related("author_organization")
        return context


class TrainingModulePage(RoutablePageMixin, PDFPageMixin, Page):
    """One training module: metadata for the catalogue, then its sessions.

    Facilitator notes live inside the sessions; they are never in ``search_fields`` (the
    public index reads ``public_session_text_<lang>`` instead) nor in ``api_fields`` (the
    API gets ``public_sessions``: the sessions as their blocks shape them, without notes).
    """

    summary = models.TextField(_("summary"))
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    duration_hours = models.DecimalField(
        _("total duration (hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DeliveryMode.choices, default=DeliveryMode.GROUP
    )
    learning_objectives = RichTextField(
        _("learning objectives"), blank=True, features=RICH_TEXT_FEATURES
    )
    prerequisites = ParentalManyToManyField(
        "training.TrainingModulePage",
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites (other modules)"),
    )
    content_warning = models.CharField(
        _("content warning"),
        max_length=300,
        blank=True,
        help_text=_("Shown before the content, e.g. 'talks about violence in relationships'."),
    )
    safety_notes = RichTextField(
        _("safety notes (trauma-informed facilitation)"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What to do if a participant discloses abuse; how to keep the group safe."),
    )
    related_services = ParentalManyToManyField(
        "directory.Service",
        blank=True,
        related_name="training_modules",
        verbose_name=_("related directory services"),
    )
    author_organization = models.ForeignKey(
        "directory.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_modules",
        verbose_name=_("author organisation"),
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY_SA
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    sessions = StreamField(SessionStreamBlock(), blank=True, verbose_name=_("sessions"))
    available_languages = models.CharField(
        _("available languages"), max_length=20, blank=True, editable=False
    )

    base_form_class = RutaPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("duration_hours"),
                FieldPanel("delivery_mode"),
            ],
            heading=_("Catalogue"),
        ),
        FieldPanel("learning_objectives"),
        FieldPanel("prerequisites"),
        FieldPanel("content_warning"),
        FieldPanel("safety_notes"),
        FieldPanel("sessions"),
        MultiFieldPanel(
            [
                FieldPanel("related_services"),
                FieldPanel("author_organization"),
                FieldPanel("licence"),
                FieldPanel("last_reviewed"),
                CREATION_KEY_PANEL,
            ],
            heading=_("Links and credits"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary_es"),
        index.SearchField("summary_en"),
        index.SearchField("learning_objectives_es"),
        index.SearchField("learning_objectives_en"),
        index.SearchField("public_session_text_es"),
        index.SearchField("public_session_text_en"),
        index.FilterField("topic"),
        index.FilterField("audience"),
        index.FilterField("level"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("topic"),
        APIField("audience"),
        APIField("level"),
        APIField("duration_hours"),
        APIField("delivery_mode"),
        APIField("learning_objectives"),
        APIField("content_warning"),
        APIField("safety_notes"),
        APIField("available_languages"),
        APIField("licence"),
        APIField("last_reviewed"),
        APIField("author_organization_name"),
        APIField("prerequisite_modules"),
        APIField("public_related_services"),
        APIField("public_sessions", serializer=BlocksAPIField(source="sessions")),
        APIField("handout_url"),
    ]
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []
    pdf_documents = {
        "handout": PDFDocument("training/pdf/handout.html", "handout"),
        "guide": PDFDocument("training/pdf/guide.html", "guide", restricted=True),
    }

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    def clean(self):
        super().clean()
        if self.pk and any(module.pk == self.pk for module in self.prerequisites.all()):
            raise ValidationError(
                {"prerequisites": _("A module cannot be a prerequisite of itself.")}
            )

    def save(self, *args, **kwargs):
        self.available_languages = " ".join(self.languages_with_content())
        return super().save(*args, **kwargs)

    def languages_with_content(self):
        """Languages in which the module is written: a title and a summary, and the
        sessions too when the module has sessions in any language."""
        has_sessions = any(getattr(self, f"sessions_{code}", None) for code in LANGUAGE_CODES)
        available = []
        for code in LANGUAGE_CODES:
            if not (getattr(self, f"title_{code}", "") and getattr(self, f"summary_{code}", "")):
                continue
            if has_sessions and not getattr(self, f"sessions_{code}", None):
                continue
            available.append(code)
        return available

    def get_available_languages_display(self):
        names = dict(settings.LANGUAGES)
        return [names[code] for code in self.available_languages.split() if code in names]

    # Public data (page, API, handout) --------------------------------------------------
    def _public_session_text(self, code):
        stream = getattr(self, f"sessions_{code}", None) or []
        return " ".join(block.value.public_text() for block in stream)

    def public_session_text_es(self):
        return self._public_session_text("es")

    def public_session_text_en(self):
        return self._public_session_text("en")

    @property
    def handout_url(self):
        return f"{self.get_full_url()}handout.pdf"

    @property
    def author_organization_name(self):
        """The author's name while the organisation is published (an inactive one is not)."""
        organization = self.author_organization if self.author_organization_id else None
        return organization.name if organization is not None and organization.is_active else ""

    @property
    def prerequisite_modules(self):
        return [
            {"id": module.pk, "title": module.title, "url": module.url}
            for module in self.visible_prerequisites()
        ]

    # A draft in preview holds its relations in modelcluster's fake querysets, which offer
    # all() but no queries (values_list, live): read the ids, then query the database.
    def visible_prerequisites(self):
        ids = [module.pk for module in self.prerequisites.all()]
        return public(TrainingModulePage.objects.filter(pk__in=ids).live())

    def visible_related_services(self):
        ids = [service.pk for service in self.related_services.all()]
        return public_services().filter(pk__in=ids).select_related("organization").order_by("name")

    @property
    def public_related_services(self):
        return [
            {
                "id": str(service.pk),
                "name": service.name,
                "organization": service.organization.name,
                "status": service.status,
            }
            for service in self.visible_related_services()
        ]

    def total_session_minutes(self):
        return sum(block.value.activity_minutes() for block in self.sessions)

    # Pages and PDFs ----------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show_facilitator_notes"] = can_see_facilitator_notes(request.user)
        # Read only when the module's fragment is built (it is kept per content version).
        context["related_services"] = SimpleLazyObject(
            lambda: list(self.visible_related_services())
        )
        context["prerequisite_pages"] = SimpleLazyObject(lambda: list(self.visible_prerequisites()))
        return context

    def get_pdf_context(self, kind):
        return {
            "page": self,
            "kind": kind,
            "show_facilitator_notes": kind == "guide",
            "related_services": list(self.visible_related_services()),
            "prerequisite_pages": list(self.visible_prerequisites()),
            "online_url": self.get_full_url(),
            "built_on": timezone.localdate(),
        }

    def pdf_user_can_read(self, user, kind):
        if kind == "guide":
            return can_see_facilitator_notes(user)
        return super().pdf_user_can_read(user, kind)

    @path("handout.pdf/", name="handout")
    def handout(self, request):
        return serve_pdf(request, self, "handout")

    @path("guide.pdf/", name="guide")
    def guide(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return serve_pdf(request, self, "guide")
