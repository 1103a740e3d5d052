from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samhandling.core.demo.sites import DEMO_ADMIN, DEMO_ADMIN_TOTP_KEY


class Command(BaseCommand):
    help = (
        "Print the demo admin's current second-factor code (only for the demo's published "
        "secret, so it reveals nothing about real accounts)."
    )

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=DEMO_ADMIN["username"]).first()
        device = (
            TOTPDevice.objects.filter(user=user, key=DEMO_ADMIN_TOTP_KEY, confirmed=True).first()
            if user
            else None
        )
        if device is None:
            raise CommandError("No demo admin with the demo's secret here (run load_demo first).")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
