from django.core.management.base import BaseCommand

from samhandling.contacts.mail import send_mail_rows


class Command(BaseCommand):
    help = "Send the contacts' queued or failed e-mails (invitations and reminders)."

    def handle(self, *args, **options):
        sent = send_mail_rows()
        if sent:
            self.stdout.write(f"Contact e-mails sent: {sent}")
