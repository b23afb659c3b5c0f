"""Admin screens of search: the editors' rules (snippets with revisions and a preview of
what a query expands to), a page to try a query, and the report of searches without
results (each linking to "add a rule" with the words filled in)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search.models import SearchRule


class SearchRuleCreateView(CreateView):
    """ "Add a rule" from the report: the searched words arrive as ``?phrases=``."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        words = (self.request.GET.get("phrases") or "").strip()[:200]
        if words:
            instance = instance or self.model()
            instance.phrases = words
            instance.name = words.capitalize()
            instance.kind = SearchRule.Kind.SITUATION
            language = self.request.GET.get("language")
            if language in dict(SearchRule.Language.choices):
                instance.language = language
        return instance


class SearchRuleViewSet(SnippetViewSet):
    model = SearchRule
    icon = "search"
    menu_label = _("Search rules")
    menu_name = "search-rules"
    add_to_admin_menu = True
    menu_order = 900
    search_backend_name = None
    add_view_class = SearchRuleCreateView
    list_display = ["name", "kind", "language", "live"]
    list_filter = ["kind", "language", "live"]
    search_fields = ["name", "phrases", "needs"]
