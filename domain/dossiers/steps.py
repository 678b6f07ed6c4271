"""The human steps of a dossier's path: their names, titles and actions (the vocabulary the flow, the deadlines
and the pages share; what an action does is the process layer's ``workflows.steps``)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    actions: dict = field(default_factory=dict)  # action code -> label
    queue: bool = True  # routed to a group's queue (claim / release); False: assigned by the flow


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
