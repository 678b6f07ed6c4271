"""The council's pages: thin views over ``council.selectors`` and one service per form.

A domain error becomes a message on the page with the error's status (400, 409); a refusal (403) or a hidden
object (404) goes up to ``workflows.middleware`` (the refused page, and its trace in the audit trail).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views import View

from domain.council import policies, selectors
from domain.council.models import Ballot, CouncilSession
from domain.council.services import ballots as ballot_svc
from domain.council.services import quotas as quota_svc
from domain.council.services import sessions as session_svc
from domain.eligibility.selectors import dossiers_eligibility
from ground.base import errors
from ground.base.forms import show_domain_error
from ground.organisation.selectors import staff_of
from ground.printing.lists import work_list
from process.workflows import council as council_flow

from . import pages
from .forms import (
    AgendaInitiativesForm,
    AttendanceForm,
    ChoiceForm,
    ConcludeForm,
    InitiativeSessionForm,
    ObjectionForm,
    QuotaForm,
    ReceiptForm,
    SessionCreateForm,
    WrittenVoteForm,
)
from .lists import ResultFilter, ResultTable


def _organisation_id(user):
    staff = staff_of(user)
    return staff.organisation_id if staff else None


def _refusal(exc):
    """403 and 404 are not messages on the page: the middleware answers them (and the audit trail keeps them)."""
    return exc.status in (403, 404)


def _form_error_text(form):
    return " ".join(str(m) for msgs in form.errors.values() for m in msgs)


def _int(value):
    return int(value) if str(value or "").isdigit() else None


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class ResultListView(LoginRequiredMixin, View):
    """Kết quả xét chọn: every closed ballot, searchable, filtered, sorted, exported and printed (issue 16)."""

    def get(self, request):
        org = _organisation_id(request.user)
        if org is None or not policies.can_see_sessions(request.user, org):
            raise errors.NotAllowed()
        return work_list(
            request,
            rows=selectors.results_for(request.user),
            filterset_class=ResultFilter,
            table_class=ResultTable,
            template="council/results.html",
            title=_lazy("Council results"),
            filename="ket-qua-xet-chon",
        )


class SessionListView(LoginRequiredMixin, View):
    def get(self, request):
        org = _organisation_id(request.user)
        if org is None or not policies.can_see_sessions(request.user, org):
            raise errors.NotAllowed()
        return render(
            request,
            "council/list.html",
            {"sessions": selectors.sessions_for(request.user), "can_run": policies.can_run_sessions(request.user, org)},
        )


class SessionCreateView(LoginRequiredMixin, View):
    def _org(self, request):
        org = _organisation_id(request.user)
        policies.require_run_sessions(request.user, org)
        return org

    def get(self, request):
        form = SessionCreateForm(organisation_id=self._org(request))
        period = (
            form.fields["period"].queryset.filter(pk=_int(request.GET.get("period")) or form["period"].initial).first()
        )
        if period is not None:
            form.initial["period"] = period.pk
        return self._page(request, form, period)

    def post(self, request):
        form = SessionCreateForm(request.POST, organisation_id=self._org(request))
        period = None
        if form.is_valid():
            period = form.cleaned_data["period"]
            try:
                session = session_svc.session_create(
                    acting_user=request.user,
                    period=period,
                    title=form.cleaned_data["title"],
                    meeting_date=form.cleaned_data["meeting_date"],
                    place=form.cleaned_data["place"],
                    dossier_ids=form.cleaned_data["dossiers"],
                )
            except errors.DomainError as exc:
                if _refusal(exc):
                    raise
                show_domain_error(form, exc)
                return self._page(request, form, period, status=exc.status)
            messages.success(request, _("Session %(title)s created.") % {"title": session.title})
            return redirect("council:detail", pk=session.pk)
        period = form.fields["period"].queryset.filter(pk=_int(request.POST.get("period"))).first()
        return self._page(request, form, period, status=400)

    def _page(self, request, form, period, status=200):
        candidates = list(selectors.agenda_candidates(request.user, period)) if period else []
        chosen = {int(v) for v in request.POST.getlist("dossiers") if v.isdigit()}
        return render(
            request,
            "council/create.html",
            {"form": form, "period": period, "candidates": candidates, "chosen": chosen},
            status=status,
        )


class InitiativeSessionCreateView(LoginRequiredMixin, View):
    """Triệu tập phiên họp Hội đồng sáng kiến: the date and the submitted initiatives on its agenda."""

    def _org(self, request):
        org = _organisation_id(request.user)
        policies.require_run_sessions(request.user, org)
        return org

    def get(self, request):
        org = self._org(request)
        return self._page(request, InitiativeSessionForm(organisation_id=org), org)

    def post(self, request):
        org = self._org(request)
        form = InitiativeSessionForm(request.POST, organisation_id=org)
        if form.is_valid():
            try:
                session = session_svc.session_create(
                    acting_user=request.user,
                    period=form.cleaned_data["period"],
                    title=form.cleaned_data["title"],
                    meeting_date=form.cleaned_data["meeting_date"],
                    place=form.cleaned_data["place"],
                    kind=CouncilSession.Kind.INITIATIVES,
                    initiative_ids=form.cleaned_data["initiatives"],
                )
            except errors.DomainError as exc:
                if _refusal(exc):
                    raise
                show_domain_error(form, exc)
                return self._page(request, form, org, status=exc.status)
            messages.success(request, _("Session %(title)s created.") % {"title": session.title})
            return redirect("council:detail", pk=session.pk)
        return self._page(request, form, org, status=400)

    def _page(self, request, form, org, status=200):
        chosen = {int(v) for v in request.POST.getlist("initiatives") if v.isdigit()}
        candidates = list(selectors.initiative_candidates(request.user, org))
        context = {"form": form, "candidates": candidates, "chosen": chosen}
        return render(request, "council/create_initiatives.html", context, status=status)


def session_page(request, pk, *, status=200, error="", receipt=None, template="council/session.html"):
    """The session page (and the secretariat's forms on it); ``error`` and ``receipt`` are shown once."""
    view = selectors.session_view(request.user, pk)
    ids = [b.dossier_id for b in view.ballots if b.dossier_id]
    docs = pages.current_documents(ids) if ids else {}
    absent = [row for row in view.attendance if not row.present]
    for ballot in view.ballots:
        voted = {p.member_id for p in ballot.voters}
        aside = {member.pk for member, _reason in ballot.recusals}  # a recused member has no written vote either
        ballot.docs = docs.get(ballot.dossier_id, [])
        ballot.pending_absent = [row.member for row in absent if row.member_id not in voted | aside]
        ballot.is_open = ballot.status == Ballot.Status.OPEN
        ballot.is_closed = ballot.status == Ballot.Status.CLOSED
        ballot.voted_by_me = ballot.pk in view.voted
        ballot.recused_me = view.recused.get(ballot.pk)  # why this user does not vote on it, or None
    on_dossiers = [b for b in view.ballots if b.dossier_id]
    if template == "council/session.html" and on_dossiers:  # shown to the council before it votes (issue 9)
        eligibility = dossiers_eligibility([b.dossier for b in on_dossiers])
        for ballot in on_dossiers:
            ballot.eligibility = eligibility[ballot.dossier_id]
    session = view.session
    candidates = []
    if session.for_initiatives and view.can_run and session.status == CouncilSession.Status.PREPARED:
        candidates = list(selectors.initiative_candidates(request.user, session.organisation_id))
    context = {
        "view": view,
        "session": session,
        "S": CouncilSession.Status,
        "open_ballots": [b for b in view.ballots if b.is_open],
        "sheet": [b for b in view.ballots if b.is_open and not b.voted_by_me and not b.recused_me]
        if view.present_self
        else [],
        "error": error,
        "receipt": receipt,
        "minutes": selectors.minutes_of(session) if session.status == CouncilSession.Status.CONCLUDED else None,
        "can_conclude": view.can_conclude,
        "initiative_candidates": candidates,
    }
    return _no_store(render(request, template, context, status=status))


class SessionDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return session_page(request, pk)


class _SessionAction(LoginRequiredMixin, View):
    """A POST form of the session page that calls one service; its outcome is shown on the session page."""

    form_class = None
    template = "council/session.html"
    redirect_to = "council:detail"
    secretariat = True  # the secretariat's action: others are refused before their input is read

    def post(self, request, pk, **kwargs):
        session = selectors.session_get(request.user, pk)  # 404 for a session the user may not see
        if self.secretariat:
            policies.require_run_sessions(request.user, session.organisation_id)
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            return session_page(request, pk, status=400, error=_form_error_text(form), template=self.template)
        try:
            result = self.perform(request, pk, form, **kwargs)
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            text = " ".join([str(exc.message)] + [str(m) for msgs in exc.errors.values() for m in msgs])
            return session_page(request, pk, status=exc.status, error=text, template=self.template)
        return self.done(request, pk, result)

    def done(self, request, pk, result):
        messages.success(request, self.success_message())
        return redirect(self.redirect_to, pk=pk)


class AttendanceView(_SessionAction):
    form_class = AttendanceForm

    def perform(self, request, pk, form):
        session_svc.attendance_record(
            acting_user=request.user, session_id=pk, present_member_ids=form.cleaned_data["present"]
        )

    def success_message(self):
        return _("Attendance recorded.")


class AgendaInitiativesView(_SessionAction):
    form_class = AgendaInitiativesForm

    def perform(self, request, pk, form):
        session_svc.session_add_initiatives(
            acting_user=request.user, session_id=pk, initiative_ids=form.cleaned_data["initiatives"]
        )

    def success_message(self):
        return _("The initiatives are on the agenda.")


class SessionOpenView(_SessionAction):
    def perform(self, request, pk, form):
        session_svc.session_open(acting_user=request.user, session_id=pk)

    def success_message(self):
        return _("The session is open: the members can vote.")


def _ballot_of(session_id, ballot_pk):
    if not Ballot.objects.filter(pk=ballot_pk, session_id=session_id).exists():
        raise errors.NotVisible()
    return ballot_pk


class WrittenVoteView(_SessionAction):
    form_class = WrittenVoteForm

    def perform(self, request, pk, form, ballot_pk):
        return ballot_svc.vote_record_written(
            acting_user=request.user,
            ballot_id=_ballot_of(pk, ballot_pk),
            member_id=form.cleaned_data["member"],
            choice=form.cleaned_data["choice"],
        )

    def done(self, request, pk, receipt):
        if receipt:  # a secret ballot: the code is shown once, on this answer only (never stored, never in a URL)
            return session_page(request, pk, receipt=receipt)
        messages.success(request, _("Written vote recorded."))
        return redirect("council:detail", pk=pk)


class BallotCloseView(_SessionAction):
    def perform(self, request, pk, form, ballot_pk):
        ballot_svc.ballot_close(acting_user=request.user, ballot_id=_ballot_of(pk, ballot_pk))

    def success_message(self):
        return _("The ballot is closed and counted.")


class BallotsCloseView(_SessionAction):
    def perform(self, request, pk, form):
        return ballot_svc.ballots_close(acting_user=request.user, session_id=pk)

    def done(self, request, pk, closed):
        n = len(closed)
        messages.success(
            request,
            ngettext("%(n)s ballot is closed and counted.", "%(n)s ballots are closed and counted.", n) % {"n": n},
        )
        return redirect(self.redirect_to, pk=pk)


class QuotaDecideView(_SessionAction):
    form_class = QuotaForm

    def perform(self, request, pk, form, quota_pk):
        quota_svc.quota_decide(
            acting_user=request.user,
            session_id=pk,
            quota_id=quota_pk,
            kept_ballot_ids=form.cleaned_data["kept"],
            reason=form.cleaned_data["reason"],
        )

    def success_message(self):
        return _("The quota is decided.")


class SessionConcludeView(_SessionAction):
    form_class = ConcludeForm

    def perform(self, request, pk, form):
        council_flow.session_conclude(acting_user=request.user, session_id=pk)
        return selectors.session_get(request.user, pk)

    def done(self, request, pk, session):
        if session.for_initiatives:
            messages.success(
                request, _("The session is concluded: the initiatives are recognised or not, by the vote.")
            )
        else:
            messages.success(request, _("The session is concluded: the selected dossiers are posted for objections."))
        return redirect(self.redirect_to, pk=pk)


class MinutesDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        session = selectors.session_get(request.user, pk)
        document = selectors.minutes_of(session)
        if document is None:
            raise errors.NotVisible()
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename, content_type="application/pdf"
        )


