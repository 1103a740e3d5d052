from django.db import migrations

from samhandling.audit.legacy import adopt_wagtail_entries


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_log_entry")]

    operations = [migrations.RunPython(adopt_wagtail_entries, migrations.RunPython.noop)]
