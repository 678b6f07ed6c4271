"""The council's results (kết quả xét chọn) as a list people work with: filters (django-filter), table (django-tables2).

The rows are ``selectors.results_for`` (closed ballots of the user's unit, for whoever sees the sessions); the
choices come from the catalogs and the unit's sessions, never from the dossiers.
"""

import django_filters as filters
import django_tables2 as tables
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from domain.council.selectors import result_q, sessions_for
from domain.dossiers import selectors
from domain.dossiers.models import DossierStatus

RESULTS = [
    ("selected", _("Selected")),
    ("not_passed", _("Below the threshold")),
    ("quota_cut", _("Left out by a quota")),
]


class ResultFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Name or number (HS-…)"), "type": "search"}),
    )
    period = filters.ChoiceFilter(label=_("Year"), field_name="dossier__period__year", empty_label=_("All"))
    session = filters.ChoiceFilter(label=_("Session"), field_name="session_id", empty_label=_("All"))
    department = filters.ChoiceFilter(label=_("Department"), field_name="dossier__department_id", empty_label=_("All"))
    award = filters.ChoiceFilter(label=_("Award"), field_name="dossier__award__code", empty_label=_("All"))
    result = filters.ChoiceFilter(label=_("Result"), choices=RESULTS, method="by_result", empty_label=_("All"))
    status = filters.ChoiceFilter(
        label=_("Status of the dossier"),
        field_name="dossier__status",
        choices=DossierStatus.choices,
        empty_label=_("All"),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        self.filters["period"].extra["choices"] = [(p.year, p.year) for p in selectors.periods_for(user)]
        self.filters["session"].extra["choices"] = [
            (s.pk, f"{s.title} · {s.meeting_date:%d/%m/%Y}") for s in sessions_for(user)
        ]
        self.filters["department"].extra["choices"] = [(d.pk, d.name) for d in selectors.departments_for(user)]
        self.filters["award"].extra["choices"] = selectors.award_choices()

    def search(self, queryset, name, value):
        return queryset.filter(selectors.search_q(value, "dossier__"))

    def by_result(self, queryset, name, value):
        return queryset.filter(result_q(value))


def _result(ballot):
    if ballot.passed and not ballot.quota_cut:
        return _("Selected")
    if ballot.passed:
        return _("Left out by a quota")
    return _("Below the threshold")


class ResultTable(tables.Table):
    session = tables.Column(
        verbose_name=_("Session"), empty_values=(), order_by=("session__meeting_date", "session__number")
    )
    reference = tables.Column(verbose_name=_("Dossier"), accessor="dossier__reference")
    nominee = tables.Column(verbose_name=_("Nominee"), accessor="dossier__nominee", order_by=("nominee_name",))
    department = tables.Column(verbose_name=_("Department"), accessor="dossier__department__name")
    award = tables.Column(
        verbose_name=_("Award"), accessor="dossier__award__name", order_by=("dossier__award__name_vi",)
    )
    approvals = tables.Column(verbose_name=_("Approving votes"))
    rejections = tables.Column(verbose_name=_("Rejecting votes"))
    base_count = tables.Column(verbose_name=_("Votes measured against"))
    percent = tables.Column(verbose_name=_("Approval (%)"), empty_values=(), order_by=("approvals",))
    result = tables.Column(verbose_name=_("Result"), empty_values=(), order_by=("passed", "quota_cut"))

    class Meta:
        attrs = {"class": "aw-table", "data-testid": "council-results"}
        template_name = "lists/table.html"
        empty_text = _("No result yet.")
        row_attrs = {"data-dossier": lambda record: record.dossier.reference}

    def render_session(self, record):
        session = record.session
        url = reverse("council:detail", args=[session.pk])
        return format_html('<a href="{}">{} · {}</a>', url, session.title, f"{session.meeting_date:%d/%m/%Y}")

    def value_session(self, record):
        return f"{record.session.title} · {record.session.meeting_date:%d/%m/%Y}"

    def render_reference(self, record, value):
        return format_html('<a href="{}">{}</a>', reverse("dossiers:detail", args=[record.dossier_id]), value)

    def value_reference(self, value):
        return value

    def render_percent(self, record):
        return "" if record.percent is None else f"{record.percent:g}"

    def render_result(self, record):
        return _result(record)
