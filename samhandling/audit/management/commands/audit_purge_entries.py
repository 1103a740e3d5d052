from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from samhandling.audit.services import audit_entries_purge


class Command(BaseCommand):
    help = (
        "Delete the project's audit log entries older than SAMHANDLING_AUDIT_RETENTION_DAYS days "
        "(or --days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days: int | None, **options):
        if days is None:
            days = settings.SAMHANDLING_AUDIT_RETENTION_DAYS
        deleted = audit_entries_purge(older_than=timezone.now() - timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} audit log entr(y/ies) older than {days} days.")
