"""The council's review (bình xét): membership, sessions, attendance, ballots, quotas, posting and objections.

A secret ballot (bỏ phiếu kín) keeps two things apart: ``Participation`` says *who* took part (each member once),
the ballot's ``box`` holds the anonymous papers (a receipt digest and a choice), kept sorted by digest so that
neither the order of the papers nor any time stamp tells which paper came from whom.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from domain.dossiers.models import Dossier
from domain.records.models import Initiative
from ground.organisation.models import AwardType, LegalRegime, LegalText, Organisation, Period, SchoolRegulation


class Choice(models.TextChoices):
    APPROVE = "approve", pgettext_lazy("ballot", "Approve")
    REJECT = "reject", pgettext_lazy("ballot", "Reject")


class ThresholdBase(models.TextChoices):
    MEMBERS = "members", _("All members of the council")
    PRESENT = "present", _("Members present (and written votes)")


class VotingRule(models.Model):
    """How the council decides one award (per legal regime, as the award row is): editable data, not code.

    Each value left empty comes from the school's regulation in force (``dossiers.SchoolRegulation``) when a
    session is called; a value set here is this award's own choice (the regulation still being its source).
    """

    award = models.OneToOneField(
        AwardType, on_delete=models.CASCADE, related_name="voting_rule", verbose_name=_("award")
    )
    threshold_percent = models.DecimalField(
        _("threshold (percentage of approving votes)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the school's regulation."),
    )
    threshold_base = models.CharField(
        _("measured against"),
        max_length=10,
        choices=ThresholdBase.choices,
        blank=True,
        help_text=_("Empty: the school's regulation."),
    )
    secret_ballot = models.BooleanField(
        _("secret ballot"), null=True, blank=True, help_text=_("Empty: the school's regulation.")
    )
    posting_days = models.PositiveSmallIntegerField(
        _("public posting (working days)"),
        null=True,
        blank=True,
        help_text=_("How long the selected list stays posted. Empty: the school's regulation."),
    )

    class Meta:
        verbose_name = _("voting rule")
        verbose_name_plural = _("voting rules")
        ordering = ["award__regime__effective_from", "award__code"]

    def __str__(self):
        return f"{self.award.code} ({self.award.regime.code})"


class Quota(models.Model):
    """Tỷ lệ tối đa: at most ``percent`` % of a period's recipients of ``base_award_code`` may get ``award_code``.

    ``percent`` is the law's ceiling, with its source (Decree 91/2017 art. 9(3): CSTĐCS at most 15 % of the LĐTT).
    Where the law leaves the ratio to the unit, ``percent`` is empty and the school's regulation sets it
    (``SchoolRegulation.quotas``); where both set one, the lower binds (the law's is a ceiling).
    """

    regime = models.ForeignKey(LegalRegime, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("regime"))
    award_code = models.SlugField(_("capped award"), max_length=40)
    base_award_code = models.SlugField(_("counted against the recipients of"), max_length=40)
    percent = models.DecimalField(
        _("at most (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The law's ceiling. Empty: the law leaves the ratio to the school's regulation."),
    )
    source = models.ForeignKey(
        LegalText, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("legal basis")
    )
    source_article = models.CharField(_("article"), max_length=20, blank=True)
    source_clause = models.CharField(_("clause"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [models.UniqueConstraint(fields=["regime", "award_code"], name="quota_once_per_regime")]

    def __str__(self):
        if self.percent is None:
            return f"{self.award_code} / {self.base_award_code}"
        return f"{self.award_code} ≤ {self.percent}% {self.base_award_code}"

    def citation(self):
        """ "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3" in the active language; empty without a source."""
        if self.source_id is None:
            return ""
        if not self.source_article:
            return self.source.name
        if self.source_clause:
            where = _("art. %(article)s(%(clause)s)") % {"article": self.source_article, "clause": self.source_clause}
        else:
            where = _("art. %(article)s") % {"article": self.source_article}
        return _("%(text)s, %(where)s") % {"text": self.source.name, "where": where}


class Council(models.Model):
    """Hội đồng Thi đua - Khen thưởng of one emulation period (its quorum: the school's regulation)."""

    period = models.OneToOneField(Period, on_delete=models.PROTECT, related_name="council", verbose_name=_("period"))
    # Xung đột lợi ích: a member who is the nominee never votes on that dossier; whether the head of the nominating
    # department stands aside too is the school's own rule, set per period.
    recuse_department_head = models.BooleanField(
        _("the nominating department's head does not vote on its dossiers"), default=False
    )

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        permissions = [
            ("run_session", _("Prepare and run council sessions, the posting and objections")),
            ("file_objection", _("File an objection against a posted dossier")),
        ]

    def __str__(self):
        return str(_("Council %(year)s") % {"year": self.period.year})


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", pgettext_lazy("council role", "Chair")
        VICE_CHAIR = "vice_chair", pgettext_lazy("council role", "Vice chair")
        SECRETARY = "secretary", pgettext_lazy("council role", "Secretary")
        MEMBER = "member", pgettext_lazy("council role", "Member")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members", verbose_name=_("council"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("login")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "pk"]
        constraints = [models.UniqueConstraint(fields=["council", "user"], name="council_member_once")]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class CouncilSession(models.Model):
    """Phiên họp bình xét: an agenda of accepted dossiers, attendance, one ballot per dossier, results, posting.

    A session of the Initiatives Council (Hội đồng sáng kiến, ``kind=initiatives``) has initiatives on its agenda
    instead: the same members, attendance, quorum and ballots; concluding it recognises or rejects each initiative.
    """

    class Kind(models.TextChoices):
        AWARDS = "awards", _("Emulation and Commendation Council")
        INITIATIVES = "initiatives", _("Initiatives Council")

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared: members review the queue")
        IN_PROGRESS = "in_progress", _("In session: voting")
        CONCLUDED = "concluded", _("Concluded: results posted")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="council_sessions", verbose_name=_("organisation")
    )
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("council"))
    kind = models.CharField(_("council"), max_length=12, choices=Kind.choices, default=Kind.AWARDS)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    meeting_date = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    # The minutes are stored on every dossier of the session; this digest finds them (and proves they are these).
    minutes_sha256 = models.CharField(_("minutes (SHA-256)"), max_length=64, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The school's regulation in force when the session was called, and the values it read from it: a later
    # version (or an edit) changes the next sessions, never this one.
    regulation = models.ForeignKey(
        SchoolRegulation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("school regulation"),
    )
    regulation_values = models.JSONField(_("values of the regulation"), default=dict, blank=True)
    # The minutes of an Initiatives Council session (an awards session stores them on each of its dossiers).
    minutes_file = models.FileField(_("minutes"), upload_to="council/minutes/%Y/", max_length=255, blank=True)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-meeting_date", "-number"]
        constraints = [models.UniqueConstraint(fields=["council", "number"], name="session_number_per_council")]

    def __str__(self):
        return self.title

    @property
    def for_initiatives(self):
        return self.kind == self.Kind.INITIATIVES


class Attendance(models.Model):
    """Điểm danh: every member of the council at the session, present or not (written down before voting)."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_once")]

    def __str__(self):
        return f"{self.member}: {'+' if self.present else '-'}"


class Ballot(models.Model):
    """One dossier's (or, in an Initiatives Council session, one initiative's) vote in a session.

    The rule (threshold, base, secrecy) is copied when the session is set up.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet open")
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn by the department")

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("session")
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("dossier")
    )
    initiative = models.ForeignKey(
        Initiative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("initiative"),
    )
    position = models.PositiveSmallIntegerField(_("position on the agenda"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    secret = models.BooleanField(_("secret ballot"))
    threshold_percent = models.DecimalField(_("threshold (%)"), max_digits=5, decimal_places=2)
    threshold_base = models.CharField(_("measured against"), max_length=10, choices=ThresholdBase.choices)
    # The anonymous papers of a secret ballot: [[receipt digest, choice], ...] sorted by digest. Never who.
    box = models.JSONField(_("ballot box"), default=list, blank=True)
    approvals = models.PositiveSmallIntegerField(_("approving votes"), null=True, blank=True)
    rejections = models.PositiveSmallIntegerField(_("rejecting votes"), null=True, blank=True)
    members_count = models.PositiveSmallIntegerField(_("members"), null=True, blank=True)
    base_count = models.PositiveSmallIntegerField(_("votes measured against"), null=True, blank=True)
    passed = models.BooleanField(_("reached the threshold"), null=True)
    quota_cut = models.BooleanField(_("left out by a quota"), default=False)
    recused = models.JSONField(
        _("members recused (conflict of interest)"), default=list, blank=True, help_text=_("ids of council members")
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "dossier"], name="ballot_once_per_session"),
            models.UniqueConstraint(fields=["session", "initiative"], name="initiative_once_per_session"),
            models.CheckConstraint(
                condition=(
                    models.Q(dossier__isnull=False, initiative__isnull=True)
                    | models.Q(dossier__isnull=True, initiative__isnull=False)
                ),
                name="ballot_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.label}"

    @property
    def subject(self):
        """What is voted on: the dossier, or the initiative."""
        return self.dossier if self.dossier_id else self.initiative

    @property
    def label(self):
        return self.dossier.reference if self.dossier_id else self.initiative.title

    @property
    def selected(self):
        return bool(self.passed) and not self.quota_cut

    @property
    def percent(self):
        if self.approvals is None or not self.base_count:
            return None
        return round(100 * self.approvals / self.base_count, 2)


class Participation(models.Model):
    """That a member voted on a ballot (each member once). An open ballot keeps the choice; a secret one never does.

    No time stamp: the audit trail says when a member took part, and nothing else says when a paper was cast.
    """

    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="participations", verbose_name=_("ballot")
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    written = models.BooleanField(_("written vote of an absent member"), default=False)
    choice = models.CharField(_("choice (open ballot only)"), max_length=10, choices=Choice.choices, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_vote_per_member"),
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.member}"


class QuotaDecision(models.Model):
    """The secretariat's decision on a quota a session exceeded: which dossiers stay, ranked by votes, and why."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="quota_decisions", verbose_name=_("session")
    )
    quota = models.ForeignKey(Quota, on_delete=models.PROTECT, related_name="+", verbose_name=_("quota"))
    cap = models.PositiveSmallIntegerField(_("places left"))
    kept = models.ManyToManyField(Ballot, related_name="+", blank=True, verbose_name=_("kept"))
    # The ratio applied and where it comes from (the law's ceiling or the school's regulation), as decided.
    percent = models.DecimalField(_("ratio applied (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source of the ratio"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quota decision")
        verbose_name_plural = _("quota decisions")
        constraints = [models.UniqueConstraint(fields=["session", "quota"], name="quota_decided_once")]

    def __str__(self):
        return f"{self.session} · {self.quota}"


class PostingEntry(models.Model):
    """Công khai: a selected dossier on the posted list, from ``posted_at`` to the end of ``closes_on``."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.PROTECT, related_name="postings", verbose_name=_("session")
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="postings", verbose_name=_("dossier"))
    posted_at = models.DateTimeField(_("posted at"))
    opens_on = models.DateField(_("first day"))
    closes_on = models.DateField(_("last day"))
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("posted dossier")
        verbose_name_plural = _("posted dossiers")
        ordering = ["-posted_at", "dossier__reference"]
        constraints = [models.UniqueConstraint(fields=["session", "dossier"], name="posted_once_per_session")]
        indexes = [
            models.Index(fields=["closes_at"], condition=models.Q(closed_at__isnull=True), name="posting_open_idx")
        ]

    def __str__(self):
        return f"{self.dossier.reference}: {self.opens_on:%d/%m/%Y}–{self.closes_on:%d/%m/%Y}"

    @property
    def is_open(self):
        return self.closed_at is None


class Objection(models.Model):
    """Khiếu nại, phản ánh: a staff member's signed (named) objection against a posted dossier."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the secretariat")
        UPHELD = "upheld", _("Upheld: the dossier is rejected")
        DISMISSED = "dismissed", _("Dismissed: the dossier continues")
        MOOT = "moot", _("Closed: the dossier was rejected on another objection")

    posting = models.ForeignKey(
        PostingEntry, on_delete=models.PROTECT, related_name="objections", verbose_name=_("posted dossier")
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="objections", verbose_name=_("dossier"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    signed_name = models.CharField(_("signed by"), max_length=255)
    signed_position = models.CharField(_("position"), max_length=255, blank=True)
    text = models.TextField(_("objection"))
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["filed_at", "pk"]
        indexes = [models.Index(fields=["dossier", "status"])]

    def __str__(self):
        return f"{self.dossier.reference} · {self.signed_name}"
