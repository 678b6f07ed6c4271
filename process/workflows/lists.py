"""The secretariat's queue as a list people work with (issue 16): filters (django-filter), table (django-tables2).

The rows are the queue viewflow computes (the tasks the user may take), limited to the dossiers the user may see;
the filters' choices come from the catalogs and the flow's steps, never from the processes or the dossiers.
"""

import django_filters as filters
import django_tables2 as tables
from django import forms
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from domain.deadlines.selectors import deadline_of, due_text, tasks_late_q
from domain.dossiers import selectors
from domain.dossiers.models import DossierStatus
from domain.dossiers.steps import STEPS

D = "process__dossierprocess__dossier__"


class QueueFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or number (HS-…)"), "type": "search"}),
    )
    period = filters.ChoiceFilter(label=_("Year"), field_name=f"{D}period__year", empty_label=_("All"))
    department = filters.ChoiceFilter(label=_("Department"), field_name=f"{D}department_id", empty_label=_("All"))
    award = filters.ChoiceFilter(label=_("Award"), field_name=f"{D}award__code", empty_label=_("All"))
    status = filters.ChoiceFilter(
        label=_("Status"), field_name=f"{D}status", choices=DossierStatus.choices, empty_label=_("All")
    )
    step = filters.ChoiceFilter(label=_("Step"), field_name="deadline__step", empty_label=_("All"))
    late = filters.BooleanFilter(label=_("Late only"), method="only_late", widget=forms.CheckboxInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["period"].extra["choices"] = [(p.year, p.year) for p in selectors.periods_for(user)]
        self.filters["department"].extra["choices"] = [(d.pk, d.name) for d in selectors.departments_for(user)]
        self.filters["award"].extra["choices"] = selectors.award_choices()
        self.filters["step"].extra["choices"] = [(name, step.title) for name, step in STEPS.items()]

    def search(self, queryset, name, value):
        return queryset.filter(selectors.search_q(value, D))

    def only_late(self, queryset, name, value):
        return queryset.filter(tasks_late_q()) if value else queryset


def _dossier(task):
    return task.process.dossierprocess.dossier


class QueueTable(tables.Table):
    dossier = tables.Column(verbose_name=_("Dossier"), empty_values=(), order_by=(f"{D}reference",))
    nominee = tables.Column(verbose_name=_("Nominee"), empty_values=(), order_by=("nominee_name",))
    department = tables.Column(verbose_name=_("Department"), empty_values=(), order_by=(f"{D}department__name",))
    award = tables.Column(verbose_name=_("Award"), empty_values=(), order_by=(f"{D}award__name_vi",))
    step = tables.Column(verbose_name=_("Step"), empty_values=(), order_by=("flow_task",))
    created = tables.Column(verbose_name=_("Arrived"))
    due = tables.Column(verbose_name=_("Due"), empty_values=(), order_by=("deadline__due_at",))

    class Meta:
        attrs = {"class": "aw-table", "data-testid": "queue"}
        template_name = "lists/table.html"
        order_by = ("due",)
        empty_text = _("No task waiting.")
        row_attrs = {"data-row-id": lambda record: record.pk}

    def render_dossier(self, record):
        url = record.flow_task.reverse("index", args=[record.process_id, record.pk])
        return format_html('<a href="{}">{}</a>', url, _dossier(record).reference)

    def value_dossier(self, record):
        return _dossier(record).reference

    def render_nominee(self, record):
        return str(_dossier(record).nominee)

    def render_department(self, record):
        return _dossier(record).department.name

    def render_award(self, record):
        return _dossier(record).award.name

    def render_step(self, record):
        step = STEPS.get(record.flow_task.name)
        return str(step.title) if step else str(record.flow_task.task_title)

    def render_created(self, value):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")

    def _due_at(self, record):
        deadline = deadline_of(record)
        return deadline.due_at if deadline is not None and deadline.closed_at is None else None

    def render_due(self, record):
        due_at = self._due_at(record)
        if due_at is not None and due_at < timezone.now():
            return format_html('<span class="aw-overdue">{}</span>', due_text(due_at))
        return due_text(due_at)

    def value_due(self, record):
        return due_text(self._due_at(record))
