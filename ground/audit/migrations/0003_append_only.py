"""On PostgreSQL the audit table refuses UPDATE and DELETE: the trail is append-only for everyone.

TRUNCATE stays possible (it is the test runner's flush, and only the table's owner may run it).
"""

from django.db import migrations

from ground.base.postgresql import postgresql_only

CREATE = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on event %', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain")]

    operations = [postgresql_only(CREATE, DROP)]
