"""Chain version 2: on PostgreSQL one statement takes the chain's lock, reads its head, links and inserts.

The application sends the events with the digest of their content (``audit.chain.content_digest``); the function,
under the lock, stamps each with ``clock_timestamp()`` (so times follow the chain's order) and links it as
``sha256(prev_hash | time in UTC | digest)`` (``audit.chain.link_hash``). Rows written before keep version 1.
The lock is waited for up to 10 seconds whatever the session's ``lock_timeout`` (migration 0007 says why).
"""

from django.db import migrations, models

from ground.base.postgresql import postgresql_only

CREATE = """
CREATE OR REPLACE FUNCTION audit_chain_append(lock_key bigint, events jsonb)
RETURNS TABLE(event_id bigint, event_at timestamptz, event_prev varchar, event_hash varchar) AS $$
DECLARE
    prev varchar;
    ev jsonb;
    r audit_auditevent;
BEGIN
    PERFORM set_config('lock_timeout', '10s', true);
    PERFORM pg_advisory_xact_lock(lock_key);
    prev := COALESCE((SELECT e.hash FROM audit_auditevent e ORDER BY e.id DESC LIMIT 1), '');
    FOR ev IN SELECT value FROM jsonb_array_elements(events) LOOP
        r := jsonb_populate_record(NULL::audit_auditevent, ev);
        r.at := clock_timestamp();
        r.prev_hash := prev;
        r.hash := encode(sha256(convert_to(
            prev || '|' || to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || (ev->>'digest'),
            'UTF8')), 'hex');
        INSERT INTO audit_auditevent (
            at, actor_id, actor_name, role, action, dossier_id, object_type, object_id, object_repr, step,
            comment, changes, data, ip, request_id, prev_hash, hash, chain_version
        ) VALUES (
            r.at, r.actor_id, r.actor_name, r.role, r.action, r.dossier_id, r.object_type, r.object_id,
            r.object_repr, r.step, r.comment, r.changes, r.data, r.ip, r.request_id, r.prev_hash, r.hash, 2
        ) RETURNING id INTO event_id;
        event_at := r.at;
        event_prev := prev;
        event_hash := r.hash;
        RETURN NEXT;
        prev := r.hash;
    END LOOP;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""

DROP = "DROP FUNCTION IF EXISTS audit_chain_append(bigint, jsonb);"


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_chain_head_waits_its_turn")]

    operations = [
        # Every row written so far is version 1; every row from now on version 2.
        migrations.AddField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=1, editable=False, verbose_name="chain version"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=2, editable=False, verbose_name="chain version"),
        ),
        postgresql_only(CREATE, DROP),
    ]
