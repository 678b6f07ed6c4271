"""The award fund's changes: payout lines generated from the decisions, paid once, reversed with a reason; income.

Every change is one atomic service with its policy check and audit event; a payout line is locked
(``SELECT … FOR UPDATE``) while it changes, so two "mark paid" requests at once pay it once.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.models import AwardRecord, IssuedDocument
from ground.audit.services import record_event
from ground.base import errors
from ground.base.bulk import rows_update
from ground.base.language import records_language
from ground.organisation.models import AwardType

from . import policies
from .models import FundIncome, Payout


def _qualifies(record):
    """Paid from the school's fund: an award the school decides, with the amount its decision states."""
    return record.amount is not None and record.award.decided_by == AwardType.DecidedBy.UNIT


def _line(record):
    person, department = record.person, record.department
    return Payout(
        organisation_id=record.organisation_id,
        year=record.year,
        award_record=record,
        decision_number=record.decision_number,
        decision_date=record.decision_date,
        payee=person.full_name if person else department.name,
        unit=person.department.name if person else record.organisation.name,
        award_name=record.award.name_vi,
        amount=record.amount,
    )


def payout_from_award_record(sender, instance, created, **kwargs):
    """post_save of AwardRecord: the awardee's line, in the decision's own transaction."""
    if created and _qualifies(instance):
        _line(instance).save()


def payouts_sync(*, organisation_id, year=None):
    """Lines for awards recorded before the fund existed (idempotent); returns how many were created."""
    records = AwardRecord.objects.filter(
        organisation_id=organisation_id,
        amount__isnull=False,
        award__decided_by=AwardType.DecidedBy.UNIT,
        payout__isnull=True,
    ).select_related("award", "person__department", "department", "organisation")
    if year is not None:
        records = records.filter(year=year)
    lines = [_line(r) for r in records]
    Payout.objects.bulk_create(lines, ignore_conflicts=True)
    return len(lines)


def _locked(organisation_id, **lookup):
    payout = (
        Payout.objects.select_for_update(of=("self",), no_key=True)
        .filter(organisation_id=organisation_id, **lookup)
        .first()
    )
    if payout is None:
        raise errors.NotVisible()
    return payout


def payout_mark_paid(*, acting_user, payout_id, paid_on=None):
    """Chi trả: the line is paid once; a second request (even at the same instant) is a 409."""
    staff = policies.require_manage_fund(acting_user)
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic():
        payout = _locked(staff.organisation_id, pk=payout_id)
        if payout.status == Payout.Status.PAID:
            raise errors.Conflict(_("This line has already been paid."))
        if payout.status == Payout.Status.REVERSED:
            raise errors.Conflict(_("This line was reversed: it cannot be paid."))
        payout.status, payout.paid_on, payout.paid_by = Payout.Status.PAID, paid_on, acting_user
        payout.save(update_fields=["status", "paid_on", "paid_by"])
        record_event(
            actor=acting_user,
            action="payout_paid",
            obj=payout,
            data={"decision": payout.decision_number, "amount": payout.amount, "paid_on": paid_on.isoformat()},
        )
    return payout


def payouts_mark_decision_paid(*, acting_user, decision_number, paid_on=None):
    """Pay every line of a decision still due (the payroll signed by the awardees); returns how many."""
    staff = policies.require_manage_fund(acting_user)
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic():
        due = list(
            Payout.objects.select_for_update(of=("self",), no_key=True)
            .filter(organisation_id=staff.organisation_id, decision_number=decision_number, status=Payout.Status.DUE)
            .order_by("pk")
        )
        for payout in due:
            payout.status, payout.paid_on, payout.paid_by = Payout.Status.PAID, paid_on, acting_user
        rows_update(due, ["status", "paid_on", "paid_by"])
        record_event(
            actor=acting_user,
            action="payouts_paid",
            data={"decision": decision_number, "lines": len(due), "amount": sum(p.amount for p in due)},
        )
    return len(due)


def payout_reverse(*, actor, award_record, reason, on=None):
    """A cancelled or revoked award reverses its line with the reason (for revocation, issue 20, and for a
    cancelled decision). A line already paid stays in the ledger as money to recover; it leaves the balance's
    payouts on the day of the reversal. Returns the line, or None when the award has none (not paid by us)."""
    if not (actor.has_perm("fund.manage_fund") or actor.has_perm("dossiers.sign")):
        raise errors.NotAllowed()
    if not (reason or "").strip():
        raise errors.InvalidInput(errors={"reason": [_("Give the reason for reversing.")]})
    with transaction.atomic():
        payout = Payout.objects.select_for_update(of=("self",), no_key=True).filter(award_record=award_record).first()
        if payout is None:
            return None
        if payout.status == Payout.Status.REVERSED:
            raise errors.Conflict(_("This line has already been reversed."))
        was_paid = payout.status == Payout.Status.PAID
        payout.status, payout.reversed_on = Payout.Status.REVERSED, on or timezone.localdate()
        payout.reversal_reason = reason.strip()
        payout.save(update_fields=["status", "reversed_on", "reversal_reason"])
        record_event(
            actor=actor,
            action="payout_reversed",
            obj=payout,
            comment=payout.reversal_reason,
            data={"decision": payout.decision_number, "amount": payout.amount, "to_recover": was_paid},
        )
    return payout


def payouts_follow_cancelled_decision(sender, instance, **kwargs):
    """post_save of IssuedDocument: a cancelled award decision reverses its awardees' lines."""
    if instance.doc_type != IssuedDocument.Type.DECISION or instance.status != IssuedDocument.Status.CANCELLED:
        return
    records = AwardRecord.objects.filter(
        dossier__in=instance.dossiers.values("pk"),  # a batch decision: every awardee it lists
        decision_number=instance.symbol,
        payout__status__in=["due", "paid"],
    )
    with records_language():
        reason = _("Decision %(number)s cancelled: %(reason)s") % {
            "number": instance.symbol,
            "reason": instance.cancel_reason,
        }
    for record in records:
        payout_reverse(actor=instance.cancelled_by, award_record=record, reason=reason)


def fund_income_add(*, acting_user, year, received_on, source, amount, document="", description=""):
    staff = policies.require_manage_fund(acting_user)
    if source not in FundIncome.Source.values:
        raise errors.InvalidInput(errors={"source": [_("Choose the source of the income.")]})
    if not isinstance(amount, int) or amount <= 0:
        raise errors.InvalidInput(errors={"amount": [_("The amount is a whole number of VND above zero.")]})
    with transaction.atomic():
        income = FundIncome.objects.create(
            organisation_id=staff.organisation_id,
            year=year,
            received_on=received_on,
            source=source,
            amount=amount,
            document=document.strip(),
            description=description.strip(),
        )
        record_event(
            actor=acting_user,
            action="fund_income_added",
            obj=income,
            data={"amount": amount, "source": source, "document": income.document},
        )
    return income


def payout_follows_revocation(sender, revocation, actor, **kwargs):
    """``award_revoked`` (thu hồi, issue 20): the revoked award's line is reversed in the revocation's transaction;
    a line already paid stays in the ledger as money to recover."""
    with records_language():
        reason = _("Revoked by decision %(number)s of %(date)s") % {
            "number": revocation.decision_number,
            "date": revocation.decision_date.strftime("%d/%m/%Y"),
        }
    payout_reverse(actor=actor, award_record=revocation.award_record, reason=reason, on=revocation.decision_date)
