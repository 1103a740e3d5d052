from django.core.management.base import BaseCommand

from samhandling.privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        "Erase dietary and accessibility needs EVENTS_NEEDS_RETENTION_DAYS after the event, "
        "committee members' e-mail addresses COMMITTEES_CONTACT_RETENTION_DAYS after their last "
        "membership ended, and expired requests for personal data."
    )

    def handle(self, *args, **options):
        counts = retention_apply()
        self.stdout.write(
            "Erased the needs of {needs} sign-up(s), the e-mail of {contacts} person(s); "
            "deleted {requests} expired request(s).".format(**counts)
        )
