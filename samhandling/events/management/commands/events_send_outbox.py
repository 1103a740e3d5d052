from django.core.management.base import BaseCommand

from samhandling.events.emails import outbox_retry


class Command(BaseCommand):
    help = "Send e-mails about registrations that failed or were never sent."

    def handle(self, *args, **options):
        sent = outbox_retry()
        self.stdout.write(f"Sent {sent} e-mail(s).")
