"""Batch documents in the process: the signature moves every covered dossier's process past its signature step,
the records clerk's issuing past the numbering step (then awarded, or forwarded: one package per letter).

Each entry point takes every covered process's flow lock (always in the same order) and one transaction, then
calls the domain (``official.batches``) and completes the waiting tasks.
"""

from contextlib import ExitStack

from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossiers import errors
from dossiers.models import IssuedDocument
from official import batches

from .council import _move_on
from .flows import DossierFlow
from .models import DossierProcess
from .services import process_lock


def _locks(document_id):
    return sorted(DossierProcess.objects.filter(dossier__issued_documents=document_id).values_list("pk", flat=True))


def _complete_sign_task(dossier, actor):
    """The dossier's signature task is done by the batch's signature (its task leaves every signer's inbox)."""
    task = (
        Task.objects.filter(process__dossierprocess__dossier=dossier, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .filter(flow_task__in=[DossierFlow.sign_decision, DossierFlow.sign_submission])
        .first()
    )
    if task is None:
        raise errors.InvalidTransition()
    activation = task.flow_task.activation_class(task)
    if task.owner_id and task.owner_id != actor.pk:
        activation.unassign()
    if task.status == STATUS.NEW:
        activation.assign(actor)
    activation.start(None)
    activation.execute()


def batch_sign(*, acting_user, document_id, confirm, comment=""):
    """Ký văn bản: one signature for every dossier of the document (a wrong PIN changes nothing)."""
    batches.document_get(actor=acting_user, document_id=document_id)
    with ExitStack() as locks, transaction.atomic():
        for pk in _locks(document_id):
            locks.enter_context(process_lock(pk))
        document = IssuedDocument.objects.select_for_update(of=("self",)).get(pk=document_id)
        document, dossiers = batches.batch_sign(actor=acting_user, document=document, confirm=confirm, comment=comment)
        for dossier in dossiers:
            _complete_sign_task(dossier, acting_user)
    return document


def batch_issue(*, acting_user, document_id):
    """Phát hành: number, date and the organisation's signature; each process moves on (awarded / forwarded)."""
    batches.require_clerk(acting_user)
    batches.document_get(actor=acting_user, document_id=document_id)
    with ExitStack() as locks, transaction.atomic():
        for pk in _locks(document_id):
            locks.enter_context(process_lock(pk))
        document = IssuedDocument.objects.select_for_update(of=("self",)).get(pk=document_id)
        document, dossiers = batches.batch_issue(actor=acting_user, document=document)
        node = "issue_decision" if document.doc_type == IssuedDocument.Type.DECISION else "issue_submission"
        for dossier in dossiers:
            _move_on(dossier, node)
    return document
