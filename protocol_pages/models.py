import operator
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from infra.page_forms import CREATION_KEY_PANEL
from infra.pdf import PDFDocument, PDFPageMixin, serve_pdf
from infra.public_pages import public
from website.blocks import BlocksAPIField
from website.models import RICH_TEXT_FEATURES

from .blocks import AnnexStreamBlock, PrincipleBlock, StepStreamBlock
from .choices import SUB_ROUTE_CHOICES, AnnexKind
from .diff import CHANGES_SEGMENTS, diff_editions, diff_path
from .directory_links import province_lookup, remember_province
from .fragments import content_key, section_steps, step_outline
from .handbook import handbook_context
from .mixins import LAST_PANELS, EditionAPIMixin, EditionStatusMixin, ProtocolPageMixin
from .significance import ChangeSignificanceMixin


class ProtocolIndexPage(ProtocolPageMixin, Page):
    """The assistance-route protocol: the edition in force first, older editions below."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), CREATION_KEY_PANEL]
    api_fields = [APIField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["protocol_pages.ProtocolEditionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("protocol index page")

    def editions(self):
        return public(ProtocolEditionPage.objects.child_of(self).live()).order_by("-effective_date")

    def classify_editions(self, today=None):
        """(in force, superseded editions, drafts) from the live editions' effective dates."""
        today = today or timezone.localdate()
        in_force, superseded, drafts = None, [], []
        for edition in self.editions():
            if edition.effective_date > today:
                drafts.append(edition)
            elif in_force is None:
                in_force = edition
            else:
                superseded.append(edition)
        return in_force, superseded, drafts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        in_force, superseded, drafts = self.classify_editions()
        context.update(in_force=in_force, superseded=superseded, upcoming=drafts)
        return context


