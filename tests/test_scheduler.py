"""The periodic jobs: one list in the settings, run by APScheduler, printable as a crontab."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command

from samhandling.core.scheduling import build_scheduler, crontab, periodic_jobs

OSLO = ZoneInfo("Europe/Oslo")


def test_every_job_is_a_command_on_a_schedule():
    commands = [job.command for job in periodic_jobs()]
    assert commands == [
        "events_send_outbox",
        "committees_send_notices",
        "hearings_send_mail",
        "events_send_reminders",
        "events_purge_registrations",
        "privacy_send_links",
        "privacy_apply_retention",
        "audit_purge_entries",
        "hearings_purge_unconfirmed",
        "newsletters_send_confirmations",
        "newsletters_purge_unconfirmed",
        "newsletters_send",
        "proposals_send_mail",
        "proposals_purge",
        "contacts_send_mail",
    ]
    jobs = {job.id: job for job in build_scheduler().get_jobs()}
    assert set(jobs) == set(commands)
    now = datetime(2026, 12, 1, 12, 1, tzinfo=OSLO)
    outbox = jobs["events_send_outbox"].trigger.get_next_fire_time(None, now)
    assert outbox == datetime(2026, 12, 1, 12, 5, tzinfo=OSLO)  # every five minutes
    reminders = jobs["events_send_reminders"].trigger.get_next_fire_time(None, now)
    assert reminders == datetime(2026, 12, 2, 7, 0, tzinfo=OSLO)  # daily at 07.00 Oslo time


def test_the_crontab_lists_the_same_jobs():
    lines = crontab(python="/srv/venv/bin/python", manage="/srv/app/manage.py").splitlines()
    assert lines[0] == "CRON_TZ=Europe/Oslo"
    assert "*/5 * * * * /srv/venv/bin/python /srv/app/manage.py events_send_outbox" in lines
    assert "*/5 * * * * /srv/venv/bin/python /srv/app/manage.py committees_send_notices" in lines
    assert "0 7 * * * /srv/venv/bin/python /srv/app/manage.py events_send_reminders" in lines
    assert "30 3 * * * /srv/venv/bin/python /srv/app/manage.py events_purge_registrations" in lines
    assert "45 3 * * * /srv/venv/bin/python /srv/app/manage.py audit_purge_entries" in lines


def test_print_crontab(capsys):
    call_command("run_scheduler", "--print-crontab")
    assert "manage.py events_send_outbox" in capsys.readouterr().out


def test_a_failing_job_does_not_stop_the_others(settings, transactional_db, caplog):
    """Not in a test transaction: each job closes stale connections, as a long-running
    scheduler must, which would end the test's transaction on PostgreSQL."""
    settings.SAMHANDLING_PERIODIC_JOBS = [
        {"command": "no_such_command", "cron": "* * * * *"},
        {"command": "events_send_outbox", "cron": "* * * * *"},
    ]
    with caplog.at_level("INFO", logger="samhandling.core.scheduling"):
        call_command("run_scheduler", "--once")
    assert "Periodic job no_such_command failed" in caplog.text
    assert "events_send_outbox: Sent 0 e-mail(s)." in caplog.text  # the next job still ran