class VotePageView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return session_page(request, pk, template="council/vote.html")


class VoteCastView(_SessionAction):
    form_class = ChoiceForm
    template = "council/vote.html"
    secretariat = False  # the service checks the seat and the attendance

    def perform(self, request, pk, form, ballot_pk):
        return ballot_svc.vote_cast(
            acting_user=request.user, ballot_id=_ballot_of(pk, ballot_pk), choice=form.cleaned_data["choice"]
        )

    def done(self, request, pk, receipt):
        if receipt:  # a secret ballot: a one-off confirmation; the choice is not repeated, the code is not kept
            session = selectors.session_get(request.user, pk)
            return _no_store(render(request, "council/voted.html", {"session": session, "receipt": receipt}))
        messages.success(request, _("Your vote is recorded."))
        return redirect("council:vote", pk=pk)


class VoteSheetView(_SessionAction):
    """Phiếu bầu: the member's choices on several ballots (``ballot-<id>`` = approve or reject), stored all or none."""

    template = "council/vote.html"
    secretariat = False  # the service checks the seat and the attendance

    def perform(self, request, pk, form):
        fields = request.POST.items()  # ballot-<id> = approve or reject; a ballot left blank is not voted on now
        choices = {key.removeprefix("ballot-"): value for key, value in fields if key.startswith("ballot-") and value}
        return ballot_svc.votes_cast(acting_user=request.user, session_id=pk, choices=choices)

    def done(self, request, pk, receipts):
        secret = {ballot_id: code for ballot_id, code in receipts.items() if code}
        if secret:  # one-off confirmation of the secret papers, as for a single vote
            session = selectors.session_get(request.user, pk)
            marked = session.ballots.select_related("dossier", "initiative").filter(pk__in=secret)
            labels = {ballot.pk: ballot.label for ballot in marked}
            rows = [(labels[ballot_id], code) for ballot_id, code in sorted(secret.items())]
            context = {"session": session, "receipts": rows, "open_votes": len(receipts) - len(secret)}
            return _no_store(render(request, "council/voted.html", context))
        n = len(receipts)
        messages.success(
            request,
            ngettext("Your voting sheet is recorded: %(n)s vote.", "Your voting sheet is recorded: %(n)s votes.", n)
            % {"n": n},
        )
        return redirect("council:vote", pk=pk)


