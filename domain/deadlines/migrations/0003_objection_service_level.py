from django.db import migrations


def seed(apps, schema_editor):
    # The council's single decision task became sessions; deciding on an objection is the new human step.
    from domain.deadlines.defaults import load_service_levels

    load_service_levels(apps)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_default_service_levels")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
