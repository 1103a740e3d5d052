from django.core.management.base import BaseCommand

from samhandling.newsletters.subscribing import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete newsletter subscribers who did not confirm within NEWSLETTER_UNCONFIRMED_DAYS "
        "days, with their lists and e-mails."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{purge_unconfirmed()} unconfirmed subscriber(s) deleted")
