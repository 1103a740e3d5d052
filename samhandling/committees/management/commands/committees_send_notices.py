from django.core.management.base import BaseCommand

from samhandling.committees.emails import minutes_notices_retry


class Command(BaseCommand):
    help = "Send notices of published minutes that failed, were never sent or whose worker died."

    def handle(self, *args, **options):
        sent = minutes_notices_retry()
        self.stdout.write(f"Sent {sent} notice(s) of minutes.")
