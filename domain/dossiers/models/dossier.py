from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import AwardType, Department, Organisation, Period, StaffMember


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for completeness check")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Waiting for council review")
    POSTED = "posted", _("Selected by the council, posted for objections")
    SUSPENDED = "suspended", _("Suspended by an objection")
    APPROVED = "approved", _("Waiting for the principal's signature")
    PROPOSED = "proposed", _("Proposed to the province")
    FORWARDED = "forwarded", _("Waiting for the province's decision")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LATE = "late", _("Closed as late (not submitted in time)")


S = DossierStatus
_STATUS_LABELS = dict(DossierStatus.choices)  # value -> label, translated when shown

# Every allowed status change, in one place (the status pipeline).
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN, S.LATE},
    S.SUBMITTED: {S.ACCEPTED, S.RETURNED, S.WITHDRAWN},
    S.RETURNED: {S.SUBMITTED, S.WITHDRAWN},
    S.ACCEPTED: {S.POSTED, S.REJECTED, S.WITHDRAWN},  # the council's session decides
    S.POSTED: {S.APPROVED, S.SUSPENDED},  # the posting window closes, or an objection suspends it
    S.SUSPENDED: {S.POSTED, S.APPROVED, S.REJECTED},  # objection dismissed (window open / closed), or upheld
    S.APPROVED: {S.AWARDED, S.PROPOSED, S.SUBMITTED},
    S.PROPOSED: {S.FORWARDED},
    S.FORWARDED: {S.AWARDED, S.REJECTED, S.SUBMITTED},  # the province may return it for correction
    S.AWARDED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
    S.LATE: set(),
}

# The nominating department may withdraw until the council has decided.
WITHDRAWABLE = {S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED}
# The nominating department may edit and upload while it holds the dossier.
EDITABLE = {S.DRAFT, S.RETURNED}
FINAL = {S.AWARDED, S.REJECTED, S.WITHDRAWN, S.LATE}


class Dossier(models.Model):
    """Hồ sơ đề nghị khen thưởng: one nominee, one award, one period."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("organisation")
    )
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("period"))
    award = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("award"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("nominating department")
    )
    nominee_person = models.ForeignKey(
        StaffMember,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("nominee (person)"),
    )
    nominee_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("nominee (department)"),
    )
    achievements = models.TextField(_("achievements"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=DossierStatus.choices, default=DossierStatus.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reason of the status"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every change: a form from an older version is refused.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    class Meta:
        verbose_name = _("award dossier")
        verbose_name_plural = _("award dossiers")
        ordering = ["-created_at"]
        permissions = [
            ("nominate", _("Nominate and correct dossiers of one's department")),
            ("view_all_dossiers", _("See the dossiers of every department")),
            ("check_completeness", _("Check dossiers for completeness")),
            ("sign", _("Sign decisions and submission letters")),
            ("record_province_decision", _("Record the province's decision")),
            ("audit", _("Read the audit trail")),
            ("province_client", _("Deliver the province's decisions")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(nominee_person__isnull=False, nominee_department__isnull=True)
                    | models.Q(nominee_person__isnull=True, nominee_department__isnull=False)
                ),
                name="dossier_exactly_one_nominee",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "department", "status"]),
            # The dossier list's default order (latest change first): its first page without sorting every row.
            models.Index(fields=["-updated_at"], name="dossier_updated_desc"),
            # The API's list order (newest first) within a unit: its page of 200 read in order (issue 18).
            models.Index(fields=["organisation", "-created_at", "-id"], name="dossier_org_created_desc"),
        ]

    def __str__(self):
        return f"{self.reference} · {self.nominee} · {self.award.code}"

    def get_status_display(self):
        """The status's label in the active language. Django's own builds a hashable copy of all thirteen labels,
        translating each, at every call: a list of 200 dossiers spent some 25 ms there."""
        return str(_STATUS_LABELS.get(self.status, self.status))

    @property
    def nominee(self):
        return self.nominee_person or self.nominee_department

    @property
    def nominee_kind(self):
        return "person" if self.nominee_person_id else "department"

    @property
    def is_editable(self):
        return self.status in EDITABLE

    @property
    def is_withdrawable(self):
        return self.status in WITHDRAWABLE

    @property
    def is_final(self):
        return self.status in FINAL

    def can_move_to(self, status):
        return status in TRANSITIONS[DossierStatus(self.status)]
