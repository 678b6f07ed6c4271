import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """The package of one submission letter sent to the province, carrying every dossier the letter proposes."""

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("first dossier")
    )
    submission = models.CharField(_("submission letter"), max_length=60)
    issued = models.ForeignKey(
        "dossiers.IssuedDocument",
        null=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("submission letter"),
    )
    idempotency_key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # Whoever sends holds the lease until then; another worker (or the relay) takes over only an expired one.
    lease_until = models.DateTimeField(_("leased until"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery to the province")
        verbose_name_plural = _("deliveries to the province")
        constraints = [models.UniqueConstraint(fields=["submission"], name="one_delivery_per_letter")]

    def __str__(self):
        return f"{self.submission} → {self.get_status_display()}"

    @property
    def is_delivered(self):
        """Final: a delivered package is never sent again nor reopened (only a failed one is)."""
        return self.status == self.Status.DELIVERED


class DeliveryAttempt(models.Model):
    """One POST to the province: written before it is sent (``sending``), completed after it."""

    class Outcome(models.TextChoices):
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")  # not received (connection refused, 5xx, ...) or the reply not storable
        REFUSED = "refused", _("Refused")  # a 4xx: sending again would not help
        UNKNOWN = "unknown", _("Unknown")  # sent, no answer (timeout, worker killed): resolved by sending again

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="attempt_log", verbose_name=_("delivery")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SENDING)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status_code = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    response_excerpt = models.CharField(_("response"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M:%S} {self.status_code or self.error}"