class ProtocolEditionPage(
    EditionStatusMixin,
    EditionAPIMixin,
    ProtocolPageMixin,
    ChangeSignificanceMixin,
    RoutablePageMixin,
    PDFPageMixin,
    Page,
):
    """One edition of the protocol. Its status follows from the effective dates of the live
    editions: the latest one already in effect is in force, earlier ones are superseded
    (``mixins.EditionStatusMixin``; the computed API fields: ``mixins.EditionAPIMixin``).

    A new edition is made by copying the previous one in the admin: block ids survive the
    copy, so the edition diff (``protocol_pages.diff``) can tell changed steps from new ones.
    """

    # Empty on a new edition's draft; required to submit or publish (blank=False).
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        help_text=_(
            "The day this edition comes into force. Until then the edition in force stays "
            "public, and this one is listed as upcoming once approved."
        ),
    )
    approving_institutions = ParentalManyToManyField(
        "directory.Organization",
        blank=True,
        related_name="approved_protocol_editions",
        verbose_name=_("approving institutions"),
    )
    summary = RichTextField(_("summary"), blank=True, features=RICH_TEXT_FEATURES)
    principles = StreamField(
        [("principle", PrincipleBlock())], blank=True, verbose_name=_("principles")
    )
    editors_note = RichTextField(
        _("editors' note: what changed"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What changed since the previous edition, in a few lines, for readers."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("effective_date"),
        FieldPanel("approving_institutions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("principles"),
        FieldPanel("editors_note"),
        *LAST_PANELS,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary_es"),
        index.SearchField("summary_en"),
        index.FilterField("effective_date"),
    ]
    parent_page_types = ["protocol_pages.ProtocolIndexPage"]
    subpage_types = [
        "protocol_pages.ProtocolPhasePage",
        "protocol_pages.ProtocolSubRoutePage",
        "protocol_pages.ProtocolAnnexPage",
    ]
    pdf_documents = {"manual": PDFDocument("protocol_pages/pdf/handbook.html", "manual")}
    api_fields = [
        APIField("effective_date"),
        APIField("status"),
        APIField("summary"),
        APIField("principles"),
        APIField("editors_note"),
        APIField("institutions"),
        APIField("sections"),
        APIField("changes"),
        APIField("handbook_url"),
    ]

    class Meta:
        verbose_name = _("protocol edition")
        verbose_name_plural = _("protocol editions")

    # Status and neighbours -------------------------------------------------------------
    @cached_property
    def protocol_index(self):
        return ProtocolIndexPage.objects.parent_of(self).first()

    @cached_property
    def _classification(self):
        if self.protocol_index is None:
            return None, [], []
        return self.protocol_index.classify_editions()

    @cached_property
    def previous_edition(self):
        """The live edition before this one (for a new edition's draft: the latest)."""
        editions = public(ProtocolEditionPage.objects.sibling_of(self, inclusive=False).live())
        if self.effective_date is not None:
            editions = editions.filter(effective_date__lt=self.effective_date)
        return editions.order_by("-effective_date").first()

    # Sections -------------------------------------------------------------------------
    def sections_to_publish(self):
        """Sections whose drafts publish with this edition: all that have unpublished
        changes while the edition is live and was published once, or is not yet in force
        (a new edition is approved as a whole; sections of the edition in force go through
        approval one by one)."""
        if not self.live:
            return Page.objects.none()
        first_publication = self.first_published_at == self.last_published_at
        upcoming = self.effective_date and self.effective_date > timezone.localdate()
        if not (first_publication or upcoming):
            return Page.objects.none()
        return self.get_children().filter(has_unpublished_changes=True)

    def live_sections(self):
        """Live sections in tree order, each with its specific class (one query per class)."""
        return public(self.get_children().live()).specific()

    def step_sections(self):
        """Live sections that hold steps (phases and sub-routes), for the edition diff."""
        return [section for section in self.live_sections() if hasattr(section, "steps")]

    def route_sections(self):
        """Phases (numbered), sub-routes and annexes of this edition, in tree order."""
        phases, sub_routes, annexes = [], [], []
        for section in self.live_sections():
            if isinstance(section, ProtocolPhasePage):
                section.phase_number = len(phases) + 1
                phases.append(section)
            elif isinstance(section, ProtocolSubRoutePage):
                sub_routes.append(section)
            elif isinstance(section, ProtocolAnnexPage):
                annexes.append(section)
        return {"phases": phases, "sub_routes": sub_routes, "annexes": annexes}

    def get_context(self, request, *args, **kwargs):
        """The overview, annexes and diff are lazy: the template keeps what they render in
        a fragment cache per content version (``protocol_pages.fragments``), so they are
        read from the database only when that fragment is built."""
        context = super().get_context(request, *args, **kwargs)
        context["edition"] = self
        context["content_key"] = content_key(self)
        sections = SimpleLazyObject(self.route_sections)
        for name in ("phases", "sub_routes", "annexes"):
            context[name] = SimpleLazyObject(partial(operator.getitem, sections, name))
        context["sub_route_pages"] = SimpleLazyObject(
            lambda: {page.kind: page for page in sections["sub_routes"]}
        )
        context["province"] = province_lookup(request, [])
        context["diff"] = SimpleLazyObject(self._diff)
        context["diff_path"] = SimpleLazyObject(
            lambda: diff_path(self, translation.get_language(), request)
        )
        return context

    def serve(self, request, *args, **kwargs):
        return remember_province(request, super().serve(request, *args, **kwargs))

    def _diff(self, details=False):
        if self.previous_edition is None:
            return None
        return diff_editions(self.previous_edition, self, details=details)

    # Handbook ---------------------------------------------------------------------------
    def get_pdf_context(self, kind):
        return handbook_context(self)

    @path("manual.pdf/", name="handbook")
    def handbook(self, request):
        return serve_pdf(request, self, "manual")

    # What changed: every changed field before and after (``protocol_pages.diff``) -------
    @re_path(r"^(?P<segment>cambios|changes)/$", name="changes")
    def changes_page(self, request, segment):
        language = translation.get_language()
        if segment != CHANGES_SEGMENTS.get(language, segment):
            return redirect(diff_path(self, language, request), permanent=True)
        if self.previous_edition is None:
            raise Http404
        urls = {code: diff_path(self, code, request) for code in CHANGES_SEGMENTS}
        return self.render(
            request,
            template="protocol_pages/protocol_edition_changes.html",
            context_overrides={
                "diff": SimpleLazyObject(partial(self._diff, details=True)),
                "alternate_urls": urls,
            },
        )


class ProtocolSectionPage(ProtocolPageMixin, ChangeSignificanceMixin, PDFPageMixin, Page):
    """A page inside an edition (phase, sub-route or annex). Publishing it rebuilds the
    edition's handbook, so ``get_pdf_page`` answers with the edition."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["protocol_pages.ProtocolEditionPage"]
    subpage_types = []

    class Meta:
        abstract = True

    @cached_property
    def edition(self):
        return ProtocolEditionPage.objects.parent_of(self).first()

    def get_pdf_page(self):
        return self.edition

    def get_context(self, request, *args, **kwargs):
        """The edition is read only when a fragment that shows it is built."""
        context = super().get_context(request, *args, **kwargs)
        context["edition"] = SimpleLazyObject(lambda: self.edition)
        return context


class StepsSectionMixin:
    """Context for sections that hold steps: the "in your province" lookup. The API reads
    the steps as the blocks shape them (``StepBlock.get_api_representation``); the search
    reads the introduction and the steps in both languages."""

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro_es"),
        index.SearchField("intro_en"),
        index.SearchField("steps_es"),
        index.SearchField("steps_en"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("structured_steps", serializer=BlocksAPIField(source="steps")),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["province"] = province_lookup(request, self.steps)
        context["step_items"] = section_steps(request, self, self.sub_route_pages)
        return context

    def serve(self, request, *args, **kwargs):
        return remember_province(request, super().serve(request, *args, **kwargs))

    def step_outline(self):
        return step_outline(self.steps)

    def sub_route_pages(self):
        """{kind: live sub-route page} of the edition, for the steps' decision points."""
        if self.edition is None:
            return {}
        return {
            page.kind: page
            for page in public(ProtocolSubRoutePage.objects.child_of(self.edition).live())
        }


class ProtocolPhasePage(StepsSectionMixin, ProtocolSectionPage):
    section_type = "phase"
    steps = StreamField(StepStreamBlock(), blank=True, verbose_name=_("steps"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("steps"), *LAST_PANELS]
    api_fields = [APIField("phase_number"), *StepsSectionMixin.api_fields]

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    @cached_property
    def phase_number(self):
        return ProtocolPhasePage.objects.sibling_of(self).filter(path__lte=self.path).count()


class ProtocolSubRoutePage(StepsSectionMixin, ProtocolSectionPage):
    section_type = "sub-route"
    kind = models.CharField(_("sub-route"), max_length=30, choices=SUB_ROUTE_CHOICES)
    steps = StreamField(StepStreamBlock(), blank=True, verbose_name=_("steps"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("steps"),
        *LAST_PANELS,
    ]
    api_fields = [APIField("kind"), *StepsSectionMixin.api_fields]

    class Meta:
        verbose_name = _("sub-route")
        verbose_name_plural = _("sub-routes")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is None:
            return
        clash = ProtocolSubRoutePage.objects.child_of(parent).filter(kind=self.kind)
        if clash.exclude(pk=self.pk).exists():
            raise ValidationError({"kind": _("This edition already has this sub-route.")})


class ProtocolAnnexPage(ProtocolSectionPage):
    Kind = AnnexKind
    section_type = "annex"

    kind = models.CharField(_("kind of annex"), max_length=20, choices=Kind.choices)
    body = StreamField(AnnexStreamBlock(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("body"),
        *LAST_PANELS,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro_es"),
        index.SearchField("intro_en"),
        index.SearchField("body_es"),
        index.SearchField("body_en"),
    ]

    api_fields = [APIField("kind"), APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
