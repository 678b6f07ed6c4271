"""The register of complaints and denunciations about emulation and commendation (sổ theo dõi khiếu nại, tố cáo).

Each entry concerns a person or a department and opens a pending case (``PendingCase``), so the pending-case rule
blocks their awards until it is resolved. Its time limit runs in working days from the acceptance (thụ lý), on the
working-day calendar (``workdays``): the limit in force (``ComplaintTimeLimit``), extendable once. Reminders go to
the keepers of the register before the deadline, on it, and every two working days while overdue, once each.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors
from ground.notifications.services import Message, notifications_create
from ground.organisation.models import Department, StaffMember
from ground.workdays.services import add_working_days, today, working_days_between

from .models import Complaint, ComplaintReminder, ComplaintTimeLimit, PendingCase

# The time limits of the Law on Complaints 2011 (art. 28: 30 days from acceptance, 45 for a complex case; remote
# areas 45 and 60) and of the Law on Denunciations 2018 (art. 30: 30 days, extendable), counted in working days as
# the school's register does (docs/legal-rules.md says what was verified). Loaded once; the administrator edits them.
LIMITS = [
    ("complaint", False, 30, 45, "Luật Khiếu nại 2011, Điều 28"),
    ("complaint", True, 45, 60, "Luật Khiếu nại 2011, Điều 28"),
    ("denunciation", False, 30, 60, "Luật Tố cáo 2018, Điều 30"),
    ("denunciation", True, 30, 60, "Luật Tố cáo 2018, Điều 30"),
]
REMIND_BEFORE = 2  # working days before the deadline
REMIND_EVERY = 2  # working days while overdue


def require_keep(user):
    if not (user.is_authenticated and user.has_perm("records.keep_complaints")):
        raise errors.NotAllowed()


def time_limit(kind, remote_area, on):
    """(working days, extended working days) in force on ``on``."""
    row = (
        ComplaintTimeLimit.objects.filter(kind=kind, remote_area=remote_area, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        raise errors.InvalidInput(errors={"kind": [_("No time limit is configured for this kind of case.")]})
    return row.working_days, row.extended_days


@transaction.atomic
def complaint_register(
    *, acting_user, kind, nominee, filed_by, summary, received_on, accepted_on=None, remote_area=False, dossier=None
):
    """Record a complaint or denunciation: the entry, its pending case, its deadline; returns the entry."""
    require_keep(acting_user)
    accepted_on = accepted_on or received_on
    problems = {}
    if kind not in Complaint.Kind.values:
        problems["kind"] = [_("Choose a complaint or a denunciation.")]
    if not isinstance(nominee, (StaffMember, Department)):
        problems["nominee"] = [_("Choose the person or department concerned.")]
    if not (summary or "").strip():
        problems["summary"] = [_("Summarise the complaint or denunciation.")]
    if not (filed_by or "").strip():
        problems["filed_by"] = [_("Give who filed it.")]
    if received_on and accepted_on < received_on:
        problems["accepted_on"] = [_("A case is accepted on or after the day it is received.")]
    if problems:
        raise errors.InvalidInput(errors=problems)
    days, _extended = time_limit(kind, remote_area, accepted_on)
    field = "person" if isinstance(nominee, StaffMember) else "department"
    case = PendingCase.objects.create(kind=kind, opened_on=received_on, note=summary.strip()[:255], **{field: nominee})
    complaint = Complaint.objects.create(
        kind=kind,
        filed_by=filed_by.strip(),
        summary=summary.strip(),
        dossier=dossier,
        received_on=received_on,
        accepted_on=accepted_on,
        remote_area=remote_area,
        due_on=add_working_days(accepted_on, days, nominee.organisation_id),
        case=case,
        **{field: nominee},
    )
    record_event(
        actor=acting_user,
        action="complaint_registered",
        dossier=dossier,
        obj=complaint,
        data={"kind": kind, "due_on": complaint.due_on.isoformat(), "working_days": days},
    )
    return complaint


def _locked(complaint_id):
    complaint = Complaint.objects.select_for_update(of=("self",)).filter(pk=complaint_id).first()
    if complaint is None:
        raise errors.NotVisible()
    if complaint.status != Complaint.Status.OPEN:
        raise errors.Conflict(_("This case is closed."))
    return complaint


@transaction.atomic
def complaint_extend(*, acting_user, complaint_id, reason):
    """Gia hạn: once, for a complex case, to the extended limit (working days from the acceptance)."""
    require_keep(acting_user)
    complaint = _locked(complaint_id)
    if complaint.extended:
        raise errors.Conflict(_("The time limit has already been extended."))
    if not (reason or "").strip():
        raise errors.InvalidInput(errors={"reason": [_("Give the reason of the extension.")]})
    _days, extended = time_limit(complaint.kind, complaint.remote_area, complaint.accepted_on)
    before = complaint.due_on
    complaint.due_on = add_working_days(complaint.accepted_on, extended, complaint.organisation_id)
    complaint.extended, complaint.extension_reason = True, reason.strip()
    complaint.save(update_fields=["due_on", "extended", "extension_reason"])
    record_event(
        actor=acting_user,
        action="complaint_extended",
        dossier=complaint.dossier,
        obj=complaint,
        comment=complaint.extension_reason,
        changes={"due_on": [before.isoformat(), complaint.due_on.isoformat()]},
    )
    return complaint


@transaction.atomic
def complaint_resolve(*, acting_user, complaint_id, outcome, resolved_on=None, withdrawn=False):
    """Resolved (or withdrawn): the pending case closes that day, and no longer blocks the awards."""
    require_keep(acting_user)
    complaint = _locked(complaint_id)
    if not (outcome or "").strip():
        raise errors.InvalidInput(errors={"outcome": [_("Give the outcome of the case.")]})
    resolved_on = resolved_on or today()
    if resolved_on < complaint.received_on:
        raise errors.InvalidInput(errors={"resolved_on": [_("A case is resolved after it was received.")]})
    complaint.status = Complaint.Status.WITHDRAWN if withdrawn else Complaint.Status.RESOLVED
    complaint.resolved_on, complaint.outcome = resolved_on, outcome.strip()
    complaint.save(update_fields=["status", "resolved_on", "outcome"])
    PendingCase.objects.filter(pk=complaint.case_id).update(closed_on=resolved_on)
    record_event(
        actor=acting_user,
        action="complaint_resolved",
        dossier=complaint.dossier,
        obj=complaint,
        comment=complaint.outcome,
        data={
            "status": complaint.status,
            "resolved_on": resolved_on.isoformat(),
            "due_on": complaint.due_on.isoformat(),
        },
    )
    return complaint


def _slot(complaint, day):
    """Which reminder is due on ``day`` (None: none): before the deadline, on it, then every 2 days overdue."""
    if day < complaint.due_on:
        ahead = working_days_between(day, complaint.due_on, complaint.organisation_id)
        return "before" if ahead <= REMIND_BEFORE else None
    if day == complaint.due_on:
        return "due"
    late = working_days_between(complaint.due_on, day, complaint.organisation_id)
    return f"overdue-{late // REMIND_EVERY}"


def complaint_reminders(day=None):
    """The beat's sweep: each reminder that is due goes out once to each keeper of the register. Returns how many."""
    from ground.organisation.people import People

    day = day or today()
    horizon = add_working_days(day, REMIND_BEFORE)
    due = list(Complaint.objects.filter(status=Complaint.Status.OPEN, due_on__lte=horizon))
    if not due:
        return 0
    people = People()
    keepers = people.roles_of_perm.get("records.keep_complaints", [])
    messages = []
    for complaint in due:
        slot = _slot(complaint, day)
        if slot is None:
            continue
        users = sorted({uid for role in keepers for uid in people.members(role, complaint.organisation_id)})
        for uid in users:
            with transaction.atomic():
                _row, created = ComplaintReminder.objects.get_or_create(
                    complaint=complaint, slot=slot, recipient_id=uid
                )
            if created:
                messages.append(Message(recipient_id=uid, kind="reminder", render=_render(complaint), link=_link()))
    if messages:
        notifications_create(messages)
    return len(messages)


def _link():
    return reverse("eligibility:complaints")


def _render(complaint):
    def render():
        values = {
            "kind": complaint.get_kind_display(),
            "subject": str(complaint.subject),
            "date": complaint.due_on.strftime("%d/%m/%Y"),
        }
        return (
            _("%(kind)s concerning %(subject)s: to be resolved by %(date)s") % values,
            _("The time limit of this %(kind)s ends on %(date)s (working days, from its acceptance).") % values,
        )

    return render


def load_time_limits(apps):
    import datetime

    limits = apps.get_model("records", "ComplaintTimeLimit")
    for kind, remote, days, extended, source in LIMITS:
        limits.objects.get_or_create(
            kind=kind,
            remote_area=remote,
            effective_from=datetime.date(2012, 7, 1),
            defaults={"working_days": days, "extended_days": extended, "source": source},
        )
