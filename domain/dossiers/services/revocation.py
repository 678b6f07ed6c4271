"""Thu hồi: revoking an award that was given (Law 06/2022/QH15, chapter VII: the decision is annulled, the award
and the money recovered). The award stays in the nominee's history, annotated, and stops counting for eligibility.

The award fund (``domain.fund``, above this app) reverses its payment line: ``award_revoked`` is sent after the
revocation is written, in the same transaction, so the fund's reversal commits or rolls back with it.
"""

import django.dispatch
from django.db import transaction
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors

from ..models import AwardRecord, AwardRevocation

# Receivers (the fund) get ``revocation``: reverse what was paid for ``revocation.award_record``.
award_revoked = django.dispatch.Signal()


def require_revoke(user):
    if not (user.is_authenticated and user.has_perm("dossiers.revoke_award")):
        raise errors.NotAllowed()


@transaction.atomic
def award_revoke(*, acting_user, award_record_id, ground, decision_number, decision_date, note=""):
    """Record the revocation decision; returns it. Revoking twice is a conflict; nothing changes then."""
    require_revoke(acting_user)
    record = AwardRecord.objects.select_for_update(of=("self",)).select_related("award").filter(pk=award_record_id)
    record = record.first()
    if record is None:
        raise errors.NotVisible()
    problems = {}
    if ground not in AwardRevocation.Ground.values:
        problems["ground"] = [_("Choose the legal ground of the revocation.")]
    if not (decision_number or "").strip():
        problems["decision_number"] = [_("Give the number of the revocation decision.")]
    if decision_date is None:
        problems["decision_date"] = [_("Give the date of the revocation decision.")]
    elif decision_date < record.decision_date:
        problems["decision_date"] = [_("The revocation cannot precede the award's decision.")]
    if problems:
        raise errors.InvalidInput(errors=problems)
    if AwardRevocation.objects.filter(award_record=record).exists():
        raise errors.Conflict(_("This award has already been revoked."))
    revocation = AwardRevocation.objects.create(
        award_record=record,
        ground=ground,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        amount_to_recover=record.amount or 0,
        note=(note or "").strip(),
        recorded_by=acting_user,
    )
    record_event(
        actor=acting_user,
        action="award_revoked",
        dossier=record.dossier,
        obj=revocation,
        comment=revocation.note,
        data={
            "award": record.award.code,
            "year": record.year,
            "award_decision": record.decision_number,
            "decision": revocation.decision_number,
            "decision_date": decision_date.isoformat(),
            "ground": ground,
            "amount_to_recover": revocation.amount_to_recover,
        },
    )
    award_revoked.send(sender=AwardRevocation, revocation=revocation, actor=acting_user)
    return revocation
