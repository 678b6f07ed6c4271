from django.db import migrations


def load(apps, schema_editor):
    from domain.official.defaults import load_regime_grounds

    load_regime_grounds(apps)


class Migration(migrations.Migration):
    dependencies = [("official", "0004_documenttemplate_articles_certificatelayout_and_more")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
