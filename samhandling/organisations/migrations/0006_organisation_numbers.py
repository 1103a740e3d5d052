"""Fills in the organisation number (organisasjonsnummer) of every municipality and health trust
in the reference data (data/organisation-numbers.csv), where the registry has none yet."""

from django.db import migrations


def load(apps, schema_editor):
    from samhandling.organisations.reference_data import load_organisation_numbers

    load_organisation_numbers(apps.get_model("organisations", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0005_link_secretariat_groups")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
