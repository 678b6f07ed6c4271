"""The secretariat's view of the exchange with the province: one row per submission letter (its package), by
state, with the dossiers it carries and the province's answers, in a fixed number of queries."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from domain.dossiers.models import IssuedDocument
from ground.audit.models import AuditEvent

from .models import Delivery

STATES = {
    "queued": _("Queued"),
    "sending": _("Sending"),
    "delivered": _("Delivered, waiting for the province"),
    "acknowledged": _("Answered by the province"),
    "failed": _("Failed: send again by hand"),
}
# The province's answers (``workflows.outcomes.PROVINCE_RESULTS``), as the page names them.
RESULTS = {
    "approved": _("Approved"),
    "rejected": _("Not approved"),
    "returned": _("Returned for correction"),
}
_DOSSIER = ("dossier__department", "dossier__nominee_person", "dossier__nominee_department", "dossier__award")
_ANSWER_ACTIONS = ("province_approved", "province_rejected", "province_returned")


class DossierAnswer:
    """One dossier a letter carries and the province's answer to it for that letter (None: still waiting)."""

    def __init__(self, dossier, result):
        self.dossier = dossier
        self.result = result
        self.label = RESULTS.get(result, "") if result else ""

    @property
    def answered(self):
        return self.result is not None


class LetterRow:
    """One submission letter sent (or to be sent) to the province: its package's delivery, its dossiers, the
    answers. ``dossier_id`` is the dossier whose job created the package (the retry acts on it)."""

    def __init__(self, *, letter, symbol, dossiers, delivery=None, since=None):
        self.letter = letter
        self.symbol = symbol or (letter.symbol if letter else "")
        self.issued_on = letter.issued_on if letter else None
        self.delivery = delivery
        self.dossiers = dossiers
        self.dossier_count = len(dossiers)
        self.dossier_id = delivery.dossier_id if delivery else (dossiers[0].dossier.pk if dossiers else None)
        self.attempts = delivery.attempts if delivery else 0
        self.last_attempt = getattr(delivery, "last_attempt", None) if delivery else None
        self.delivered_at = delivery.delivered_at if delivery else None
        self.since = since
        self.answered = sum(1 for d in dossiers if d.answered)
        results = {d.result for d in dossiers}
        # The province answered the whole letter alike (one answer for every dossier it carries).
        self.whole_letter = RESULTS[results.pop()] if len(results) == 1 and None not in results else ""
        self.counts = [(RESULTS[r], sum(1 for d in dossiers if d.result == r)) for r in RESULTS]
        self.counts = [(label, n) for label, n in self.counts if n]
        self.waiting = self.dossier_count - self.answered

    @property
    def letter_id(self):
        return self.letter.pk if self.letter else None


def _answers(dossier_ids):
    """{(dossier id, letter symbol): result} from the recorded answers (the event keeps the letter it answers)."""
    found = {}
    events = AuditEvent.objects.filter(
        dossier_id__in=dossier_ids, step="record_province", action__in=_ANSWER_ACTIONS
    ).order_by("id")
    for dossier_id, data in events.values_list("dossier_id", "data"):
        data = data or {}
        if data.get("result") in RESULTS:
            found[(dossier_id, data.get("submission", ""))] = data["result"]
    return found


def _carried(letter_ids):
    """{letter id: [dossier, ...]} (one query)."""
    through = IssuedDocument.dossiers.through
    rows = (
        through.objects.filter(issueddocument_id__in=letter_ids)
        .select_related(*_DOSSIER)
        .order_by("issueddocument_id", "dossier_id")
    )
    carried = {}
    for row in rows:
        carried.setdefault(row.issueddocument_id, []).append(row.dossier)
    return carried


def _state(delivery, answers):
    if delivery.status == Delivery.Status.FAILED:
        return "failed"
    if delivery.status == Delivery.Status.SENDING:
        return "sending" if delivery.attempts else "queued"
    if answers and all(a.answered for a in answers):
        return "acknowledged"
    return "delivered"


def submissions_by_state():
    """[(state, label, [LetterRow, …])]: every submission letter's package once, with its dossiers and answers."""
    deliveries = list(
        Delivery.objects.select_related("issued", *_DOSSIER)
        .annotate(last_attempt=Max("attempt_log__at"))
        .order_by("-id")
    )
    queued_jobs = list(
        Task.objects.filter(flow_task_type="JOB", status=STATUS.SCHEDULED)
        .select_related("process__dossierprocess__dossier")
        .order_by("created")
    )
    # The issued letter of each dossier whose package is not made yet (its job is queued): one query.
    waiting_ids = [task.process.dossierprocess.dossier_id for task in queued_jobs]
    letter_of = {}
    links = IssuedDocument.dossiers.through.objects.filter(
        dossier_id__in=waiting_ids,
        issueddocument__doc_type=IssuedDocument.Type.SUBMISSION,
        issueddocument__status=IssuedDocument.Status.ISSUED,
    ).select_related("issueddocument")
    for link in links.order_by("issueddocument_id") if waiting_ids else []:
        letter_of[link.dossier_id] = link.issueddocument  # the latest letter wins
    letter_ids = {d.issued_id for d in deliveries if d.issued_id} | {letter.pk for letter in letter_of.values()}
    carried = _carried(letter_ids)
    all_ids = {dossier.pk for dossiers in carried.values() for dossier in dossiers} | {d.dossier_id for d in deliveries}
    answers = _answers(all_ids)

    def answered(dossiers, symbol):
        return [DossierAnswer(dossier, answers.get((dossier.pk, symbol))) for dossier in dossiers]

    groups = {state: [] for state in STATES}
    sent = set()
    for delivery in deliveries:
        dossiers = carried.get(delivery.issued_id) or [delivery.dossier]
        rows = answered(dossiers, delivery.submission)
        sent.add(delivery.submission)
        row = LetterRow(letter=delivery.issued, symbol=delivery.submission, dossiers=rows, delivery=delivery)
        groups[_state(delivery, rows)].append(row)
    queued_letters = {}
    for task in queued_jobs:
        dossier = task.process.dossierprocess.dossier
        letter = letter_of.get(dossier.pk)
        if letter is not None and letter.symbol in sent:
            continue
        key = letter.pk if letter else f"dossier-{dossier.pk}"
        if key not in queued_letters:
            dossiers = carried.get(letter.pk, [dossier]) if letter else [dossier]
            queued_letters[key] = LetterRow(
                letter=letter, symbol="", dossiers=answered(dossiers, ""), since=task.created
            )
    groups["queued"].extend(queued_letters.values())
    return [(state, STATES[state], rows) for state, rows in groups.items()]
