"""The award-dossier process (quy trình xét khen thưởng), one run per dossier."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from domain.dossiers.models import Dossier
from domain.dossiers.models import DossierStatus as S
from domain.dossiers.policies import can_view_dossier, is_head_of
from ground.organisation.roles import DEPARTMENT_HEAD

from . import tasks
from .models import DossierProcess
from .nodes import CeleryJob, End, Handle, HumanStep, If, StartHandle, Switch


def _dossier(activation):
    """The dossier, once per gateway (a Switch asks up to four conditions, on the gateway's one activation).

    After a human step, the instance that step changed under the process lock (``services.hand_over``); otherwise
    read fresh: a session's conclusion, a posting sweep or a batch changed it through other instances."""
    dossier = getattr(activation, "_dossier", None)
    if dossier is None:
        dossier = activation.process.__dict__.pop("_step_dossier", None)  # one gateway only
        if dossier is None:
            found = Dossier.objects.select_related("award", "period")  # the award for the conditions, both: a deadline
            dossier = found.get(process__pk=activation.process.pk)
        activation._dossier = dossier
        activation.process.dossier = dossier  # the freshest copy, for what the next nodes read (a task's deadline)
    return dossier


def _status_is(status):
    return lambda activation: _dossier(activation).status == status


def _school_decides(activation):
    dossier = _dossier(activation)
    return dossier.status == S.APPROVED and dossier.award.decided_by_unit


class DossierFlow(flow.Flow):
    process_class = DossierProcess
    # select_for_update on the process row (PostgreSQL); SQLite serialises writers by itself.
    lock_impl = lock.select_for_update_lock
    process_title = _("Award dossier")
    process_description = _("From nomination to the award entered in the nominee's history.")

    start = (
        StartHandle(this.start_process).Annotation(title=_("Submitted by the department")).Next(this.check_completeness)
    )

    check_completeness = (
        HumanStep("check_completeness").Permission("dossiers.check_completeness").Next(this.after_check)
    )
    after_check = (
        If(_status_is(S.ACCEPTED))
        .Annotation(title=_("After the completeness check"))
        .Then(this.council_review)
        .Else(this.correct)
    )
    correct = (
        HumanStep("correct").Permission("dossiers.nominate").Assign(this.nominating_head).Next(this.check_completeness)
    )

    # Bình xét: the dossier waits for its council session (``workflows.council.session_conclude`` moves it on).
    council_review = Handle().Annotation(title=_("Council review (session and vote)")).Next(this.after_council)
    after_council = (
        If(_status_is(S.POSTED))
        .Annotation(title=_("After the council's vote"))
        .Then(this.posting)
        .Else(this.not_awarded)
    )

    # Công khai: posted for objections until the window closes (beat) or an objection suspends it.
    posting = Handle().Annotation(title=_("Public posting for objections")).Next(this.after_posting)
    after_posting = (
        Switch()
        .Annotation(title=_("After the public posting"))
        .Case(this.posting, cond=_status_is(S.POSTED))
        .Case(this.resolve_objection, cond=_status_is(S.SUSPENDED))
        .Case(this.sign_decision, cond=_school_decides)
        .Case(this.sign_submission, cond=_status_is(S.APPROVED))
        .Default(this.not_awarded)
    )
    resolve_objection = HumanStep("resolve_objection").Permission("council.run_session").Next(this.after_posting)

    # Ký: the dossier waits for its batch document (one decision / letter for many dossiers, ``workflows.batches``);
    # the batch's signature completes this task of every dossier it covers. The signer may still return one.
    sign_decision = HumanStep("sign_decision").Permission("dossiers.sign").Next(this.after_sign_decision)
    after_sign_decision = (
        If(_status_is(S.AWARDED))
        .Annotation(title=_("After the decision is signed"))
        .Then(this.issue_decision)
        .Else(this.check_completeness)
    )
    # Phát hành: the records clerk numbers and seals the batch document; the process ends awarded.
    issue_decision = Handle().Annotation(title=_("Number and seal (records clerk)")).Next(this.awarded)

    sign_submission = HumanStep("sign_submission").Permission("dossiers.sign").Next(this.after_sign_submission)
    after_sign_submission = (
        If(_status_is(S.PROPOSED))
        .Annotation(title=_("After the submission letter is signed"))
        .Then(this.issue_submission)
        .Else(this.check_completeness)
    )
    issue_submission = Handle().Annotation(title=_("Number and seal (records clerk)")).Next(this.forward)

    forward = (
        CeleryJob(tasks.forward_to_province).Annotation(title=_("Forward to the province")).Next(this.record_province)
    )
    record_province = (
        HumanStep("record_province").Permission("dossiers.record_province_decision").Next(this.after_province)
    )
    after_province = (
        Switch()
        .Annotation(title=_("After the province's answer"))
        .Case(this.awarded, cond=_status_is(S.AWARDED))
        .Case(this.check_completeness, cond=_status_is(S.SUBMITTED))  # returned by the province
        .Default(this.not_awarded)
    )

    awarded = End().Annotation(title=_("Awarded"))
    not_awarded = End().Annotation(title=_("Not awarded"))

    def start_process(self, activation, dossier):
        activation.process.dossier = dossier
        return activation.process

    def nominating_head(self, activation):
        """Corrections go back to the head who nominated, while they still head that department."""

        dossier = _dossier(activation)
        if is_head_of(dossier.created_by, dossier.department_id):
            return dossier.created_by
        head = (
            dossier.department.staff.filter(user__groups__name=DEPARTMENT_HEAD, user__is_active=True)
            .select_related("user")
            .first()
        )
        return head.user if head else dossier.created_by

    def has_view_permission(self, user, obj=None):
        """Flow pages need the role; a process of a dossier the user may not see is a 404."""
        if obj is not None and not can_view_dossier(user, obj.dossier):
            raise Http404
        return user.is_authenticated and user.has_perm("workflows.view_dossierprocess")
