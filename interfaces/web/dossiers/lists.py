"""The dossier list: its filters (django-filter) and its table (django-tables2).

The rows come from ``selectors.dossier_list`` (what the user may see); the choices come from the catalogs (periods,
departments, awards, statuses, steps), never from the dossiers themselves.
"""

import django_filters as filters
import django_tables2 as tables
from django import forms
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from domain.deadlines.selectors import dossiers_at_step, dossiers_late, due_text
from domain.dossiers import selectors
from domain.dossiers.models import DossierStatus
from domain.dossiers.steps import STEPS


def step_choices():
    return [(name, step.title) for name, step in STEPS.items()]


class SearchFilterSet(filters.FilterSet):
    """A text search over the dossier's number and nominee, shared by the lists."""

    dossier_prefix = ""

    q = filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or number (HS-…)"), "type": "search"}),
    )

    def search(self, queryset, name, value):
        return queryset.filter(selectors.search_q(value, self.dossier_prefix))


class DossierFilter(SearchFilterSet):
    period = filters.ChoiceFilter(label=_("Year"), field_name="period__year", empty_label=_("All"))
    department = filters.ChoiceFilter(label=_("Department"), field_name="department_id", empty_label=_("All"))
    award = filters.ChoiceFilter(label=_("Award"), field_name="award__code", empty_label=_("All"))
    status = filters.ChoiceFilter(label=_("Status"), choices=DossierStatus.choices, empty_label=_("All"))
    step = filters.ChoiceFilter(label=_("Step"), method="at_step", empty_label=_("All"))
    late = filters.BooleanFilter(label=_("Late only"), method="only_late", widget=forms.CheckboxInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["period"].extra["choices"] = [(p.year, p.year) for p in selectors.periods_for(user)]
        self.filters["department"].extra["choices"] = [(d.pk, d.name) for d in selectors.departments_for(user)]
        self.filters["award"].extra["choices"] = selectors.award_choices()
        self.filters["step"].extra["choices"] = step_choices()

    def at_step(self, queryset, name, value):
        return dossiers_at_step(queryset, value)

    def only_late(self, queryset, name, value):
        return dossiers_late(queryset) if value else queryset


class DossierTable(tables.Table):
    reference = tables.Column(verbose_name=_("Dossier number"), order_by=("reference",))
    nominee = tables.Column(verbose_name=_("Nominee"), accessor="nominee", order_by=("nominee_name",))
    department = tables.Column(
        verbose_name=_("Department"), accessor="department__name", order_by=("department__name",)
    )
    award = tables.Column(verbose_name=_("Award"), accessor="award__name", order_by=("award__name_vi",))
    period = tables.Column(verbose_name=_("Year"), accessor="period__year")
    status = tables.Column(verbose_name=_("Status"), order_by=("status",))
    step = tables.Column(verbose_name=_("Step"), empty_values=(None, ""), default="")
    due_at = tables.Column(verbose_name=_("Due"), empty_values=(), order_by=("due_at",))
    updated_at = tables.DateTimeColumn(verbose_name=_("Updated"), format="d/m/Y H:i")

    class Meta:
        attrs = {"class": "aw-table", "data-testid": "dossier-list"}
        template_name = "lists/table.html"
        order_by = ("-updated_at",)
        empty_text = _("No dossiers.")
        row_attrs = {"data-dossier": lambda record: record.reference}

    def render_reference(self, record, value):
        return format_html('<a href="{}">{}</a>', reverse("dossiers:detail", args=[record.pk]), value)

    def value_reference(self, value):
        return value

    def render_status(self, record):
        return format_html('<span class="aw-badge aw-badge--{}">{}</span>', record.status, record.get_status_display())

    def value_status(self, record):
        return str(record.get_status_display())

    def render_step(self, value):
        step = STEPS.get(value)
        return step.title if step else ""

    def value_step(self, value):
        step = STEPS.get(value)
        return str(step.title) if step else ""

    def render_due_at(self, record):
        text = due_text(record.due_at)
        risk = (
            format_html(' <span class="aw-badge aw-badge--rejected">{}</span>', _("will miss the province's date"))
            if record.province_risk
            else ""
        )
        if record.due_at and record.due_at < timezone.now():
            return format_html('<span class="aw-overdue">{}</span>{}', text, risk)
        return format_html("{}{}", text, risk)

    def value_due_at(self, record):
        return due_text(record.due_at)

    def value_updated_at(self, value):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""
