"""Issue 16, "what it must show": each demo role in Chromium logs in, lands on its home, opens every menu item,
and does its main job of the day, on the demo data (seeded once for the module).

With UPDATE_GUIDE_SCREENSHOTS=1 the tests also write the user guide's screenshots (docs/huong-dan/img/), so the
guide shows the pages as they are: `UPDATE_GUIDE_SCREENSHOTS=1 pytest -n 0 tests/browser/test_roles.py`.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import override_settings
from django.test.utils import setup_databases, teardown_databases
from django.utils import timezone

from tests.browser.test_ui import browser  # noqa: F401  (the module's Chromium)

pytestmark = [pytest.mark.browser, pytest.mark.services]

ROOT = Path(__file__).resolve().parents[2]
GUIDE_IMAGES = ROOT / "docs" / "huong-dan" / "img"
UPDATE_GUIDE = os.environ.get("UPDATE_GUIDE_SCREENSHOTS") == "1"
MENU_LINKS = "a.vf-page__menu-list-item"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# every demo role once (the council: its chair), with the menu items it sees
ROLES = [
    "truongkhoa.llcs",
    "thuongtruc",
    "hoidong1",
    "hieutruong",
    "phohieutruong",
    "vanthu",
    "kiemtra",
    "canbo",
    "tinh",
    "admin",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, pki, province_stub, media_root):
    """The demo data, committed (the live server's thread reads it), shared by the module's tests; the database is
    emptied at the end, as a transactional test would leave it."""
    from django.apps import apps
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from domain.council.defaults import load_council_rules
    from domain.official.base_salary_data import load_base_salaries
    from domain.official.defaults import load_regime_grounds
    from domain.official.models import OrganisationSeal, SigningCredential
    from ground.organisation.catalog_data import load_catalog
    from interfaces.demo import seed as demo_data
    from process.workflows import services

    overrides = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=str(media_root),
        SIGNING_TRUST_ROOTS=[str(pki["ca"])],
        PROVINCE_ENDPOINT=province_stub.url,
    )
    overrides.enable()
    with django_db_blocker.unblock():
        created = None
        if not connection.settings_dict["NAME"].startswith("test_"):
            # no test of this run asked pytest-django for the database (this module's tests share theirs)
            created = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        for load in (load_catalog, load_council_rules, load_base_salaries, load_regime_grounds):
            load(apps)
        org, depts, users = demo_data.seed_people()
        for username, key in (("hieutruong", "principal"), ("phohieutruong", "vice")):
            path, passphrase = pki[key]
            SigningCredential.objects.update_or_create(
                user=users[username], defaults={"pkcs12_path": str(path), "passphrase": passphrase}
            )
        path, passphrase = pki["seal"]
        OrganisationSeal.objects.update_or_create(
            organisation=org, defaults={"pkcs12_path": str(path), "passphrase": passphrase}
        )
        demo_data.seed_delegation(users)
        demo_data.seed_dossiers(depts, users)
        for job in Task.objects.filter(flow_task_type="JOB", status=STATUS.SCHEDULED):
            services.job_forward_to_province(job.pk, final_attempt=True)
        users["depts"] = depts
        try:
            yield users
        finally:
            call_command("flush", interactive=False, verbosity=0)
            overrides.disable()
            if created is not None:
                with connection.cursor() as cursor:  # the live server's thread may keep its connection open
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                connections.close_all()
                teardown_databases(created, verbosity=0)


@pytest.fixture(scope="module")
def server(demo):
    """The module's own live server: pytest-django's `live_server` makes each test that uses it transactional (the
    database emptied after it), and the module's tests share the demo data."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def orm(django_db_blocker):
    """Database access from a test's body (the module's tests are not wrapped in a transaction)."""
    with django_db_blocker.unblock():
        yield


def shot(page, name):
    """A screenshot for the user guide, written only when UPDATE_GUIDE_SCREENSHOTS=1."""
    if UPDATE_GUIDE:
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        page.evaluate("document.querySelectorAll('.mdc-snackbar, vf-snackbar').forEach(e => e.remove())")
        height = min(page.evaluate("document.documentElement.scrollHeight"), 1400)
        clip = {"x": 0, "y": 0, "width": 1280, "height": height}
        page.screenshot(path=str(GUIDE_IMAGES / f"{name}.png"), full_page=True, clip=clip)


def open_as(browser, server, username):  # noqa: F811
    """A fresh browser context in Vietnamese, signed in as ``username`` on its home page."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # a confirmation before an irreversible action
    page.goto(f"{server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    try:
        page.wait_for_url(f"{server.url}/home/", timeout=15000)
    except Exception:
        page.screenshot(path=f"/tmp/16c/login-{username}.png")
        open(f"/tmp/16c/login-{username}.html", "w").write(page.content())
        raise
    return page


def go(page, url):
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    return response


def fill_date(page, selector, day):
    """A date field: a date picker (ISO value) or a text field (dd/mm/yyyy)."""
    field = page.locator(selector)
    field.fill(day.isoformat() if field.get_attribute("type") == "date" else day.strftime("%d/%m/%Y"))


def press(page, selector):
    """Press an action's button, ticking first the box by which its form asks to confirm an irreversible action."""
    button = page.locator(selector).first
    form = button.locator("xpath=ancestor::form[1]")
    if form.count():
        for box in form.locator("input[type=checkbox][name=confirm]").all():
            box.check()
    button.click()


def test_each_role_lands_on_its_home_and_opens_every_menu_item(demo, browser, server):  # noqa: F811
    for username in ROLES:
        page = open_as(browser, server, username)
        assert page.locator("html[lang=vi]").count() == 1
        shot(page, f"home-{username.replace('.', '-')}")
        # the site's menu, and each application's own menu once inside it
        seen, todo = {"/home/"}, [page.url]
        while todo:
            if todo[0] != page.url:
                response = page.goto(todo[0])
                assert response.status == 200, (username, todo[0], response.status)
                assert page.locator("text=Traceback").count() == 0
            todo.pop(0)
            for link in page.eval_on_selector_all(MENU_LINKS, "links => links.map(a => a.getAttribute('href'))"):
                if link.startswith("/") and not link.startswith("/accounts/logout") and link not in seen:
                    seen.add(link)
                    todo.append(f"{server.url}{link}")
        assert len(seen) > 1, username
        page.context.close()


def test_department_head_nominates_with_an_upload(demo, browser, server, orm, tmp_path):  # noqa: F811
    from domain.dossiers.models import Dossier, DossierStatus
    from interfaces.demo.seed import _fresh

    person = _fresh(demo["depts"]["llcs"], "CSTDCS")
    page = open_as(browser, server, "truongkhoa.llcs")
    page.click("a[href='/dossiers/new/']")
    page.wait_for_url("**/dossiers/new/")
    page.select_option("select[name=award]", "CSTDCS")
    page.check("input[name=nominee_kind][value=person]")
    page.select_option("select[name=person]", str(person.pk))
    page.fill("textarea[name=achievements]", "Hoàn thành xuất sắc nhiệm vụ; sáng kiến cấp trường năm 2026.")
    shot(page, "truongkhoa-de-nghi")
    page.locator("form.aw-form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/dossiers/\d+/$"))
    dossier = Dossier.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    page.click(f"a[href='/dossiers/{dossier.pk}/documents/']")
    page.select_option("select[name=kind]", "achievement_report")
    report = tmp_path / "bao-cao-thanh-tich.pdf"
    report.write_bytes(PDF)
    page.set_input_files("input[name=file]", str(report))
    shot(page, "truongkhoa-tai-len")
    page.locator("form.aw-form button[type=submit]").first.click()
    page.wait_for_url(f"**/dossiers/{dossier.pk}/")
    assert "bao-cao-thanh-tich.pdf" in page.content()
    # the eligibility panel comes into the page as a Turbo frame once it is shown (issue 18)
    page.wait_for_selector("turbo-frame#eligibility-frame #eligibility[data-eligible]")
    press(page, "text=Gửi Thường trực Hội đồng")
    page.wait_for_load_state()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    shot(page, "truongkhoa-da-gui")
    page.context.close()


