from django.core.management.base import BaseCommand

from samhandling.hearings.mail import send_mail_rows


class Command(BaseCommand):
    help = "Send the hearings' e-mail that is queued, failed or whose worker died (exactly once)."

    def handle(self, *args, **options):
        sent = send_mail_rows()
        self.stdout.write(f"{sent} e-mail(s) sent")
