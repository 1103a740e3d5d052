from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samhandling.core.demo.sites import demo_admin_totp_secret, ensure_admin_user, load_demo
from samhandling.organisations.models import Organisation
from samhandling.organisations.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load the demo sites and content (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port the sites are served on.")
        parser.add_argument("--no-admin", action="store_true", help="Do not create a demo admin.")
        parser.add_argument(
            "--i-know-this-is-production",
            action="store_true",
            dest="force_production",
            help="Load the demo and its known-password admin where the settings forbid it.",
        )

    def handle(self, *args, port: int, no_admin: bool, verbosity: int = 1, **options):
        if not getattr(settings, "SAMHANDLING_DEMO_ALLOWED", False) and not options.get(
            "force_production"
        ):
            raise CommandError(
                "Refusing to load the demo: these settings do not allow it "
                f"({settings.SETTINGS_MODULE}, SAMHANDLING_DEMO_ALLOWED is off). The demo adds "
                "made-up content and a superuser with a published password. Use the demo or dev "
                "settings, or add --i-know-this-is-production if you really mean it."
            )
        with transaction.atomic():
            load_reference_data(Organisation)
            result = load_demo(port=port)
            admin = None if no_admin else ensure_admin_user()
            # The site search and the admin's search, built here: no worker needs to run first.
            call_command("search_rebuild", verbosity=0)
            call_command("update_index", verbosity=0)
        if verbosity < 1:
            return
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        for site in result["sites"]:
            default = f"  (also http://127.0.0.1:{port}/)" if site.is_default_site else ""
            self.stdout.write(f"  {site.site_name}: http://{site.hostname}:{port}/{default}")
        self.stdout.write(f"  Admin: http://127.0.0.1:{port}/admin/")
        if getattr(settings, "SAMHANDLING_MAIL_VIEWER", False):
            self.stdout.write(
                f"  E-mail the demo sends (admin only): http://127.0.0.1:{port}/admin/demo-mail/"
            )
        if getattr(settings, "SAMHANDLING_DEMO_LOGIN", False):
            self.stdout.write(
                "  Contact persons (Min organisasjon): log in at /innlogging/demo/ on their site,\n"
                "    e.g. kontakt-alta / samhandling-demo on http://helse-nord.localhost:"
                f"{port}/innlogging/demo/\n"
                "    (also kontakt-tromso, kontakt-bodo; kontakt-molde, kontakt-volda on Møre og "
                "Romsdal)"
            )
        if admin:
            username, password, _created = admin
            self.stdout.write(f"  Demo admin login: {username} / {password}")
            self.stdout.write(
                f"  Then a code from an authenticator app with the key {demo_admin_totp_secret()}\n"
                "    (time-based, 6 digits; add it by hand in the app), or print the current code\n"
                "    with: .venv/bin/python manage.py demo_admin_code"
            )
