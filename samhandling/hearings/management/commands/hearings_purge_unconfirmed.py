from django.core.management.base import BaseCommand

from samhandling.hearings.purge import hearings_purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete hearing responses and comments whose confirmation link expired before it was "
        "used, with their attachments and e-mails."
    )

    def handle(self, *args, **options):
        responses, comments = hearings_purge_unconfirmed()
        self.stdout.write(
            f"{responses} unconfirmed response(s) and {comments} unconfirmed comment(s) deleted"
        )