def test_secretariat_checks_and_accepts(demo, browser, server, orm):  # noqa: F811
    from domain.dossiers.models import Dossier, DossierStatus

    dossier = Dossier.objects.filter(status=DossierStatus.SUBMITTED).order_by("pk").first()
    page = open_as(browser, server, "thuongtruc")
    shot(page, "thuongtruc-trang-chu")
    go(page, f"{server.url}/process/queue/")
    shot(page, "thuongtruc-viec-cho-nhan")
    go(page, f"{server.url}/dossiers/{dossier.pk}/")
    page.click("text=Mở công việc")
    page.fill("textarea[name=comment]", "Hồ sơ đầy đủ, đúng mẫu.")
    shot(page, "thuongtruc-kiem-tra")
    press(page, "button[value=accept]")
    page.wait_for_url(f"**/dossiers/{dossier.pk}/")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    page.context.close()


def test_council_convenes_votes_and_concludes(demo, browser, server, orm):  # noqa: F811
    from domain.council import policies as council_policies
    from domain.council.models import Ballot, CouncilSession, Participation
    from domain.council.services import ballots as council_ballots
    from domain.dossiers.models import Dossier, DossierStatus

    waiting = list(Dossier.objects.filter(status=DossierStatus.ACCEPTED, ballots__isnull=True).order_by("pk"))
    assert waiting
    sec = open_as(browser, server, "thuongtruc")
    go(sec, f"{server.url}/council/new/")
    for dossier in waiting:
        sec.check(f"#dossier-{dossier.pk}")
    fill_date(sec, "input[name=meeting_date]", timezone.localdate())
    shot(sec, "thuongtruc-trieu-tap")
    sec.click("form[action='/council/new/'] button[type=submit]")
    sec.wait_for_url(re.compile(r".*/council/\d+/$"))
    session = CouncilSession.objects.get(pk=int(sec.url.rstrip("/").rsplit("/", 1)[1]))
    for box in sec.locator("input[name=present]").all():
        box.check()
    sec.click("[data-testid=record-attendance]")
    sec.wait_for_url(f"**/council/{session.pk}/")
    press(sec, "[data-testid=open]")
    sec.wait_for_selector("[data-testid=close]")
    shot(sec, "thuongtruc-phien-hop")

    member = open_as(browser, server, "hoidong1")
    shot(member, "hoidong-trang-chu")
    go(member, f"{server.url}/council/{session.pk}/vote/")
    shot(member, "hoidong-bieu-quyet")
    for ballot in Ballot.objects.filter(session=session):
        member.locator(f"tr[data-ballot='{ballot.pk}'] button[value=approve]").click()
        member.wait_for_load_state()
        go(member, f"{server.url}/council/{session.pk}/vote/")
    member.context.close()
    # the other present members vote through the same service the vote page calls
    for ballot in Ballot.objects.filter(session=session):
        for seat in session.council.members.select_related("user").exclude(user__username="hoidong1"):
            voted = Participation.objects.filter(ballot=ballot, member=seat).exists()
            if not voted and not council_policies.recusal_reason(seat, ballot.dossier, session.council):
                council_ballots.vote_cast(acting_user=seat.user, ballot_id=ballot.pk, choice="approve")

    go(sec, f"{server.url}/council/{session.pk}/")
    while sec.locator("[data-testid=close]").count():
        press(sec, "[data-testid=close]")
        sec.wait_for_load_state()
    press(sec, "[data-testid=conclude]")
    sec.wait_for_load_state()
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.CONCLUDED
    shot(sec, "thuongtruc-ket-thuc-phien")
    sec.context.close()


