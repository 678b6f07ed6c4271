"""Public posting (công khai) and objections: a signed objection suspends a dossier until the secretariat
upholds it (the dossier is rejected) or dismisses it (the dossier continues); the posting window's close moves
the others on to the principal.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.models import DossierStatus
from domain.dossiers.policies import can_view_dossier
from domain.dossiers.services.dossiers import dossier_transition, dossiers_transition
from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.selectors import staff_of

from .. import notices, policies
from ..models import Objection, PostingEntry

S = DossierStatus


def _status(dossier, status, *, actor, action, comment="", obj=None, data=None):
    dossier_transition(dossier, status, actor=actor, action=action, step="posting", comment=comment, obj=obj, data=data)


def current_posting(dossier):
    return PostingEntry.objects.filter(dossier=dossier).order_by("-posted_at", "-pk").first()


def require_may_object(acting_user, dossier, *, now=None):
    """Every refusal of an objection that does not depend on its text (permission before validation); returns the
    dossier's open posting entry."""
    now = now or timezone.now()
    policies.require_file_objection(acting_user, dossier.organisation_id)
    entry = current_posting(dossier)
    if entry is None and not can_view_dossier(acting_user, dossier):
        raise errors.NotVisible()  # never posted: it exists only for those who may see it (no state told)
    if entry is None or dossier.status not in (S.POSTED, S.SUSPENDED):
        if entry is not None and dossier.status == S.APPROVED:
            raise errors.PostingClosed()
        raise errors.InvalidTransition(_("This dossier is not posted for objections."))
    if entry.closed_at is not None or now > entry.closes_at:
        raise errors.PostingClosed()
    return entry


def objection_file(*, acting_user, dossier, text, now=None):
    """A staff member objects, under their name, while the dossier is posted. Returns (objection, suspended_now).

    The caller holds the dossier's lock. The same objection sent twice (a double submit) is recorded once.
    """
    now = now or timezone.now()
    entry = require_may_object(acting_user, dossier, now=now)
    text = (text or "").strip()
    if len(text) < 10:
        raise errors.InvalidInput(errors={"text": [_("Write the objection and its grounds (at least 10 characters).")]})
    repeat = entry.objections.filter(filed_by=acting_user, text=text, status=Objection.Status.OPEN).first()
    if repeat is not None:
        return repeat, False
    staff = staff_of(acting_user)
    objection = Objection.objects.create(
        posting=entry,
        dossier=dossier,
        filed_by=acting_user,
        signed_name=(staff.full_name if staff else "") or acting_user.get_full_name() or acting_user.get_username(),
        signed_position=staff.position if staff else "",
        text=text,
    )
    data = {"objection": objection.pk, "signed_by": objection.signed_name}
    suspended = dossier.status == S.POSTED
    if suspended:
        _status(dossier, S.SUSPENDED, actor=acting_user, action="objection_filed", obj=objection, data=data)
    else:
        record_event(
            actor=acting_user, action="objection_filed", dossier=dossier, obj=objection, step="posting", data=data
        )
    notices.objection_filed(dossier)
    return objection, suspended


def objection_resolve(*, actor, dossier, action, comment, objection_id=None, now=None):
    """Xử lý phản ánh (the resolve_objection step): ``uphold`` rejects the dossier, ``dismiss`` lets it continue:
    posted again while the window is open, on to the principal once it has closed."""
    now = now or timezone.now()
    if not (comment or "").strip():
        raise errors.InvalidInput(errors={"comment": [_("Give the reasons of the decision on the objection.")]})
    open_ones = list(
        Objection.objects.select_for_update(of=("self",), no_key=True).filter(
            dossier=dossier, status=Objection.Status.OPEN
        )
    )
    objection = next((o for o in open_ones if objection_id in (None, "", o.pk, str(o.pk))), None)
    if objection is None:
        raise errors.InvalidInput(errors={"objection": [_("Choose an objection waiting for a decision.")]})
    objection.status = Objection.Status.UPHELD if action == "uphold" else Objection.Status.DISMISSED
    objection.resolution, objection.resolved_by, objection.resolved_at = comment.strip(), actor, now
    objection.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    others = [o for o in open_ones if o.pk != objection.pk]
    data = {"objection": objection.pk, "signed_by": objection.signed_name}
    if action == "uphold":
        Objection.objects.filter(pk__in=[o.pk for o in others]).update(
            status=Objection.Status.MOOT, resolved_by=actor, resolved_at=now
        )
        _status(dossier, S.REJECTED, actor=actor, action="objection_upheld", comment=comment, obj=objection, data=data)
    elif others:
        record_event(
            actor=actor,
            action="objection_dismissed",
            dossier=dossier,
            obj=objection,
            step="posting",
            comment=comment,
            data={**data, "still_open": len(others)},
        )
    else:
        entry = objection.posting
        window_open = entry.closed_at is None and now <= entry.closes_at
        target = S.POSTED if window_open else S.APPROVED
        _status(dossier, target, actor=actor, action="objection_dismissed", comment=comment, obj=objection, data=data)
    return objection


def postings_close(entries, *, now=None):
    """The windows of posted dossiers have ended (the beat sweep): returns the dossiers that moved on (approved).

    ``entries`` are locked and read with their dossiers, locked too (``entry.dossier``, with the award and period
    that the process's next step reads: its route, a deadline); the processes move on with those very instances.
    Set-based: the entries closed in one UPDATE, the dossiers moved in another, an audit event each. Idempotent: a
    closed entry, or a dossier no longer posted (suspended, rejected), is only marked closed.
    """
    now = now or timezone.now()
    due = [e for e in entries if e.closed_at is None and now >= e.closes_at]
    if not due:
        return []
    PostingEntry.objects.filter(pk__in=[e.pk for e in due]).update(closed_at=now)
    moves = []
    for entry in due:
        entry.closed_at = now
        if entry.dossier.status == S.POSTED:
            data = {"from": entry.opens_on.isoformat(), "to": entry.closes_on.isoformat()}
            moves.append((entry.dossier, S.APPROVED, "posting_closed", "", data, entry))
    dossiers_transition(moves, actor=None, step="posting")
    return [move[0] for move in moves]


def postings_due(now=None):
    """The entries of the posted dossiers whose window has ended but are not closed yet (indexed)."""
    now = now or timezone.now()
    return PostingEntry.objects.filter(closed_at__isnull=True, closes_at__lte=now)
