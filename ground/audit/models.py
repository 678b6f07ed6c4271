from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import chain


class AuditEvent(models.Model):
    """Nhật ký: one recorded change — who, in which role, when, from where, did what to which object.

    Append-only and chained: ``hash`` covers the event's content and the previous event's hash, so an altered,
    inserted or removed row breaks the chain at that point (``audit.services.audit_verify``). On PostgreSQL a
    trigger refuses UPDATE and DELETE on this table (migration 0003).
    """

    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor's name"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("dossier"),
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    step = models.CharField(_("step"), max_length=60, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes (before, after)"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    data = models.JSONField(_("data"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    chain_version = models.PositiveSmallIntegerField(_("chain version"), default=chain.VERSION, editable=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["dossier", "id"]),
            models.Index(fields=["actor", "id"]),
            models.Index(fields=["action", "id"]),
        ]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action}"


class RefusalTally(models.Model):
    """How many refusals of one kind came from one source in one minute (anonymous refusals, badly signed callbacks).

    The first of each minute is an event of the trail (which names this tally); the others only count here, so
    the append-only trail stays complete without being something anyone can grow at will.
    """

    kind = models.CharField(_("kind"), max_length=60)
    source = models.CharField(_("source"), max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    minute = models.DateTimeField(_("minute"))
    count = models.PositiveIntegerField(_("count"), default=0)
    last_data = models.JSONField(_("last request"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("refusal tally")
        verbose_name_plural = _("refusal tallies")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source", "reason", "minute"], name="one_tally_per_minute")
        ]

    def __str__(self):
        return f"{self.kind} {self.source} {self.minute:%d/%m/%Y %H:%M} × {self.count}"
