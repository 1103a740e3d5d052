"""The periodic jobs, in one place, run by APScheduler (`manage.py run_scheduler`).

Each job is a management command and a cron expression (settings.SAMHANDLING_PERIODIC_JOBS). The
same list gives the production equivalent: `manage.py run_scheduler --print-crontab` prints it as
crontab lines, for operators who prefer cron or systemd timers to a scheduler process.

Run one scheduler process per installation: a job never overlaps itself within it
(max_instances=1), and a run missed while the process was down is made up once (coalesce).
"""

import io
import logging
import shlex
from dataclasses import dataclass

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    command: str
    cron: str
    description: str = ""

    def trigger(self) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=settings.TIME_ZONE)


def periodic_jobs() -> list[PeriodicJob]:
    return [PeriodicJob(**job) for job in settings.SAMHANDLING_PERIODIC_JOBS]


def run_job(command: str) -> None:
    """Run one job's command; a failure is logged and never stops the scheduler."""
    close_old_connections()
    output = io.StringIO()
    try:
        call_command(command, stdout=output)
    except Exception:  # noqa: BLE001 - one failing job must not stop the others
        logger.exception("Periodic job %s failed", command)
    finally:
        close_old_connections()
    if output.getvalue().strip():
        logger.info("%s: %s", command, output.getvalue().strip())


def build_scheduler() -> BlockingScheduler:
    scheduler = BlockingScheduler(
        timezone=settings.TIME_ZONE,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    for job in periodic_jobs():
        scheduler.add_job(
            run_job, trigger=job.trigger(), args=[job.command], id=job.command, name=job.command
        )
    return scheduler


def crontab(*, python: str, manage: str) -> str:
    """The jobs as crontab lines (times in settings.TIME_ZONE: set CRON_TZ where cron knows it)."""
    lines = [f"CRON_TZ={settings.TIME_ZONE}"]
    for job in periodic_jobs():
        if job.description:
            lines.append(f"# {job.description}")
        lines.append(f"{job.cron} {shlex.quote(python)} {shlex.quote(manage)} {job.command}")
    return "\n".join(lines) + "\n"
