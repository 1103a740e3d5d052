from django.core.management.base import BaseCommand

from samhandling.proposals.mail import send_mail_rows


class Command(BaseCommand):
    help = "Send e-mails to proposers that failed or were never sent."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_mail_rows()} e-mail(s).")
