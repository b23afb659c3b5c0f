"""Public content for API tests: a site tree with every kind of public page and directory
record the APIs expose (built with each app's factories, never the demo data)."""

from directory.models import DirectoryIndexPage
from website.factories import TranslatedPageFactory, make_site_root


class DirectorySectionFactory(TranslatedPageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Directorio de servicios"
    slug = "directorio"
    title_en = "Service directory"
    slug_en = "directory"


def build_public_content():
    home = make_site_root()
    DirectorySectionFactory(parent=home)
    return home
