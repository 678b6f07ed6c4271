"""The council's part of the process: the entry points that move dossiers' processes after a council service.

A session's conclusion moves every dossier of the session (each under its flow lock, in one transaction); an
objection suspends one posted dossier; the beat sweep closes posting windows. The rules are in ``council``.
"""

import logging

from django.db import transaction
from django.utils import timezone

from domain.council.models import Ballot, CouncilSession, PostingEntry
from domain.council.services import posting, results
from domain.dossiers.models import Dossier
from ground.base import errors

from .models import DossierProcess
from .nodes import links_together
from .services import hand_over, process_lock, processes_lock, waiting_activations

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


SWEEP_CHUNK = 50  # entries per transaction: the locks of a chunk are held while its dossiers move on


def postings_close_due(now=None):
    """Beat: every posted dossier whose window has ended moves on to the principal, ``SWEEP_CHUNK`` per transaction.

    Idempotent and safe to run twice at once: the entries are re-read under their dossiers' flow locks, and a
    dossier busy in another step (its process row locked) is skipped, for the next sweep. Returns how many moved.
    """
    now = now or timezone.now()
    due = list(posting.postings_due(now).order_by("pk").values_list("pk", flat=True))
    moved, failed = 0, None
    for start in range(0, len(due), SWEEP_CHUNK):
        chunk = due[start : start + SWEEP_CHUNK]
        try:
            moved += _close_chunk(chunk, now)
        except Exception:  # noqa: BLE001 — one faulty dossier must not hold back the others of its chunk
            log.exception("Posting sweep: a chunk failed; its entries are closed one at a time")
            for entry_id in chunk:
                try:
                    moved += _close_chunk([entry_id], now)
                except Exception as one:  # noqa: BLE001 — raised once the others have moved
                    failed = failed or one
    if failed is not None:
        raise failed  # the task fails visibly; the next sweep tries the faulty entry again
    return moved


def _close_chunk(entry_ids, now):
    """One statement takes the flow's locks (the process rows, without waiting: a busy one is skipped) and locks
    the entries and their dossiers (their rows only), reading the dossiers with what their next step reads."""
    locking = (
        PostingEntry.objects.filter(pk__in=entry_ids, dossier__process__isnull=False)  # inner joins: lockable
        .select_related("dossier__award", "dossier__period", "dossier__process")
        .select_for_update(skip_locked=True, no_key=True, of=("self", "dossier", "dossier__process"))
        .order_by("pk")
    )
    with transaction.atomic():
        entries = list(locking)
        dossiers = posting.postings_close(entries, now=now)
        move_on_many(dossiers, "posting", changed_here=True)  # approved by the close, under the locks
    if len(entries) < len(entry_ids):
        log.info(
            "Postings %s skipped: their dossiers are busy in another step (or have no process); next sweep tries again",
            sorted(set(entry_ids) - {e.pk for e in entries}),
        )
    return len(dossiers)
