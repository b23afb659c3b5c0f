from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from directory import notifications, staff_selectors


class Command(BaseCommand):
    help = (
        "Queue the weekly digest of listings to re-verify (overdue or soon due) to each "
        "member of the institutions concerned who got none this week. Run it once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count the recipients")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = len(staff_selectors.reminder_user_ids())
            self.stdout.write(_("%(count)s digest(s) would be sent.") % {"count": count})
            return
        self.stdout.write(_("Looking for listings to re-verify …"))
        count = notifications.send_verification_reminders()
        self.stdout.write(self.style.SUCCESS(_("%(count)s digest(s) queued.") % {"count": count}))
