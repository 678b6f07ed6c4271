"""viewflow's inbox, queue, archive and process pages, each limited to the dossiers the user may see.

viewflow checks permissions per model only; department isolation is ours, applied here to every
list and, through ``DossierFlow.has_view_permission``, to every detail page.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from viewflow.utils import viewprop
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow import views as vf
from viewflow.workflow.flow.views.mixins import StoreRequestPathMixin
from viewflow.workflow.status import STATUS

from domain.council.selectors import ballots_waiting_for
from domain.deadlines.selectors import deadline_of, is_overdue
from domain.dossiers.models import Dossier
from domain.dossiers.policies import visibility_q
from domain.dossiers.selectors import nominee_name
from domain.official.selectors import documents_to_sign
from ground.printing.lists import sorted_by, work_list
from ground.printing.pagination import CappedPaginator, capped_count

from . import filters, lists
from .flows import DossierFlow


def _visible(user):
    return Dossier.objects.filter(visibility_q(user)).values("pk")


# A row's joins stay within PostgreSQL's join_collapse_limit (8): past it the planner keeps the written join order
# and read every open task to sort them (0.4 s at 100,000 dossiers). The nominee comes in a query of its own.
_ROW = (
    "deadline",
    "process__dossierprocess__dossier__award",
    "process__dossierprocess__dossier__department",
)
_NOMINEE = (
    "process__dossierprocess__dossier__nominee_person",
    "process__dossierprocess__dossier__nominee_department",
)


class _VisibleTasks:
    paginator_class = CappedPaginator

    @viewprop
    def queryset(self):
        return (
            super()
            .queryset.filter(process__dossierprocess__dossier__in=_visible(self.request.user))
            .select_related(*_ROW)  # each row names its dossier, nominee and award: no query per row
            .prefetch_related(*_NOMINEE)
        )


def _dossier_of(task):
    return task.process.dossierprocess.dossier


class _DueColumn:
    """Each row names its dossier (HS-…), nominee, department, award, the step (translated) and its deadline,
    marked when overdue: all read through select_related, no query per row."""

    columns = ("dossier", "nominee", "department", "award", "step", "due")

    def dossier(self, task):
        url = task.flow_task.reverse("index", args=[task.process_id, task.pk])
        return format_html('<a href="{}">{}</a>', url, _dossier_of(task).reference)

    dossier.short_description = _("Dossier")

    def nominee(self, task):
        return str(_dossier_of(task).nominee)

    nominee.short_description = _("Nominee")

    def department(self, task):
        return _dossier_of(task).department.name

    department.short_description = _("Department")

    def award(self, task):
        return _dossier_of(task).award.name

    award.short_description = _("Award")

    def step(self, task):
        return task.flow_task.task_title

    step.short_description = _("Step")

    def due(self, task):
        deadline = deadline_of(task)
        if deadline is None:
            return ""
        text = formats.date_format(timezone.localtime(deadline.due_at), "SHORT_DATETIME_FORMAT")
        if is_overdue(deadline):
            days = (timezone.now() - deadline.due_at).days
            late = ngettext("late by %(days)s day", "late by %(days)s days", days) % {"days": days}
            return format_html(
                '<span class="aw-overdue">{} · {} ({})</span>',  # styled by the sheet: CSP refuses style=""
                text,
                _("overdue"),
                late,
            )
        return text

    due.short_description = _("Due")


class _PinWhenMoved:
    """viewflow pins the list a task was opened from in the session on every request (a session write each time):
    here only when the list's address changed, and never for an export or a printed list."""

    def dispatch(self, request, *args, **kwargs):
        full_path = request.get_full_path()
        output = request.GET.get("export") or request.GET.get("print")
        if output or request.session.get("vf-pin-location") == full_path:
            return super(StoreRequestPathMixin, self).dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class InboxView(_PinWhenMoved, _DueColumn, _VisibleTasks, vf.FlowInboxListView):
    """Việc của tôi: the tasks assigned to me, the documents waiting for my signature (a step routed to the
    signers is theirs without claiming it; a delegate's while their delegation is in force) and, above the list,
    the batch documents waiting for my signature and the ballots waiting for my vote."""

    filterset_class = filters.TaskListFilter
    template_name = "workflows/inbox.html"

    @viewprop
    def queryset(self):
        user = self.request.user
        mine = Q(owner=user, status=STATUS.ASSIGNED)
        to_sign = Q(
            owner__isnull=True,
            status=STATUS.NEW,
            flow_task__in=[DossierFlow.sign_decision, DossierFlow.sign_submission],
            owner_permission__in=[p for p in user.get_all_permissions() if p == "dossiers.sign"],
        )
        if not user.has_perm("dossiers.sign"):
            # A delegate (KT. / TL. / TUQ.) signs the batch documents of the units whose principal delegated to
            # them, while the delegation is in force: their dossiers' signature steps are the delegate's work too.
            to_sign = Q(
                owner__isnull=True,
                status=STATUS.NEW,
                flow_task__in=[DossierFlow.sign_decision, DossierFlow.sign_submission],
                process__dossierprocess__dossier__in=Dossier.objects.filter(
                    issued_documents__in=self.documents_to_sign.values("pk")
                ).values("pk"),
            )
        tasks = self.model._default_manager.filter(process__flow_class=self.flow_class).filter(mine | to_sign)
        return (
            tasks.filter(process__dossierprocess__dossier__in=_visible(user))
            .select_related(*_ROW)
            .prefetch_related(*_NOMINEE)
            .order_by("-created")
        )

    @viewprop
    def documents_to_sign(self):
        return documents_to_sign(self.request.user)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "waiting_ballots": ballots_waiting_for(self.request.user),
            "documents_to_sign": list(self.documents_to_sign),
        }


