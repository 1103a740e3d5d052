from django.core.management.base import BaseCommand

from samhandling.newsletters.sending import run_worker


class Command(BaseCommand):
    help = (
        "Send newsletter deliveries that are queued, failed and due again, or whose worker died "
        "(each exactly once; the periodic job behind the task workers)."
    )

    def handle(self, *args, **options):
        outcome = run_worker()
        self.stdout.write(
            f"{outcome.sent} sent, {outcome.failed} failed, {outcome.bounced} bounced, "
            f"{outcome.skipped} skipped"
        )
