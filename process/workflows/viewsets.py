"""viewflow's inbox, queue, archive and process pages, each limited to the dossiers the user may see.

viewflow checks permissions per model only; department isolation is ours, applied here to every
list and, through ``DossierFlow.has_view_permission``, to every detail page.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from viewflow.utils import viewprop
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow import views as vf

from domain.deadlines.selectors import deadline_of, is_overdue
from domain.dossiers.models import Dossier
from domain.dossiers.policies import visibility_q

from . import filters


def _visible(user):
    return Dossier.objects.filter(visibility_q(user)).values("pk")


class _VisibleTasks:
    @viewprop
    def queryset(self):
        return (
            super()
            .queryset.filter(process__dossierprocess__dossier__in=_visible(self.request.user))
            .select_related("deadline")
        )


class _DueColumn:
    """A 'due' column (the deadline, marked when overdue), read through select_related: no query per row."""

    columns = ("task_id", "task_title", "brief", "created", "due")

    def due(self, task):
        deadline = deadline_of(task)
        if deadline is None:
            return ""
        text = formats.date_format(timezone.localtime(deadline.due_at), "SHORT_DATETIME_FORMAT")
        if is_overdue(deadline):
            return format_html(
                '<span class="aw-overdue" style="color:#b71c1c;font-weight:600">{} · {}</span>', text, _("overdue")
            )
        return text

    due.short_description = _("Due")


class InboxView(_DueColumn, _VisibleTasks, vf.FlowInboxListView):
    filterset_class = filters.TaskListFilter


class QueueView(_DueColumn, _VisibleTasks, vf.FlowQueueListView):
    filterset_class = filters.TaskListFilter


class ArchiveView(_VisibleTasks, vf.FlowArchiveListView):
    filterset_class = filters.ArchiveFilter


class TaskListView(_VisibleTasks, vf.DashboardTaskListView):
    filterset_class = filters.DashboardTaskFilter


class ProcessListView(vf.DashboardProcessListView):
    def get_queryset(self):
        return super().get_queryset().filter(dossier__in=_visible(self.request.user)).order_by("-created")


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
