"""On PostgreSQL one statement takes the chain's lock and then reads its head.

A VOLATILE function takes a fresh snapshot for each statement inside it, so the head is read after the lock is
granted and sees the events of the transaction that held it before (READ COMMITTED).
"""

from django.db import migrations

from ground.base.postgresql import postgresql_only

CREATE = """
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint) RETURNS varchar AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN COALESCE((SELECT hash FROM audit_auditevent ORDER BY id DESC LIMIT 1), '');
END;
$$ LANGUAGE plpgsql VOLATILE;
"""

DROP = "DROP FUNCTION IF EXISTS audit_chain_head(bigint);"


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_refusaltally")]

    operations = [postgresql_only(CREATE, DROP)]