def test_principal_signs_a_batch_and_the_records_clerk_issues_it(demo, browser, server, orm):  # noqa: F811
    from domain.dossiers.models import IssuedDocument

    document = IssuedDocument.objects.filter(status="pending").order_by("pk").first()
    assert document is not None
    page = open_as(browser, server, "hieutruong")
    shot(page, "hieutruong-trang-chu")
    go(page, f"{server.url}/official/batches/{document.pk}/")
    page.fill("[data-testid=confirm]", "demo")
    page.fill("input[name=comment]", "Đồng ý.")
    shot(page, "hieutruong-ky")
    press(page, "[data-testid=sign]")
    page.wait_for_function("!document.querySelector('[data-testid=sign]')", timeout=60000)
    document.refresh_from_db()
    assert document.status in ("signed", "issued"), document.status
    shot(page, "hieutruong-da-ky")
    page.context.close()

    clerk = open_as(browser, server, "vanthu")
    shot(clerk, "vanthu-trang-chu")
    go(clerk, f"{server.url}/official/batches/{document.pk}/")
    shot(clerk, "vanthu-cap-so")
    press(clerk, "[data-testid=issue]")
    clerk.wait_for_function("!document.querySelector('[data-testid=issue]')", timeout=60000)
    document.refresh_from_db()
    assert document.status == "issued" and document.symbol, document.status
    go(clerk, f"{server.url}/official/register/")
    shot(clerk, "vanthu-so-van-ban-di")
    clerk.context.close()


