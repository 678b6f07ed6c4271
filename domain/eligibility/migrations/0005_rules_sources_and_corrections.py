from django.db import migrations


def load(apps, schema_editor):
    from domain.eligibility.rules_data import load_rules

    load_rules(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0004_rule_source"),
        ("records", "0003_discipline_severity_research_complaints"),
        ("organisation", "0003_legal_texts_school_regulation"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