class QueueView(_PinWhenMoved, _VisibleTasks, vf.FlowQueueListView):
    """Tasks to take (the secretariat's queue): search, filters, sortable columns, pages, Excel export and a printed
    list (issue 16), over viewflow's queue limited to the dossiers the user may see."""

    filterset_class = lists.QueueFilter

    @viewprop
    def queryset(self):
        # A queued task is open, and so is its deadline (every human task gets one when it is made): read through the
        # open deadlines' index, the first page comes in the default order (due first) without sorting the queue.
        tasks = super().queryset.filter(deadline__isnull=False, deadline__closed_at__isnull=True)
        if sorted_by(self.request, "nominee"):  # the name to sort by: two more joins, only then
            tasks = tasks.annotate(nominee_name=nominee_name(lists.D))
        return tasks

    def get(self, request, *args, **kwargs):
        return work_list(
            request,
            rows=self.queryset,
            filterset_class=lists.QueueFilter,
            table_class=lists.QueueTable,
            template="workflows/queue.html",
            title=_("Tasks to take"),
            filename="hang-doi",
        )


class _BriefColumn:
    """viewflow heads a model property's column with its bare name ("Brief"): a translated header instead."""

    def brief(self, obj):
        return obj.brief

    brief.short_description = _("Brief")


class _OwnerColumn:
    @viewprop
    def queryset(self):
        return super().queryset.select_related("owner")


class ArchiveView(_BriefColumn, _OwnerColumn, _VisibleTasks, vf.FlowArchiveListView):
    filterset_class = filters.ArchiveFilter

    def process_summary(self, task):
        return super().process_summary(task)

    process_summary.short_description = _("Dossier")


class TaskListView(_BriefColumn, _OwnerColumn, _VisibleTasks, vf.DashboardTaskListView):
    filterset_class = filters.DashboardTaskFilter


class ProcessListView(_BriefColumn, vf.DashboardProcessListView):
    paginator_class = CappedPaginator

    # viewflow names these columns after its methods ("Process id", "Active tasks"): named here, translated
    def process_id(self, process):
        return super().process_id(process)

    process_id.short_description = _("#")

    def active_tasks(self, obj):
        return super().active_tasks(obj)

    active_tasks.short_description = _("Active tasks")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(dossier__in=_visible(self.request.user))
            # each row's "brief" names its dossier, nominee and award: read with the row
            .select_related("dossier__award", "dossier__nominee_person", "dossier__nominee_department")
            .order_by("-created")
        )


class DashboardView(vf.DashboardView):
    """The kanban of every dossier: for roles that see all dossiers; others land in their inbox."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("dossiers.view_all_dossiers"):
            return redirect(request.resolver_match.flow_viewset.reverse("inbox"))
        return super().dispatch(request, *args, **kwargs)


class ChartView(vf.FlowChartView):
    def get(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None:
            process = self.flow_class.process_class.objects.filter(pk=process_pk).first()
            if process is None:
                raise Http404
            self.flow_class.instance.has_view_permission(request.user, obj=process)
        return super().get(request, *args, **kwargs)


class DossierFlowViewset(FlowAppViewset):
    title = _("Process")
    icon = "account_tree"
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView
    task_list_view_class = TaskListView
    process_list_view_class = ProcessListView
    dashboard_view_class = DashboardView
    chart_view_class = ChartView
    # Bulk assign/unassign would bypass task_claim (its lock, policy and audit event): claims go one by one.
    tasks_assign_path = None
    tasks_unassign_path = None

    def get_context_data(self, request):
        """The side menu's numbers (inbox, queue): of the tasks the user may see, and "99+" past 99 (viewflow counted
        every task of the flow on every page: 0.2 s at 100,000 dossiers)."""
        visible = _visible(request.user)
        return {
            name: _Badge(tasks.filter(process__dossierprocess__dossier__in=visible))
            for name, tasks in super().get_context_data(request).items()
        }


class _Badge:
    CAP = 99

    def __init__(self, tasks):
        self.tasks = tasks

    @cached_property
    def count(self):
        found = capped_count(self.tasks, self.CAP)
        return f"{self.CAP}+" if found > self.CAP else found
