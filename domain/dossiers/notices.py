"""What the nominating department hears about its dossier after the council: the signature of the document that
covers it and the province's decision. In the recipient's language, in the app and by e-mail (after commit); each
event is told once per person (the notification's key), whatever retries or repeats happen."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ground.notifications.services import Message, notifications_create
from ground.organisation.people import People


def document_signed(document, dossiers):
    """The principal signed the decision (or the submission letter to the province) covering these dossiers."""
    people = People()
    decision = document.doc_type == document.Type.DECISION
    messages = []
    for dossier in dossiers:

        def render(dossier=dossier):
            names = {"reference": dossier.reference, "nominee": dossier.nominee, "award": dossier.award.name}
            if decision:
                return (
                    _("Award decision signed: %(reference)s") % names,
                    _(
                        "The decision awarding %(award)s to %(nominee)s is signed; the records clerk will number "
                        "and issue it."
                    )
                    % names,
                )
            return (
                _("Submission to the province signed: %(reference)s") % names,
                _("The letter proposing %(nominee)s for %(award)s is signed and goes to the province.") % names,
            )

        link = reverse("dossiers:detail", args=[dossier.pk])
        key = f"signed:{document.pk}:{dossier.pk}"
        messages += [
            Message(recipient_id=uid, kind="signed", render=render, link=link, dossier_id=dossier.pk, key=key)
            for uid in people.department_heads(dossier)
        ]
    notifications_create(messages)


def province_decided(dossier, *, result, submission):
    """The province's answer to the submission that proposed the dossier (approved, rejected or returned)."""

    def render():
        names = {
            "reference": dossier.reference,
            "nominee": dossier.nominee,
            "award": dossier.award.name,
            "number": dossier.decision_number,
            "reason": dossier.status_reason,
        }
        if result == "approved":
            return (
                _("The province approved %(reference)s") % names,
                _("%(nominee)s is awarded %(award)s by the province's decision %(number)s.") % names,
            )
        if result == "rejected":
            return _("The province rejected %(reference)s") % names, _("Reason: %(reason)s") % names
        return _("The province returned %(reference)s for correction") % names, _("Reason: %(reason)s") % names

    link = reverse("dossiers:detail", args=[dossier.pk])
    key = f"province:{dossier.pk}:{submission}:{result}"
    notifications_create(
        [
            Message(
                recipient_id=uid, kind="province_decision", render=render, link=link, dossier_id=dossier.pk, key=key
            )
            for uid in People.current().department_heads(dossier)  # a letter's answer: read once for its dossiers
        ]
    )
