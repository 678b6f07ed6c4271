"""Batch documents in the process: the signature moves every covered dossier's process past its signature step,
the records clerk's issuing past the numbering step (then awarded, or forwarded: one package per letter).

Each entry point takes every covered process's flow lock (always in the same order) and one transaction, then
calls the domain (``official.batches``) and completes the waiting tasks.
"""

from django.db.models import Count
from django.utils import timezone
from viewflow.workflow.status import STATUS

from domain.council.models import Ballot, CouncilSession
from domain.dossiers import notices
from domain.dossiers.models import IssuedDocument
from domain.official import batches
from ground.organisation.selectors import staff_of

from .council import move_on_many
from .models import DossierProcess
from .nodes import links_together
from .outcomes import dossiers_require_eligible, record_award
from .services import finish_task, hand_over, processes_lock, waiting_activations


def _locks(document_id):
    return DossierProcess.objects.filter(dossier__issued_documents=document_id).values_list("pk", flat=True)


def _complete_sign_tasks(dossiers, actor):
    """Each dossier's signature task is done by the batch's signature (its task leaves every signer's inbox). The
    dossiers are the instances the signature changed under the flow's locks: the gateway routes on them."""
    waiting = waiting_activations(dossiers, ["sign_decision", "sign_submission"], [STATUS.NEW, STATUS.ASSIGNED])
    with links_together():  # the next tasks of every dossier linked in one statement
        for dossier, activation in waiting:
            hand_over(activation, dossier)
            finish_task(activation, actor)


def batch_draft(*, acting_user, session_ids=None, dossier_ids=None):
    """Dự thảo: the documents of the chosen concluded sessions (their approved dossiers; those suspended by an
    objection, withdrawn or returned are left out and can go in a later batch)."""
    if session_ids:
        chosen = Ballot.objects.filter(session_id__in=session_ids, session__concluded_at__isnull=False)
        ids = set(chosen.values_list("dossier_id", flat=True))
        dossier_ids = sorted(ids & set(dossier_ids) if dossier_ids is not None else ids)
    return batches.batch_draft(acting_user=acting_user, dossier_ids=dossier_ids)


def sessions_waiting(user):
    """Concluded sessions of the user's unit whose approved dossiers wait for a document."""
    staff = staff_of(user)
    if staff is None:
        return []
    candidates = batches.batch_candidates(staff.organisation).values("pk")
    return list(
        CouncilSession.objects.filter(organisation_id=staff.organisation_id, concluded_at__isnull=False)
        .filter(ballots__dossier__in=candidates)
        .annotate(waiting=Count("ballots", distinct=True))
        .order_by("-meeting_date", "-number")
    )


def batch_sign(*, acting_user, document_id, confirm, comment="", preconfirmed=False):
    """Ký văn bản: one signature for every dossier of the document (a wrong PIN changes nothing)."""
    batches.document_get(actor=acting_user, document_id=document_id)
    with processes_lock(_locks(document_id)):
        document = IssuedDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document_id)
        document, dossiers = batches.batch_sign(
            actor=acting_user,
            document=document,
            confirm=confirm,
            comment=comment,
            preconfirmed=preconfirmed,
            require_eligible=dossiers_require_eligible,  # hard rules (discipline, pending case) re-checked
        )
        _complete_sign_tasks(dossiers, acting_user)
        notices.document_signed(document, dossiers)  # the nominating departments (mailed after commit)
    return document


def batch_issue(*, acting_user, document_id):
    """Phát hành: number, date and the organisation's signature; each process moves on (awarded / forwarded)."""
    batches.require_clerk(acting_user)
    batches.document_get(actor=acting_user, document_id=document_id)
    with processes_lock(_locks(document_id)):
        document = IssuedDocument.objects.select_for_update(of=("self",), no_key=True).get(pk=document_id)
        document, dossiers = batches.batch_issue(actor=acting_user, document=document)
        decision = document.doc_type == IssuedDocument.Type.DECISION
        if decision:  # the award enters the history with the decision's number, date and the amount it states
            signed_on = timezone.localtime(document.signed_at).date()
            for dossier in dossiers:
                record_award(dossier, document.symbol, document.issued_on, amounts_on=signed_on)
        move_on_many(dossiers, "issue_decision" if decision else "issue_submission")
    return document
