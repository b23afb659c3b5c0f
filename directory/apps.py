from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from directory import province_cards, roles, selectors, signals, views
        from directory.models import DirectoryIndexPage

        signals.connect()
        province_cards.connect()
        post_migrate.connect(roles.on_post_migrate, sender=self, dispatch_uid="directory-roles")
        DirectoryIndexPage.register_views(
            browse=views.browse,
            coverage=views.coverage,
            organization=views.organization,
            service=views.service,
            cards=views.cards,
            card=views.card,
            card_pdf=views.card_pdf,
            pdf_context=views.card_pdf_context,
            report_problem=views.report_problem,
            sitemap_records=selectors.sitemap_records,
        )
