from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from samhandling.events.erasure import registrations_purge


class Command(BaseCommand):
    help = (
        "Delete registrations of events that ended more than EVENTS_REGISTRATION_RETENTION_DAYS "
        "days ago (or --days), with the e-mails about them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days: int | None, **options):
        if days is None:
            days = getattr(settings, "EVENTS_REGISTRATION_RETENTION_DAYS", 90)
        deleted = registrations_purge(ended_before=timezone.now() - timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} registration row(s) and their e-mails.")
