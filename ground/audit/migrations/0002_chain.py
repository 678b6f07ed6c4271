"""The audit trail becomes a hash chain: origin, object and before/after fields; existing events are chained."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from ground.audit.chain import GENESIS, event_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    prev = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator():
        event.prev_hash = prev
        event.hash = prev = event_hash(event, prev)
        event.save(update_fields=["prev_hash", "hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("dossiers", "0002_catalog"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "default_permissions": ("view",),
                "ordering": ["id"],
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
            },
        ),
        migrations.RemoveIndex(model_name="auditevent", name="audit_audit_dossier_e52291_idx"),
        migrations.AlterField(
            model_name="auditevent", name="at", field=models.DateTimeField(db_index=True, verbose_name="at")
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, encoder=DjangoJSONEncoder, verbose_name="data"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="object type"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="object id"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="object_repr",
            field=models.CharField(blank=True, max_length=255, verbose_name="object"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="changes",
            field=models.JSONField(
                blank=True, default=dict, encoder=DjangoJSONEncoder, verbose_name="changes (before, after)"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="ip",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="request_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="request id"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, max_length=64, verbose_name="previous hash"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="hash"),
        ),
        migrations.AddIndex(model_name="auditevent", index=models.Index(fields=["dossier", "id"], name="audit_audit_dossier_8ec297_idx")),
        migrations.AddIndex(model_name="auditevent", index=models.Index(fields=["actor", "id"], name="audit_audit_actor_i_88c13e_idx")),
        migrations.AddIndex(model_name="auditevent", index=models.Index(fields=["action", "id"], name="audit_audit_action_0d36ec_idx")),
    ]
