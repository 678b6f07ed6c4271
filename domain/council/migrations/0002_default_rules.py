from django.db import migrations


def load(apps, schema_editor):
    from domain.council.defaults import load_council_rules

    load_council_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial"), ("dossiers", "0002_catalog")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
