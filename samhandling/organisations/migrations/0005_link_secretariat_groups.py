"""Links each community to the group "Sekretariat: <name>" that proposals made before the link
existed, so that the secretariat keeps its role."""

from django.db import migrations

GROUP_PREFIX = "Sekretariat: "


def link(apps, schema_editor):
    HealthCommunity = apps.get_model("organisations", "HealthCommunity")
    Group = apps.get_model("auth", "Group")
    for community in HealthCommunity.objects.filter(secretariat_group__isnull=True):
        group = Group.objects.filter(name=(GROUP_PREFIX + community.name)[:150]).first()
        if group is not None and not HealthCommunity.objects.filter(secretariat_group=group).exists():
            community.secretariat_group = group
            community.save(update_fields=["secretariat_group"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_organisation_number_and_secretariat_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
