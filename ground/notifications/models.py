from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.base.language import english_active


class Preference(models.Model):
    """How a user wants to be told: the language of the mails, and one mail per reminder or a daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_pref", verbose_name=_("user")
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="vi",
        help_text=_("The language of your e-mails. On the site, notifications are shown in the language of the page."),
    )
    digest = models.BooleanField(
        _("daily digest"),
        default=False,
        help_text=_("One e-mail a day with all reminders instead of one per reminder."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user} ({self.language})"


class Digest(models.Model):
    """The one digest mail of a user for a day (unique), sent once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    date = models.DateField(_("date"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="digest_once_per_day")]

    def __str__(self):
        return f"{self.user} {self.date:%d/%m/%Y}"


class Notification(models.Model):
    """Thông báo: shown in the app; its e-mail is an outbox entry sent (and retried) by a worker.

    Written in Vietnamese and in English when it is made: the page that lists it shows the page's language (someone
    who reads the site in English reads their notifications in English), the mail goes in the recipient's
    (their preference, read when it is sent)."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        ESCALATION = "escalation", _("Escalation")
        LATE = "late", _("Closed as late")
        PROVINCE_RISK = "province_risk", _("Will miss the province's date")
        DELIVERY_FAILED = "delivery_failed", _("Not delivered to the province")
        COUNCIL = "council", _("Council session")
        COUNCIL_RESULT = "council_result", _("Council result")
        OBJECTION = "objection", _("Objection to a posted dossier")
        SIGNED = "signed", _("Document signed")
        PROVINCE_DECISION = "province_decision", _("Province's decision")
        JOB_DONE = "job_done", _("Long work finished")

    class Email(models.TextChoices):
        NONE = "none", _("No e-mail")
        PENDING = "pending", _("To send")
        DIGEST = "digest", _("In the daily digest")
        SENT = "sent", _("Sent")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title (Vietnamese)"), max_length=255)
    body = models.TextField(_("message (Vietnamese)"), blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    body_en = models.TextField(_("message (English)"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("dossier")
    )
    task = models.ForeignKey(
        "viewflow.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("task")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(_("e-mail"), max_length=10, choices=Email.choices, default=Email.NONE)
    email_attempts = models.PositiveIntegerField(default=0, verbose_name=_("email attempts"))
    email_next_at = models.DateTimeField(null=True, blank=True, verbose_name=_("email next at"))
    email_error = models.TextField(blank=True, verbose_name=_("email error"))
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed at"))
    digest = models.ForeignKey(
        Digest, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications", verbose_name=_("digest")
    )
    # What the notification is about, for an event told once per person (e.g. "signed:<document>:<dossier>"):
    # the same key again for the same recipient creates nothing.
    key = models.CharField(_("key"), max_length=120, blank=True, default="")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["email_next_at"], name="notification_outbox", condition=models.Q(email_status="pending")
            ),
            models.Index(fields=["recipient"], name="notification_digest", condition=models.Q(email_status="digest")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self):
        return self.shown_title

    @property
    def shown_title(self):
        """The title in the active language (Vietnamese when no English was written: a notification made before
        both were)."""
        return self.title_en if self.title_en and english_active() else self.title

    @property
    def shown_body(self):
        return self.body_en if self.title_en and english_active() else self.body
