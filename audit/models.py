from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One recorded step: who, in which role, when, did what, to which dossier, with which comment."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
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
    step = models.CharField(_("step"), max_length=60, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action}"
