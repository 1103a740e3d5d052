from django.conf import settings
from django.core.management.base import BaseCommand

from samhandling.events.notices import registrations_send_reminders


class Command(BaseCommand):
    help = (
        "Queue a reminder e-mail to each confirmed participant of an event that starts within "
        "EVENTS_REMINDER_DAYS days (default 3). Each participant gets one reminder; safe to run "
        "as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days ahead (overrides EVENTS_REMINDER_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is None:
            days = getattr(settings, "EVENTS_REMINDER_DAYS", 3)
        queued = registrations_send_reminders(days=days)
        self.stdout.write(f"Queued {queued} reminder(s).")
