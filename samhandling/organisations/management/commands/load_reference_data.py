from django.core.management.base import BaseCommand
from django.db import transaction

from samhandling.organisations.models import Organisation
from samhandling.organisations.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load or refresh the municipalities and health trusts (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = load_reference_data(Organisation)
        self.stdout.write(
            f"Reference data: {counts['created']} created, {counts['updated']} updated."
        )
