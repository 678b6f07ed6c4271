"""The overview (issue 16): figures and charts for the secretariat, the principal and auditors."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from domain.council.services.quotas import SELECTED
from domain.deadlines.models import TaskDeadline
from domain.dossiers.models import Dossier, DossierStatus
from domain.reports.overview import overview, percentile, step_times_python, step_times_sql
from tests.helpers import login

pytestmark = pytest.mark.django_db


def test_percentile_is_percentile_cont():
    assert percentile([], 0.5) is None
    assert percentile([4], 0.9) == 4
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9) == pytest.approx(91)


def test_step_times_sql_and_python_agree(demo):
    rows = list(TaskDeadline.objects.filter(closed_at__isnull=False, step="check_completeness").order_by("pk"))
    assert len(rows) >= 5
    for hours, row in zip([2, 4, 6, 8, 10, 30, 50, 70, 90, 110, 130, 150, 170], rows, strict=False):
        row.closed_at = row.started_at + timedelta(hours=hours)
        row.save(update_fields=["closed_at"])
    dossiers = Dossier.objects.all()
    sql = {t.step: t for t in step_times_sql(dossiers)}
    python = {t.step: t for t in step_times_python(dossiers)}
    assert sql.keys() == python.keys() and "check_completeness" in sql
    for step in sql:
        assert sql[step].count == python[step].count
        assert abs((sql[step].median - python[step].median).total_seconds()) < 1
        assert abs((sql[step].p90 - python[step].p90).total_seconds()) < 1
    spans = sorted(
        r.closed_at - r.started_at
        for r in TaskDeadline.objects.filter(step="check_completeness").exclude(closed_at=None)
    )
    assert python["check_completeness"].median == percentile(spans, 0.5)


def test_overview_page_figures_and_charts(client, demo, django_assert_max_num_queries):
    sec = demo["thuongtruc"]
    login(client, sec)
    with django_assert_max_num_queries(15):
        page = client.get("/reports/overview/", {"year": 2026})
    html = page.content.decode()
    assert page.status_code == 200
    # the figures, as tables (readable in print) ...
    visible = Dossier.objects.exclude(status=DossierStatus.DRAFT).filter(period__year=2026)
    for status, count in visible.values_list("status").annotate(n=Count("pk")).order_by():
        label = str(DossierStatus(status).label)
        assert re.search(rf"{re.escape(label)}</a></td><td>{count}</td>", html), label
    for name in ("llcs", "xdd"):
        assert demo["depts"][name].name in html
    assert 'id="figure-times"' in html and 'id="figure-late"' in html and 'id="figure-quotas"' in html
    # ... and as charts: Chart.js from our static files, the data as JSON, no inline script
    assert 'src="/static/vendor/chartjs/chart.umd.js"' in html and 'src="/static/js/overview.js"' in html
    assert '<script id="overview-data" type="application/json">' in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "cdn" not in html.lower() and "https://" not in "".join(re.findall(r"<script[^>]*>", html))
    assert (settings.BASE_DIR / "static/vendor/chartjs/chart.umd.js").exists()
    assert (settings.BASE_DIR / "static/vendor/chartjs/LICENSE.md").exists()
    assert "Content-Security-Policy" in page.headers and "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_overview_late_tasks_and_quotas(demo):
    from datetime import date

    from domain.council.selectors import quota_use
    from ground.organisation.models import SchoolRegulation

    sec = demo["thuongtruc"]
    org = demo["org"]
    view = overview(sec, org.pk, 2026)
    # the demo's decision waiting for the principal since its posting window closed weeks ago is late already
    late_now = TaskDeadline.objects.filter(closed_at__isnull=True, due_at__lt=timezone.now())
    assert view.late_total == late_now.count() == late_now.filter(step="sign_decision").count()
    TaskDeadline.objects.filter(closed_at__isnull=True).update(due_at="2026-01-05T08:00:00+07:00")
    view = overview(sec, org.pk, 2026)
    open_rows = TaskDeadline.objects.filter(
        closed_at__isnull=True, dossier__status__in=[s for s in DossierStatus.values if s != "draft"]
    )
    assert view.late_total == open_rows.count() > 0
    assert sum(late for _s, _t, _n, late in view.open_steps) == view.late_total
    assert all(row.days_late > 0 for row in view.late)
    assert quota_use(org.pk, 2026) == []  # since 2024 the law sets no ceiling: the school's regulation does
    SchoolRegulation.objects.create(
        organisation=org,
        number="03/QĐ-TCT",
        signed_on=date(2026, 1, 1),
        effective_from=date(2026, 1, 1),
        quotas=[{"award": "CSTDCS", "base": "LDTT", "percent": "50"}],
    )
    quotas = {q.award_code: q for q in quota_use(org.pk, 2026)}
    assert "CSTDCS" in quotas and quotas["CSTDCS"].percent == 50
    selected = Dossier.objects.filter(period__year=2026, status__in=SELECTED)
    cstdcs = quotas["CSTDCS"]
    assert cstdcs.recipients == selected.filter(award__code=cstdcs.base_code).count()
    assert cstdcs.used == selected.filter(award__code="CSTDCS").count()
    assert cstdcs.cap == int(cstdcs.recipients * cstdcs.percent // 100) and cstdcs.recipients > 0
    assert [q.award_code for q in overview(sec, org.pk, 2026).quotas] == ["CSTDCS"]


def test_who_opens_the_overview_and_where_it_is_linked(client, demo):
    for username in ("thuongtruc", "hieutruong", "kiemtra"):
        login(client, demo[username])
        assert client.get("/reports/overview/").status_code == 200, username
        home = client.get("/home/").content.decode()
        assert 'data-testid="home-overview"' in home, username
        assert 'href="/reports/overview/"' in client.get("/reports/lookup/").content.decode(), username  # the menu
    for username in ("truongkhoa.llcs", "canbo"):
        login(client, demo[username])
        assert client.get("/reports/overview/").status_code == 403, username
        assert 'href="/reports/overview/"' not in client.get("/home/").content.decode(), username
