from django.db import migrations


def load(apps, schema_editor):
    from eligibility.rules_data import load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0003_rule_source"),
        ("records", "0002_discipline_severity_research"),
        ("dossiers", "0007_legal_texts_school_regulation"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
