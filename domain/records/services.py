"""Initiatives (sáng kiến) and their recognition by the Initiatives Council: a small workflow of their own.

draft --submit--> submitted --recognise--> recognised
                            --reject-----> rejected   (with the council's reason)
A department head proposes initiatives of their department's staff; the secretariat, standing body of the
Initiatives Council, records its decision. Each step is atomic and recorded in the audit trail.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.models import StaffMember
from ground.organisation.selectors import staff_of

from . import policies
from .models import Initiative

S = Initiative.Status


def _locked(initiative_id):
    initiative = Initiative.objects.select_for_update(of=("self",), no_key=True).filter(pk=initiative_id).first()
    if initiative is None:
        raise errors.NotVisible()
    return initiative


def _move(initiative, status, *, actor, action, comment="", fields=()):
    old = initiative.status
    initiative.status = status
    # A queryset update: the step's own event below, not the generic "changed" one of admin edits.
    Initiative.objects.filter(pk=initiative.pk).update(status=status, **{f: getattr(initiative, f) for f in fields})
    changes = {"status": [old, status], **{f: [None, getattr(initiative, f)] for f in fields}}
    record_event(actor=actor, action=action, obj=initiative, comment=comment, changes=changes)


def initiative_create(*, acting_user, title, year, author_ids):
    """A department head proposes an initiative of members of their department (a draft)."""
    staff = staff_of(acting_user)
    policies.require_propose_initiative(acting_user)
    if not title.strip():
        raise errors.InvalidInput(errors={"title": [_("Give the initiative's title.")]})
    authors = list(StaffMember.objects.filter(pk__in=author_ids, department_id=staff.department_id))
    if not authors or len(authors) != len(set(author_ids)):
        raise errors.InvalidInput(errors={"authors": [_("Choose the authors among the staff of your department.")]})
    with transaction.atomic():
        # bulk_create sends no save signal: this step records its own event (with the authors), not the generic one.
        (initiative,) = Initiative.objects.bulk_create(
            [Initiative(organisation_id=staff.organisation_id, title=title.strip(), year=year)]
        )
        initiative.authors.set(authors)
        record_event(
            actor=acting_user,
            action="initiative_created",
            obj=initiative,
            data={"authors": [a.full_name for a in authors], "year": year},
        )
    return initiative


def initiative_submit(*, acting_user, initiative_id):
    """Gửi Hội đồng sáng kiến."""
    with transaction.atomic():
        initiative = _locked(initiative_id)
        policies.require_initiative_owner(acting_user, initiative)
        if initiative.status != S.DRAFT:
            raise errors.InvalidTransition(_("Only a draft initiative can be submitted."))
        _move(initiative, S.SUBMITTED, actor=acting_user, action="initiative_submitted")
    return initiative


def initiative_recognise(*, acting_user, initiative_id, scope, recognised_by, document, comment=""):
    """The Initiatives Council recognises the initiative (scope school; province or national from higher bodies)."""
    missing = {}
    if scope not in Initiative.Scope.values:
        missing["scope"] = [_("Choose the scope of recognition.")]
    if not recognised_by.strip():
        missing["recognised_by"] = [_("Enter the recognising body.")]
    if not document.strip():
        missing["document"] = [_("Enter the number of the recognition document.")]
    with transaction.atomic():
        initiative = _locked(initiative_id)
        policies.require_review_initiative(acting_user, initiative)
        if initiative.status != S.SUBMITTED:
            raise errors.InvalidTransition(_("Only a submitted initiative can be recognised or rejected."))
        if missing:
            raise errors.InvalidInput(errors=missing)
        initiative.scope, initiative.recognised_by, initiative.document = scope, recognised_by.strip(), document.strip()
        _move(
            initiative,
            S.RECOGNISED,
            actor=acting_user,
            action="initiative_recognised",
            comment=comment,
            fields=("scope", "recognised_by", "document"),
        )
    return initiative


def initiative_reject(*, acting_user, initiative_id, reason):
    with transaction.atomic():
        initiative = _locked(initiative_id)
        policies.require_review_initiative(acting_user, initiative)
        if initiative.status != S.SUBMITTED:
            raise errors.InvalidTransition(_("Only a submitted initiative can be recognised or rejected."))
        if not reason.strip():
            raise errors.InvalidInput(errors={"reason": [_("Give the council's reason.")]})
        _move(initiative, S.REJECTED, actor=acting_user, action="initiative_rejected", comment=reason)
    return initiative


def initiatives_on_agenda(organisation_id, initiative_ids):
    """The submitted initiatives of the unit among ``initiative_ids``, locked (for an Initiatives Council session)."""
    wanted = {int(pk) for pk in initiative_ids}
    found = list(
        Initiative.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk__in=wanted, organisation_id=organisation_id)
        .order_by("pk")
    )
    if len(found) != len(wanted) or any(i.status != S.SUBMITTED for i in found):
        raise errors.InvalidInput(
            errors={"initiatives": [_("Only initiatives submitted to the Initiatives Council can be on its agenda.")]}
        )
    return found


def initiative_council_decide(*, actor, initiative_id, recognised, on, evidence, vote, data=None):
    """The Initiatives Council's vote decides: recognised at school level on ``on``, or not recognised.

    Called by the council when its session concludes (the council checks who may conclude); ``evidence`` names
    the session and its minutes, ``vote`` its count. Recorded like the secretariat's own decision.
    """
    initiative = _locked(initiative_id)
    if initiative.status != S.SUBMITTED:
        raise errors.InvalidTransition(_("Only a submitted initiative can be recognised or rejected."))
    initiative.recognised_on, initiative.council_vote, initiative.document = on, vote, evidence[:255]
    fields = ("recognised_on", "council_vote", "document")
    if recognised:
        # the official name, as the recognition document writes it (data, not the interface)
        initiative.scope, initiative.recognised_by = Initiative.Scope.SCHOOL, "Hội đồng sáng kiến"
        fields += ("scope", "recognised_by")
    Initiative.objects.filter(pk=initiative.pk).update(
        status=S.RECOGNISED if recognised else S.REJECTED, **{f: getattr(initiative, f) for f in fields}
    )
    old, initiative.status = initiative.status, S.RECOGNISED if recognised else S.REJECTED
    record_event(
        actor=actor,
        action="initiative_recognised" if recognised else "initiative_rejected",
        obj=initiative,
        comment=evidence,
        changes={"status": [old, initiative.status], "recognised_on": [None, on.isoformat()]},
        data={"vote": vote, "by_council": True, **(data or {})},
    )
    return initiative
