from django.db import migrations


def seed(apps, schema_editor):
    from domain.deadlines.defaults import load_service_levels

    load_service_levels(apps)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
