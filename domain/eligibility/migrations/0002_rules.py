from django.db import migrations


def load(apps, schema_editor):
    from domain.eligibility.rules_data import load_rules

    load_rules(apps, sources=False)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial"), ("dossiers", "0002_catalog")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
