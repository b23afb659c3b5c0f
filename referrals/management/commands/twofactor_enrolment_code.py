from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from referrals.accounts import issue_enrolment_code
from referrals.audit import Actor


class Command(BaseCommand):
    help = (
        "Make a one-time code with which USERNAME can set up a two-factor authenticator app "
        "(for the first administrator, or when nobody can sign in to the admin). The code is "
        "printed once: give it to the person yourself, never with their password. Audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user {username!r}.")
        code = issue_enrolment_code(user, Actor(username="manage.py"))
        self.stdout.write(
            f"One-time enrolment code for {username}, valid "
            f"{settings.RUTA_ENROLMENT_CODE_HOURS} hours: {code}"
        )
