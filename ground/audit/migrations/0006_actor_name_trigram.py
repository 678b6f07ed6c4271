from django.db import migrations

from ground.base.trigram import trigram_index


class Migration(migrations.Migration):
    """The auditor's search by person (part of a name or a login) reads the matching events only (issue 18)."""

    dependencies = [("audit", "0005_chain_head")]

    operations = [trigram_index("audit_auditevent", "actor_name", "audit_event_actor_name_trgm")]
