from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from samhandling.accounts import services


class Command(BaseCommand):
    help = (
        "Unlock a staff account locked after wrong passwords, and with --second-factor remove its "
        "authenticator and recovery codes (a lost phone): the next login sets up a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--second-factor",
            action="store_true",
            help="Also remove the account's authenticator and recovery codes.",
        )

    def handle(self, *args, username: str, second_factor: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        attempts = services.staff_login_unlock(username=username)
        self.stdout.write(f"{username}: unlocked ({attempts} record(s) of failed logins removed).")
        if second_factor:
            devices = services.second_factor_reset(user=user)
            self.stdout.write(
                f"{username}: {devices} second-factor device(s) removed; the next login sets up "
                "a new authenticator."
            )
