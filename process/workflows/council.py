"""The council's part of the process: the entry points that move dossiers' processes after a council service.

A session's conclusion moves every dossier of the session (each under its flow lock, in one transaction); an
objection suspends one posted dossier; the beat sweep closes posting windows. The rules are in ``council``.
"""

import logging

from django.utils import timezone

from domain.council.models import Ballot, CouncilSession, PostingEntry
from domain.council.services import posting, results
from domain.dossiers.models import Dossier
from ground.base import errors

from .models import DossierProcess
from .nodes import links_together
from .services import flow_lock, hand_over, process_lock, processes_lock, waiting_activations

log = logging.getLogger(__name__)


def move_on_many(dossiers, node, *, changed_here=False):
    """Complete each dossier's task waiting at a Handle node (council_review, posting, issue_*): the flow's gateway
    reads the dossier's new status and routes it. The tasks are read together.

    ``changed_here``: the dossiers are the very instances the caller changed under the flow's locks, which the
    gateways then route on without reading them again (``services.hand_over``); never a stub or a stale copy.
    """
    with links_together():  # the next tasks of every dossier linked in one statement
        for dossier, activation in waiting_activations(dossiers, [node]):
            if changed_here:
                hand_over(activation, dossier)
            activation.run(None)
            activation.execute()


def _move_on(dossier, node, *, changed_here=False):
    move_on_many([dossier], node, changed_here=changed_here)


def session_conclude(*, acting_user, session_id):
    """Kết luận phiên họp: results, minutes and posting in one transaction; every process moves on."""
    session = CouncilSession.objects.filter(pk=session_id).first()
    if session is None:
        raise errors.NotVisible()
    dossier_ids = session.ballots.exclude(status=Ballot.Status.WITHDRAWN).values("dossier_id")
    process_pks = DossierProcess.objects.filter(dossier__in=dossier_ids).values_list("pk", flat=True)
    with processes_lock(process_pks):
        dossiers = results.session_conclude(acting_user=acting_user, session_id=session_id)
        move_on_many(dossiers, "council_review", changed_here=True)  # each posted or rejected by the conclusion
    return dossiers


def require_may_object(*, acting_user, dossier_id):
    """Permission before validation: the refusals of ``objection_file`` that do not depend on the text (no lock; the
    service repeats them under it)."""
    dossier = Dossier.objects.select_related("organisation").filter(pk=dossier_id).first()
    if dossier is None:
        raise errors.NotVisible()
    posting.require_may_object(acting_user, dossier)


def objection_file(*, acting_user, dossier_id, text):
    """Phản ánh: a staff member's objection; the first one suspends the dossier (its posting task ends)."""
    process = DossierProcess.objects.filter(dossier_id=dossier_id).first()
    if process is None:
        raise errors.NotVisible()
    with process_lock(process.pk):
        dossier = (
            Dossier.objects.select_for_update(of=("self",), no_key=True)
            .select_related("organisation", "award", "period")  # + what the next step reads (its route, a deadline)
            .get(pk=dossier_id)
        )
        objection, suspended = posting.objection_file(acting_user=acting_user, dossier=dossier, text=text)
        if suspended:
            _move_on(dossier, "posting", changed_here=True)  # suspended by the objection, on this instance
    return objection


def postings_close_due(now=None):
    """Beat: every posted dossier whose window has ended moves on to the principal (one transaction each).

    Idempotent and safe to run twice at once: each entry is re-read under its dossier's flow lock.
    """
    now = now or timezone.now()
    moved = 0
    due = posting.postings_due(now).order_by("pk")
    for entry_id in due.values_list("pk", flat=True):
        # One statement takes the flow's lock (the process row) and locks the entry and its dossier (their rows
        # only), reading the dossier with what its next step reads.
        locking = (
            PostingEntry.objects.filter(pk=entry_id, dossier__process__isnull=False)  # inner joins: lockable
            .select_related("dossier__award", "dossier__period", "dossier__process")
            .select_for_update(nowait=True, no_key=True, of=("self", "dossier", "dossier__process"))
        )
        try:
            with flow_lock(locking) as entry:
                if entry is not None and posting.posting_close(entry, now=now):
                    _move_on(entry.dossier, "posting", changed_here=True)  # approved by the close, under the lock
                    moved += 1
        except errors.Busy:
            log.info("Posting %s: its dossier is busy; the next sweep closes it", entry_id)
    return moved