def test_secretariat_records_the_province_decision(demo, browser, server, orm, tmp_path):  # noqa: F811
    from viewflow.workflow.models import Task

    from domain.dossiers.models import Document, DossierStatus
    from process.workflows.flows import DossierFlow

    task = Task.objects.filter(flow_task=DossierFlow.record_province, status__in=["NEW", "ASSIGNED"]).first()
    dossier = task.process.dossierprocess.dossier
    page = open_as(browser, server, "thuongtruc")
    go(page, f"{server.url}/dossiers/{dossier.pk}/")
    page.click("text=Mở công việc")
    page.check("input[name=result][value=approved]")
    page.fill("input[name=decision_number]", "125/QĐ-UBND")
    fill_date(page, "input[name=decision_date]", datetime.date(2026, 11, 28))
    page.fill("textarea[name=comment]", "Quyết định của Chủ tịch UBND tỉnh.")
    decision = tmp_path / "125-QD-UBND.pdf"
    decision.write_bytes(PDF)
    page.set_input_files("input[name=decision_file]", str(decision))
    shot(page, "thuongtruc-ghi-quyet-dinh-tinh")
    press(page, "button[name=action]")
    page.wait_for_url(f"**/dossiers/{dossier.pk}/")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWARDED
    assert "125/QĐ-UBND" in page.content()
    assert dossier.documents.filter(kind=Document.Kind.PROVINCE_DECISION).exists()
    page.context.close()


def test_staff_member_objects_to_a_posted_nomination(demo, browser, server, orm):  # noqa: F811
    from domain.council.models import Objection

    before = Objection.objects.count()
    page = open_as(browser, server, "canbo")
    shot(page, "canbo-trang-chu")
    go(page, f"{server.url}/council/posting/")
    form = page.locator("[data-testid=objection-form]").first
    form.locator("textarea[name=text]").fill("Đề nghị Hội đồng xem xét lại thành tích nghiên cứu khoa học năm 2026.")
    shot(page, "canbo-phan-anh")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert Objection.objects.count() == before + 1
    page.context.close()


def test_auditor_searches_and_exports(demo, browser, server, orm):  # noqa: F811
    from domain.dossiers.models import Dossier

    dossier = Dossier.objects.exclude(status="draft").order_by("pk").first()
    page = open_as(browser, server, "kiemtra")
    shot(page, "kiemtra-trang-chu")
    go(page, f"{server.url}/audit/")
    page.fill("input[name=dossier]", dossier.reference)
    page.click("form.aw-filters button[type=submit]")
    page.wait_for_url(f"{server.url}/audit/?**")
    assert page.locator("[data-testid=events] tbody tr").count() >= 3
    shot(page, "kiemtra-tra-cuu")
    with page.expect_download() as download:
        page.click("text=Xuất Excel")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.locator(f"[data-testid=events] a[href='/audit/dossiers/{dossier.pk}/']").first.click()
    page.wait_for_url(f"{server.url}/audit/dossiers/{dossier.pk}/")
    shot(page, "kiemtra-truy-vet")
    page.context.close()
