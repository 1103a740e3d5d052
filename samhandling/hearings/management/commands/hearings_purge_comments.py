from django.core.management.base import BaseCommand

from samhandling.hearings.comment_services import comments_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete comments on hearings whose confirmation link expired before it was used."

    def handle(self, *args, **options):
        deleted = comments_purge_unconfirmed()
        self.stdout.write(f"{deleted} unconfirmed comment(s) deleted")
