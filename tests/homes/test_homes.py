"""Issue 16: every login lands on a page of its own, every menu item it sees opens, refusals show the way home."""

import logging
import re

import pytest
from viewflow.workflow.models import Task

from interfaces.web.workspace import selectors
from process.workflows.flows import DossierFlow
from tests.helpers import login

from .conftest import DEMO_LOGINS

pytestmark = pytest.mark.django_db

MENU_LINK = re.compile(r'<a [^>]*class="[^"]*vf-page__menu-list-item[^"]*"[^>]*href="([^"]+)"')


def menu_pages(client, start):
    """Every page reachable from the site's and the applications' menus, with its status."""
    seen, todo, statuses = set(), [start], {}
    while todo:
        url = todo.pop()
        if url in seen or url.startswith(("/accounts/logout", "http")):
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        statuses[url] = response.status_code
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            todo.extend(MENU_LINK.findall(response.content.decode()))
    return statuses


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, people):
    for url in ("/", "/home/", "/process/inbox/", "/council/", "/dossiers/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith("/accounts/login/?next="), url
        assert response.status_code == 200


def test_each_login_lands_on_its_home_and_every_menu_item_opens(client, demo):
    for username in DEMO_LOGINS:
        client.logout()
        response = client.post("/accounts/login/", {"username": username, "password": "demo"})
        assert response.status_code == 302 and response["Location"] == "/home/", username
        assert client.get("/home/").status_code == 200, username
        statuses = menu_pages(client, "/home/")
        assert len(statuses) >= 2, (username, statuses)
        assert {url: status for url, status in statuses.items() if status != 200} == {}, username


def test_each_role_sees_its_own_sections(client, demo):
    expect = {
        "truongkhoa.xdd": ["home-tasks", "home-department", "Khoa Xây dựng Đảng"],
        "thuongtruc": ["home-tasks", "home-secretariat"],
        "hoidong1": ["home-council", "Chờ tôi biểu quyết:"],
        "hieutruong": ["home-tasks", "home-principal"],
        "kiemtra": ["home-auditor"],
        "canbo": ["home-staff"],
        "tinh": ["home-province", "/api/v1/province/decisions/"],
    }
    for username, needles in expect.items():
        page = login(client, demo[username]).get("/home/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        for needle in needles:
            assert needle in page, (username, needle)


def test_task_rows_show_the_dossier_nominee_department_award_and_deadline(client, demo):
    page = login(client, demo["thuongtruc"]).get("/home/").content.decode()
    rows = selectors.my_tasks(demo["thuongtruc"])
    assert rows
    for task in rows:
        dossier = task.dossier
        for text in (dossier.reference, str(dossier.nominee), dossier.department.name, dossier.award.name):
            assert text in page
        assert task.due is not None and task.due.due_at.strftime("%d/%m/%Y") in page


def test_the_record_province_task_page_and_the_job_before_it_open(client, demo):
    # the demo's submission letter proposed three dossiers: each waits for the province's answer
    tasks = Task.objects.filter(flow_task=DossierFlow.record_province).order_by("pk")
    assert tasks.count() == 3
    task = tasks.first()
    forward = task.previous.get()
    for username in ("thuongtruc", "hieutruong", "kiemtra", "hoidong1", "truongkhoa.xdd"):
        login(client, demo[username])
        assert client.get(f"/process/{task.process_id}/record_province/{task.pk}/detail/").status_code == 200
        assert client.get(f"/process/{task.process_id}/forward/{forward.pk}/detail/").status_code == 200


def test_a_refusal_shows_the_way_home_and_logs_no_traceback(client, people, caplog):
    login(client, people["canbo"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/process/inbox/")
    assert response.status_code == 403
    assert 'href="/home/"' in response.content.decode()
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(r.exc_info is None and r.exc_text is None for r in records)


def test_a_home_costs_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    for username in ("truongkhoa.xdd", "thuongtruc", "hoidong1", "hieutruong", "kiemtra", "canbo", "tinh"):
        user = type(demo[username]).objects.get(pk=demo[username].pk)  # permissions not cached yet
        with django_assert_max_num_queries(15, info=username):
            selectors.home_sections(user)


def test_an_anonymous_visitor_is_sent_to_log_in_and_no_traceback_is_logged(client, people, caplog):
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get("/home/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/home/")
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and all(r.exc_info is None and r.exc_text is None for r in records)
