from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from directory.models import DirectoryIndexPage
        from search import signals
        from search.directory import browse_directory

        signals.connect()
        # The directory page's query layer: full text, facets, distance (see search.directory).
        DirectoryIndexPage.browse_function = staticmethod(browse_directory)