class ReceiptCheckView(LoginRequiredMixin, View):
    """A member checks that their secret paper is in the box (and so in the count): inclusion, never the choice."""

    def _require(self, request):
        org = _organisation_id(request.user)
        if org is None or not policies.can_see_sessions(request.user, org):
            raise errors.NotAllowed()

    def get(self, request):
        self._require(request)
        return render(request, "council/receipt.html", {"form": ReceiptForm()})

    def post(self, request):  # POST: the code stays out of URLs and access logs
        self._require(request)
        form = ReceiptForm(request.POST)
        context, status = {"form": form}, 400
        if form.is_valid():
            try:
                ballot, counted = ballot_svc.receipt_check(acting_user=request.user, receipt=form.cleaned_data["code"])
            except errors.DomainError as exc:
                if exc.status == 403:
                    raise
                for msgs in exc.errors.values():
                    for msg in msgs:
                        form.add_error("code", msg)
                if not exc.errors:
                    form.add_error("code", _("No secret ballot has this receipt."))
                status = 400
            else:
                context.update(ballot=ballot, counted=counted, form=ReceiptForm())
                status = 200
        return _no_store(render(request, "council/receipt.html", context, status=status))


def posting_page(request, *, status=200, error="", failed_entry=None, failed_text=""):
    org = _organisation_id(request.user)
    if org is None or not policies.can_see_posting(request.user, org):
        raise errors.NotAllowed()
    entries = list(selectors.postings_for(request.user))
    votes = pages.posting_votes(entries) if entries else {}
    for entry in entries:
        entry.ballot = votes.get((entry.session_id, entry.dossier_id))
    staff = staff_of(request.user)
    context = {
        "entries": entries,
        "can_object": policies.can_file_objection(request.user, org),
        "signer": staff,
        "error": "" if failed_entry else error,
        "failed_entry": failed_entry,
        "failed_text": failed_text,
        "row_error": error if failed_entry else "",  # shown in the row whose form was sent, with what was typed
    }
    return render(request, "council/posting.html", context, status=status)


