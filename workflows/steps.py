"""What each human step of the flow does: its actions and the domain service each action calls.

The flow says who and in which order; the UI form and the API both complete a task through
``workflows.services.task_complete``, which looks the step up here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from council.services import posting
from dossiers.services import dossiers as svc


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    actions: dict = field(default_factory=dict)  # action code -> label
    queue: bool = True  # routed to a group's queue (claim / release); False: assigned by the flow

    def run(self, action, *, actor, dossier, comment, fields):
        HANDLERS[self.name](action, actor=actor, dossier=dossier, comment=comment, fields=fields)


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
    svc.dossier_record_province_decision(
        actor=actor,
        dossier=dossier,
        result=fields.get("result"),
        decision_number=fields.get("decision_number") or "",
        decision_date=fields.get("decision_date"),
        comment=comment,
    )


HANDLERS = {
    "check_completeness": _check,
    "correct": _correct,
    "resolve_objection": _objection,
    "sign_decision": _sign,
    "sign_submission": _sign,
    "record_province": _record_province,
}

STEPS = {
    s.name: s
    for s in [
        Step(
            "check_completeness", _("Check completeness"), {"accept": _("Accept"), "return": _("Return for correction")}
        ),
        Step("correct", _("Correct and resubmit"), {"submit": _("Resubmit")}, queue=False),
        Step(
            "resolve_objection",
            _("Decide on an objection"),
            {"uphold": _("Uphold: the dossier is rejected"), "dismiss": _("Dismiss: the dossier continues")},
        ),
        Step("sign_decision", _("Sign the award decision"), {"return": _("Return")}),
        Step("sign_submission", _("Sign the submission letter"), {"return": _("Return")}),
        Step("record_province", _("Record the province's decision"), {"record": _("Record")}),
    ]
}
