from django.core.management.base import BaseCommand

from samhandling.newsletters.confirmations import send_subscriber_mails


class Command(BaseCommand):
    help = (
        "Send the newsletter confirmation e-mails that are queued, failed or whose worker died "
        "(exactly once)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_subscriber_mails()} e-mail(s) sent")
