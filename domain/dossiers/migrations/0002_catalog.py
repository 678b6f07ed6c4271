from django.db import migrations


def load(apps, schema_editor):
    from ground.organisation.catalog_data import load_catalog

    load_catalog(apps)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
