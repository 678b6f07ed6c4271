"""Filters of the task lists that never enumerate processes or dossiers.

viewflow's own filters render a drop-down of every process behind the list (tens of thousands of options at scale)
and read the steps' choices with a DISTINCT over the list; ours ask for a dossier's reference as text and take the
steps from the flow itself.
"""

from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, DateRangeFilter, FilterSet
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views import filters as vf_filters
from viewflow.workflow.models import Task

from domain.dossiers.steps import STEPS


def step_choices():
    from .flows import DossierFlow

    return [(get_task_ref(getattr(DossierFlow, name)), step.title) for name, step in STEPS.items()]


class TaskListFilter(FilterSet):
    """Inbox and queue: by dossier reference, step and creation date."""

    dossier = CharFilter(
        field_name="process__dossierprocess__dossier__reference", lookup_expr="iexact", label=_("Dossier reference")
    )
    flow_task = ChoiceFilter(label=_("Step"))
    created = DateRangeFilter()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["flow_task"].field.choices = step_choices()

    class Meta:
        model = Task
        fields = ("dossier", "flow_task", "created")


class ArchiveFilter(vf_filters.FlowArchiveListFilter):
    def __init__(self, *args, **kwargs):
        FilterSet.__init__(self, *args, **kwargs)
        self.filters["flow_task"].field.choices = step_choices()


class DashboardTaskFilter(vf_filters.DashboardTaskListViewFilter):
    def __init__(self, *args, **kwargs):
        FilterSet.__init__(self, *args, **kwargs)
        self.filters["flow_task"].field.choices = step_choices()
