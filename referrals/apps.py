from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Referrals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.permissions import register_permission_policy

        from .access import permission_policy
        from .models import Referral
        from .roles import on_post_migrate

        register_permission_policy(Referral, permission_policy)
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="referrals-coordinators")
