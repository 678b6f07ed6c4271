"""The chain's lock is waited for up to 10 seconds, whatever the session's ``lock_timeout``.

A step's work is done by the time its events join the chain (just before COMMIT); the chain's lock is held by
another transaction only for its own insert and commit. A low ``lock_timeout`` (set to refuse waiting on another
step's rows) must not throw the finished work away because a commit's disk write was slow on a busy machine. The
setting is local to the transaction, and after the head only the insert and the COMMIT remain.
"""

from importlib import import_module

from django.db import migrations

from ground.base.postgresql import postgresql_only

CREATE = """
CREATE OR REPLACE FUNCTION audit_chain_head(lock_key bigint) RETURNS varchar AS $$
BEGIN
    PERFORM set_config('lock_timeout', '10s', true);
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN COALESCE((SELECT hash FROM audit_auditevent ORDER BY id DESC LIMIT 1), '');
END;
$$ LANGUAGE plpgsql VOLATILE;
"""

PREVIOUS = import_module("ground.audit.migrations.0005_chain_head").CREATE  # what backwards restores


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_actor_name_trigram")]

    operations = [postgresql_only(CREATE, PREVIOUS)]
