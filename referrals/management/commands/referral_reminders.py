from django.core.management.base import BaseCommand
from django.utils import timezone

from referrals.audit import Actor
from referrals.selectors import overdue_without_notice
from referrals.services import note_overdue

ACTOR = Actor(username="referral_reminders")


class Command(BaseCommand):
    help = (
        "Remind both institutions, once, of every urgent or emergency referral still "
        "unanswered REFERRAL_OVERDUE_HOURS after sending (an e-mail without details). "
        "Run it every hour."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        pending = list(overdue_without_notice(now).values_list("pk", flat=True))
        reminded = 0
        for done, pk in enumerate(pending, start=1):
            reminded += note_overdue(pk, ACTOR, now)
            if done % 100 == 0:
                self.stdout.write(f"  {done}/{len(pending)}")
        self.stdout.write(self.style.SUCCESS(f"Reminded {reminded} overdue referrals."))
