from django.core.management.base import BaseCommand

from samhandling.events.emails import outbox_retry


class Command(BaseCommand):
    help = (
        "Send e-mails about registrations that failed, were never sent, are due, or whose worker "
        "died. Safe to run while another run or the task worker sends: each e-mail is claimed."
    )

    def handle(self, *args, **options):
        sent = outbox_retry()
        self.stdout.write(f"Sent {sent} e-mail(s).")
