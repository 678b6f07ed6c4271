"""What each human step of the flow does: the domain service each of its actions calls.

The steps, their titles and actions are the dossier's vocabulary (``domain.dossiers.steps``); the flow says who
and in which order; the UI form and the API both complete a task through ``workflows.services.task_complete``,
which runs the step here.
"""

from domain.council.services import posting
from domain.dossiers.services import dossiers as svc

from . import outcomes


def _check(action, *, actor, dossier, comment, fields):
    if action == "accept":
        svc.dossier_accept(actor=actor, dossier=dossier, comment=comment)
    else:
        svc.dossier_return(actor=actor, dossier=dossier, reason=comment, step="check_completeness")


def _correct(action, *, actor, dossier, comment, fields):
    svc.dossier_mark_submitted(acting_user=actor, dossier=dossier, comment=comment)


def _objection(action, *, actor, dossier, comment, fields):
    posting.objection_resolve(
        actor=actor, dossier=dossier, action=action, comment=comment, objection_id=fields.get("objection")
    )


def _sign(action, *, actor, dossier, comment, fields):
    # Signing happens per batch document (workflows.batches); here the signer may only send one dossier back.
    svc.dossier_return(actor=actor, dossier=dossier, reason=comment, step="sign")


def _record_province(action, *, actor, dossier, comment, fields):
    outcomes.dossier_record_province_decision(
        actor=actor,
        dossier=dossier,
        result=fields.get("result"),
        decision_number=fields.get("decision_number") or "",
        decision_date=fields.get("decision_date"),
        comment=comment,
        decision_file=fields.get("decision_file"),
    )


HANDLERS = {
    "check_completeness": _check,
    "correct": _correct,
    "resolve_objection": _objection,
    "sign_decision": _sign,
    "sign_submission": _sign,
    "record_province": _record_province,
}


def step_run(step, action, *, actor, dossier, comment, fields):
    HANDLERS[step.name](action, actor=actor, dossier=dossier, comment=comment, fields=fields)
