from django.db import migrations


def load(apps, schema_editor):
    from domain.official.base_salary_data import load_base_salaries

    load_base_salaries(apps)


class Migration(migrations.Migration):
    dependencies = [("official", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
