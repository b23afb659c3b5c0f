"""Files the infrastructure builds and keeps (PDFs rendered from pages) and the claims of
the pages' add forms."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Storage for files that must never be reachable by URL (see STORAGES["private"])."""
    return storages["private"]


class BuiltDocument(models.Model):
    """A PDF built in the background from a page (handbook, handout, facilitator guide).

    Files live in private storage (``RUTA_PRIVATE_ROOT``), never under MEDIA_URL: they are
    served by the page's own view, which checks who may read each kind.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="built_documents"
    )
    kind = models.CharField(_("kind"), max_length=40)
    language = models.CharField(_("language"), max_length=8)
    file = models.FileField(_("file"), storage=private_storage, upload_to="built-documents/")
    revision_id = models.PositiveBigIntegerField(_("built from revision"), null=True, blank=True)
    built_at = models.DateTimeField(_("built at"))
    build_seconds = models.FloatField(_("build time (s)"), default=0)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)

    class Meta:
        verbose_name = _("built document")
        verbose_name_plural = _("built documents")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "language"], name="unique_built_document"
            )
        ]

    def __str__(self):
        return f"{self.page_id}/{self.kind}.{self.language}.pdf"


class PDFBuildRequest(models.Model):
    """When a page's PDFs were last asked for: the build task of an earlier request skips
    while a newer one is still waiting (debounce), and a task finds it has nothing to do
    when the file was built after this moment."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="pdf_build_request"
    )
    requested_at = models.DateTimeField(_("requested at"))

    class Meta:
        verbose_name = _("PDF build request")
        verbose_name_plural = _("PDF build requests")

    def __str__(self):
        return f"{self.page_id} @ {self.requested_at:%Y-%m-%d %H:%M:%S}"


class PageCreation(models.Model):
    """One add form of a page, of any page type, named by the key the form carries
    (``infra.page_forms.RutaPageForm``), and the page it created. Autosave creates the page
    while the editor types; a later request of the same add form continues on that page
    instead of creating another (``infra.creation``). A row without a page is a creation
    under way.

    Rows are short-lived claims, not records: an add form is not left open for a day, so
    rows older than that are deleted (``infra.creation_services.KEEP``) and none is ever
    copied or exported."""

    key = models.UUIDField(primary_key=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("page creation")
        verbose_name_plural = _("page creations")

    def __str__(self):
        return str(self.key)
