from django.core.management.base import BaseCommand

from samhandling.privacy.services import data_requests_retry


class Command(BaseCommand):
    help = "Send links to personal data whose e-mail failed or was never sent."

    def handle(self, *args, **options):
        sent = data_requests_retry()
        self.stdout.write(f"Sent {sent} link(s) to personal data.")
