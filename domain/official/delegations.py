"""Ủy quyền ký: a time-boxed, recorded and audited delegation of the principal's signature (KT. / TL. / TUQ.)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.selectors import staff_of

from .models import Delegation


def delegation_in_force(user, organisation, day=None):
    """The delegation that lets ``user`` sign today for a principal of ``organisation``, or None."""
    day = day or timezone.localdate()
    return (
        Delegation.objects.filter(
            delegate=user,
            organisation=organisation,
            valid_from__lte=day,
            valid_to__gte=day,
            revoked_at__isnull=True,
        )
        .select_related("delegator")
        .order_by("-valid_from")
        .first()
    )


def signer_capacity(user, organisation):
    """(signature block, delegation): the principal signs as such; anyone else needs a delegation in force."""
    if user.has_perm("dossiers.sign"):
        return {"title": "", "capacity": ""}, None
    delegation = delegation_in_force(user, organisation)
    if delegation is None:
        raise errors.NoDelegation()
    block = {"capacity": delegation.capacity, "head_title": delegation.head_title, "title": delegation.delegate_title}
    return block, delegation


def delegation_create(*, actor, delegate_id, capacity, valid_from, valid_to, delegate_title="", reason=""):
    """The principal delegates their signature for a period; recorded in the audit trail."""
    if not actor.has_perm("dossiers.sign"):
        raise errors.NotAllowed()
    staff = staff_of(actor)
    delegate = get_user_model().objects.filter(pk=delegate_id, is_active=True).first()
    problems = {}
    if delegate is None or staff_of(delegate) is None or staff_of(delegate).organisation_id != staff.organisation_id:
        problems["delegate"] = [_("Choose a member of the unit.")]
    if capacity not in Delegation.Capacity.values:
        problems["capacity"] = [_("Choose KT., TL. or TUQ.")]
    if not valid_from or not valid_to or valid_to < valid_from:
        problems["valid_to"] = [_("The end of the delegation comes after its start.")]
    if problems:
        raise errors.InvalidInput(errors=problems)
    with transaction.atomic():
        delegation = Delegation.objects.create(
            organisation_id=staff.organisation_id,
            delegator=actor,
            delegate=delegate,
            capacity=capacity,
            delegate_title=delegate_title or "PHÓ HIỆU TRƯỞNG",
            valid_from=valid_from,
            valid_to=valid_to,
            reason=reason,
            created_by=actor,
        )
        record_event(
            actor=actor,
            action="delegation_granted",
            obj=delegation,
            data={
                "delegate": delegate.get_username(),
                "capacity": capacity,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat(),
            },
        )
    return delegation


def delegation_revoke(*, actor, delegation_id):
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update(no_key=True).filter(pk=delegation_id, delegator=actor).first()
        if delegation is None:
            raise errors.NotVisible()
        if delegation.revoked_at is None:
            delegation.revoked_at = timezone.now()
            delegation.save(update_fields=["revoked_at"])
            record_event(actor=actor, action="delegation_revoked", obj=delegation)
    return delegation
