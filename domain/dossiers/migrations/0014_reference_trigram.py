from django.db import migrations

from ground.base.trigram import trigram_index


class Migration(migrations.Migration):
    """Searches by part of a dossier's number (HS-…) read the matching dossiers only (issue 18)."""

    dependencies = [("dossiers", "0013_dossier_updated_index")]

    operations = [trigram_index("dossiers_dossier", "reference", "dossiers_reference_trgm")]
