"""How a dossier's path ends: the award entering the history, and the province's answer (the signature itself is
per batch document: ``workflows.batches``).

Process layer: these span the dossier's pipeline, the eligibility rules, the official documents and the award
history. Called by the steps (``steps.py``) and the province's API, under the flow's lock.
"""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from domain.dossiers import notices
from domain.dossiers.models import AwardRecord, DossierStatus, IssuedDocument
from domain.dossiers.services.documents import province_decision_store
from domain.dossiers.services.dossiers import dossier_transition
from domain.eligibility.services import eligibility_evaluate_many
from domain.official import services as official
from ground.base import errors

S = DossierStatus


def dossiers_require_eligible(dossiers):
    """Re-evaluate the rules before the principal signs: a failed hard rule (pending discipline, complaint,
    inspection) refuses the signature; soft rules were shown to the council, which decided. The dossiers of a batch
    are judged together, in the queries of one (the history of all their nominees read at once)."""
    results = eligibility_evaluate_many(dossiers)
    for dossier in dossiers:
        failed = results[dossier.pk]["failed_hard"]
        if failed:
            raise errors.NotEligible(failed)


DECISION_FIELDS = ("decision_number", "decision_date")


def record_award(dossier, decision_number, decision_date, *, save=True, amounts_on=None):
    """The award enters the nominee's history; the dossier keeps the decision's number and date (saved here, or with
    the caller's status change when ``save`` is False: ``also=DECISION_FIELDS``). ``amounts_on``: the day whose base
    salary the decision's amounts were computed with, when it is not the decision's date (the school's decision
    states its amounts when it is signed; the fund pays what it states)."""
    dossier.decision_number = decision_number
    dossier.decision_date = decision_date
    if save:
        dossier.save(update_fields=list(DECISION_FIELDS))
    # The nominee as read with the dossier (the fund's line and the notices name them), else by its key alone.
    cached = type(dossier).nominee_person.field.is_cached(dossier)
    nominee = {"person": dossier.nominee_person} if cached else {"person_id": dossier.nominee_person_id}
    AwardRecord.objects.create(
        organisation=dossier.organisation,
        **nominee,
        department_id=dossier.nominee_department_id,
        award=dossier.award,
        year=dossier.period.year,
        decision_number=decision_number,
        decision_date=decision_date,
        amount=official.amount_due(dossier, amounts_on or decision_date),
        dossier=dossier,
    )


PROVINCE_RESULTS = ("approved", "rejected", "returned")


def latest_submission_symbol():
    """The number of the latest submission letter (tờ trình) that proposed the dossier: a subquery of a dossier
    query, so that the step that checks it reads it with the dossier (``dossier_submission_symbol``)."""
    letters = IssuedDocument.objects.filter(dossiers=OuterRef("pk"), doc_type=IssuedDocument.Type.SUBMISSION)
    return Subquery(letters.exclude(symbol="").order_by("-id").values("symbol")[:1])


def dossier_submission_symbol(dossier):
    """The number of the latest submission letter that proposed this dossier, or "".

    Kept on the dossier object, which lives for one step: the province's answer checks it, then records it. A letter
    is issued by another step, on objects of its own. Read with the dossier where it was annotated
    (``latest_submission_symbol``)."""
    if not hasattr(dossier, "_submission_symbol"):
        if hasattr(dossier, "submission_symbol"):
            issued = dossier.submission_symbol
        else:
            issued = (
                dossier.issued_documents.filter(doc_type=IssuedDocument.Type.SUBMISSION)
                .exclude(symbol="")
                .order_by("-id")
                .values_list("symbol", flat=True)
                .first()
            )
        dossier._submission_symbol = issued or ""
    return dossier._submission_symbol


def dossier_record_province_decision(
    *, actor, dossier, result, decision_number="", decision_date=None, comment="", decision_file=None
):
    """The province's answer (entered by the secretariat or sent by the province's system).

    Approved: the award enters the nominee's history. Rejected: the process ends. Returned: back to the
    completeness check for correction. The event keeps the submission it answers, so a repeat is recognised.
    """
    if result not in PROVINCE_RESULTS:
        raise errors.InvalidInput(errors={"result": [_("Choose the province's decision.")]})
    data = {"result": result, "submission": dossier_submission_symbol(dossier)}
    if decision_file is not None:  # checked first (PDF, size): a refused file changes nothing
        stored = province_decision_store(actor=actor, dossier=dossier, uploaded=decision_file)
        data["file"] = stored.pk
    if result == "approved":
        missing = {}
        if not (decision_number or "").strip():
            missing["decision_number"] = [_("Enter the province's decision number.")]
        if not decision_date:
            missing["decision_date"] = [_("Enter the date of the province's decision.")]
        if missing:
            raise errors.InvalidInput(errors=missing)
        record_award(dossier, decision_number.strip(), decision_date, save=False)
        data.update(decision_number=decision_number.strip(), decision_date=decision_date.isoformat())
        status, action, also = S.AWARDED, "province_approved", DECISION_FIELDS
    else:
        also = ()
        if not comment.strip():
            raise errors.InvalidInput(errors={"comment": [_("Give the province's reason.")]})
        status = S.REJECTED if result == "rejected" else S.SUBMITTED
        action = "province_rejected" if result == "rejected" else "province_returned"
        if result == "returned":
            # The letter is never edited: it is cancelled (recorded) and a new one is signed after correction.
            official.issued_documents_cancel_returned(dossier, actor=actor, reason=comment)
    dossier_transition(
        dossier, status, actor=actor, action=action, step="record_province", comment=comment, data=data, also=also
    )
    notices.province_decided(dossier, result=result, submission=data["submission"])
