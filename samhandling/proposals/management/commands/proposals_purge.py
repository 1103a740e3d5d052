from django.core.management.base import BaseCommand

from samhandling.proposals.purge import proposals_purge


class Command(BaseCommand):
    help = (
        "Delete proposals whose confirmation link expired unused, and the proposer's details "
        "PROPOSALS_RETENTION_DAYS after the secretariat's decision."
    )

    def handle(self, *args, **options):
        unconfirmed, decided = proposals_purge()
        self.stdout.write(
            f"{unconfirmed} unconfirmed proposal(s) and {decided} decided proposal(s) deleted"
        )