class PostingListView(LoginRequiredMixin, View):
    def get(self, request):
        return posting_page(request)


class ObjectionFileView(LoginRequiredMixin, View):
    def get(self, request, entry_pk):
        """The form's address opened or reloaded on its own: the posted list, at the row."""
        return redirect(f"{reverse('council:posting')}#entry-{int(entry_pk)}")

    def post(self, request, entry_pk):
        entry = selectors.posting_get(request.user, entry_pk)
        text = request.POST.get("text", "")
        try:  # permission (and the posting's state) before the form is read
            council_flow.require_may_object(acting_user=request.user, dossier_id=entry.dossier_id)
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            return posting_page(
                request, status=exc.status, error=str(exc.message), failed_entry=entry.pk, failed_text=text
            )
        form = ObjectionForm(request.POST)
        if not form.is_valid():
            return posting_page(
                request, status=400, error=_form_error_text(form), failed_entry=entry.pk, failed_text=text
            )
        try:
            council_flow.objection_file(
                acting_user=request.user, dossier_id=entry.dossier_id, text=form.cleaned_data["text"]
            )
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            msg = " ".join([str(exc.message)] + [str(m) for msgs in exc.errors.values() for m in msgs])
            return posting_page(request, status=exc.status, error=msg, failed_entry=entry.pk, failed_text=text)
        messages.success(
            request,
            _("Your objection against %(ref)s is recorded; the secretariat will decide on it.")
            % {"ref": entry.dossier.reference},
        )
        return redirect("council:posting")
