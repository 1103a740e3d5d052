import contextlib
import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from samhandling.core.scheduling import build_scheduler, crontab, periodic_jobs, run_job


class Command(BaseCommand):
    help = (
        "Run the periodic jobs (outbox retries, reminders, purges) on their schedule until "
        "stopped. --print-crontab prints the same schedule as crontab lines; --once runs every "
        "job now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-crontab", action="store_true", help="Print the jobs as crontab lines."
        )
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, print_crontab: bool, once: bool, **options):
        if print_crontab:
            manage = str(Path(settings.BASE_DIR) / "manage.py")
            self.stdout.write(crontab(python=sys.executable, manage=manage), ending="")
            return
        if once:
            for job in periodic_jobs():
                run_job(job.command)
            return
        scheduler = build_scheduler()
        for job in periodic_jobs():
            self.stdout.write(f"Scheduled {job.command}: {job.cron}")

        def stop(signum, frame):
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        with contextlib.suppress(KeyboardInterrupt):
            scheduler.start()
        self.stdout.write("Scheduler stopped.")
