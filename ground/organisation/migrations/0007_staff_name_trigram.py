from django.db import migrations

from ground.base.trigram import trigram_index


class Migration(migrations.Migration):
    """Searches by part of a nominee's name read the matching staff only (issue 18)."""

    dependencies = [("organisation", "0006_regulation_initiatives_council")]

    operations = [
        trigram_index("organisation_staffmember", "full_name", "organisation_staff_name_trgm"),
        trigram_index("organisation_department", "name", "organisation_department_name_trgm"),
    ]
