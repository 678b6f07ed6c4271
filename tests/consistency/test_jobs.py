"""Issue 16, long work as background jobs: the row in the database is the work (status, progress, result file,
lease), the message goes on commit, a real Celery worker runs it, the page polls its progress (static script), the
requester is told when it is done; a repeated or stale run changes nothing."""

import io
import re
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone
from pypdf import PdfReader

from ground.jobs import services as jobs
from ground.jobs.models import Job
from ground.jobs.registry import RUNNERS, register
from ground.notifications.models import Notification
from tests.helpers import approved_dossiers, held_elsewhere, login, sign_batch, wait_for

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>")


def _job_of(response):
    assert response.status_code == 302, response.content.decode()[-2000:]
    match = re.fullmatch(r"/jobs/(\d+)/", response["Location"])
    assert match, response["Location"]
    return Job.objects.get(pk=int(match.group(1)))


def _done(job):
    return lambda: Job.objects.get(pk=job.pk).status in (Job.Status.DONE, Job.Status.FAILED)


@pytest.mark.django_db(transaction=True)
@pytest.mark.services
def test_a_report_is_built_by_a_worker_with_its_progress_and_a_notification(client, people, celery_worker_process):
    sec = people["thuongtruc"]
    login(client, sec)
    page = client.get("/reports/", **VI).content.decode()
    assert 'data-testid="prepare-year-end"' in page
    job = _job_of(client.post("/reports/year-end/", {"year": 2026}, **VI))
    assert (job.kind, job.params, job.requested_by_id, job.language) == (
        "report",
        {"name": "year-end", "year": 2026},
        sec.pk,
        "vi",
    )
    page = client.get(f"/jobs/{job.pk}/", **VI)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-job-progress-url="/jobs/{job.pk}/progress/"' in html and "<progress" in html
    assert not INLINE_SCRIPT.search(html) and "/static/js/awards.js" in html
    assert wait_for(_done(job), timeout=90), "the worker did not finish; see var/test-worker-*.log"
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts, job.lease_until) == ("done", 100, 1, None), job.error
    progress = client.get(f"/jobs/{job.pk}/progress/").json()
    assert progress["status"] == "done" and progress["progress"] == 100
    assert progress["download"] == f"/jobs/{job.pk}/download/" and progress["filename"] == "year-end-2026.docx"
    download = client.get(progress["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"  # a .docx
    told = Notification.objects.filter(recipient=sec, kind="job_done")
    assert told.count() == 1 and told.get().link == f"/jobs/{job.pk}/" and "Báo cáo" in told.get().title
    # a message delivered again: the job is finished, nothing runs, nobody is told twice
    assert jobs.job_run(job.pk) is False
    assert Notification.objects.filter(recipient=sec, kind="job_done").count() == 1
    # someone else's job is not found
    login(client, people["kiemtra"])
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/progress/").status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.services
def test_the_certificates_are_printed_by_a_worker(client, people, celery_worker_process):
    dossiers, _session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (decision,) = sign_batch(people, *dossiers)
    login(client, people["vanthu"])
    page = client.get(f"/official/batches/{decision.pk}/", **VI).content.decode()
    assert f'action="/official/batches/{decision.pk}/certificates/"' in page
    job = _job_of(client.post(f"/official/batches/{decision.pk}/certificates/"))
    assert wait_for(_done(job), timeout=90), "the worker did not finish; see var/test-worker-*.log"
    job.refresh_from_db()
    assert job.status == "done", job.error
    content = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)
    assert len(PdfReader(io.BytesIO(content)).pages) == 2  # one certificate per awardee
    assert Notification.objects.filter(recipient=people["vanthu"], kind="job_done").count() == 1


def test_a_job_is_sent_to_a_worker_only_once_its_row_is_committed(client, people, django_capture_on_commit_callbacks):
    login(client, people["thuongtruc"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _job_of(client.post("/reports/year-end/", {"year": 2026}))
    assert job.status == "queued" and len(callbacks) == 1
    # refused at once for someone who may not read reports: no job written
    login(client, people["canbo"])
    assert client.post("/reports/year-end/", {"year": 2026}).status_code == 403
    assert Job.objects.count() == 1


@pytest.fixture
def slow_kind():
    calls = []

    def runner(job, progress):
        calls.append(job.attempts)
        progress(50, "half")
        return "x.txt", b"x", "text/plain"

    register("test-slow", runner)
    yield calls
    RUNNERS.pop("test-slow")


def test_a_job_whose_worker_went_silent_is_taken_again_and_the_stale_worker_fenced(people, slow_kind):
    job = jobs.job_start(user=people["thuongtruc"], kind="test-slow", title="T")
    # a first worker took it (attempt 1) and went silent past its lease
    Job.objects.filter(pk=job.pk).update(status="running", attempts=1, lease_until=timezone.now() - timedelta(1))
    assert jobs.jobs_redispatch() == 1
    assert jobs.job_run(job.pk) is True  # attempt 2 runs it to the end
    job.refresh_from_db()
    assert (job.status, job.attempts, slow_kind) == ("done", 2, [2])
    assert job.result.read() == b"x"
    # the silent worker wakes up: it can neither report progress nor finish
    assert jobs._finish(job.pk, 1, result=("y.txt", b"y", "text/plain")) is False
    assert Job.objects.filter(pk=job.pk, attempts=1).update(progress=1) == 0
    # a running job whose lease still runs is not taken by a second message
    other = jobs.job_start(user=people["thuongtruc"], kind="test-slow", title="U")
    Job.objects.filter(pk=other.pk).update(status="running", attempts=1, lease_until=timezone.now() + timedelta(1))
    assert jobs.job_run(other.pk) is False and jobs.jobs_redispatch() == 0


@pytest.mark.django_db(transaction=True)
def test_a_job_is_taken_while_its_requester_starts_another(people, slow_kind):
    """Starting a job share-locks the requester's row (the foreign key's check, at its commit); a worker taking the
    requester's previous job at that moment takes it (it locks the job's row only) instead of skipping it, which left
    the job waiting for the sweep. Here the check is made at once and its transaction held open."""
    user = people["thuongtruc"]
    # Rows without messages: a worker process of an earlier test may be running, and would take them first.
    first = Job.objects.create(kind="test-slow", title="T", requested_by=user)

    def start_another():
        with connections["default"].cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        Job.objects.create(kind="test-slow", title="U", requested_by=user)  # FOR KEY SHARE on the user

    with held_elsewhere(start_another):
        assert jobs.job_run(first.pk) is True
    assert Job.objects.get(pk=first.pk).status == "done"


def test_a_failed_job_says_why_in_the_requesters_language(client, people):
    def refused(job, progress):
        from ground.base import errors

        raise errors.Conflict("Không in được.")

    register("test-refused", refused)
    try:
        job = jobs.job_start(user=people["thuongtruc"], kind="test-refused", title="T")
        assert jobs.job_run(job.pk) is True
    finally:
        RUNNERS.pop("test-refused")
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Không in được.")
    note = Notification.objects.get(recipient=people["thuongtruc"], kind="job_done")
    assert note.title.startswith("Không thực hiện được") and note.body == "Không in được."
    # the requester's list of their background work, and the administrator's read-only view
    page = login(client, people["thuongtruc"]).get("/jobs/", **VI).content.decode()
    assert f'data-job="{job.pk}"' in page and "Không in được." in page
    assert login(client, people["kiemtra"]).get("/jobs/").content.decode().count("data-job=") == 0
    assert login(client, people["admin"]).get("/admin/jobs/job/").status_code == 200


def test_a_result_file_is_removed_after_its_time_and_its_page_says_so(client, people, settings):
    from django.conf import settings as conf
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from ground.jobs.tasks import remove_old_job_files

    assert conf.CELERY_BEAT_SCHEDULE["jobs-remove-old-files"]["task"] == "ground.jobs.tasks.remove_old_job_files"
    settings.JOB_KEEP_DAYS = 30
    sec, now = people["thuongtruc"], timezone.now()

    def finished(days_ago, status=Job.Status.DONE):
        job = Job.objects.create(kind="report", title="Báo cáo", requested_by=sec, status=status, progress=100)
        job.result.save("bao-cao.docx", ContentFile(b"PK..."), save=False)
        job.result_name, job.finished_at = "bao-cao.docx", now - timedelta(days=days_ago)
        job.save()
        return job

    old, recent, failed = finished(31), finished(29), finished(40, Job.Status.FAILED)
    path = old.result.name
    assert default_storage.exists(path)
    assert remove_old_job_files() == 1  # the beat's task: the one done job past its time
    assert not default_storage.exists(path)
    old.refresh_from_db()
    assert (old.result.name, old.result_name, old.status, old.has_file) == ("", "bao-cao.docx", "done", False)
    assert old.file_removed_at is not None
    assert default_storage.exists(recent.result.name) and default_storage.exists(failed.result.name)
    assert jobs.jobs_remove_old_files() == 0  # again: nothing to do, nothing fails
    # the requester's pages say what happened, in Vietnamese; the download is gone (410), not an error
    login(client, sec)
    page = client.get(f"/jobs/{old.pk}/", **VI).content.decode()
    day = timezone.localtime(old.file_removed_at).strftime("%d/%m/%Y")
    assert f"Tệp bao-cao.docx đã được xóa ngày {day}: kết quả được lưu 30 ngày." in page
    assert "/download/" not in page  # no link to a file that is gone
    assert f"Tệp đã xóa ngày {day}" in client.get("/jobs/", **VI).content.decode()
    assert client.get(f"/jobs/{old.pk}/progress/").json()["download"] is None
    gone = client.get(f"/jobs/{old.pk}/download/", **VI)
    assert gone.status_code == 410 and "Tệp này đã được xóa khi hết thời hạn lưu" in gone.content.decode()
    assert client.get(f"/jobs/{recent.pk}/download/").status_code == 200


def _registrations_xlsx(rows):
    import io as _io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Năm", "Mã khoa", "Khoa", "Họ tên", "Mã"])
    for row in rows:
        book.active.append(row)
    out = _io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("dang-ky.xlsx", out.getvalue())


@pytest.mark.django_db(transaction=True)
@pytest.mark.services
def test_a_large_spreadsheet_is_imported_by_a_worker(client, people, settings, celery_worker_process):
    from django.apps import apps

    from domain.eligibility.rules_data import load_rules
    from domain.emulation.models import Registration
    from tests.helpers import member

    load_rules(apps)
    settings.IMPORT_BACKGROUND_BYTES = 0  # every workbook counts as large here
    person = member(people, "xdd")
    login(client, people["thuongtruc"])
    rows = [[2026, "xdd", "", person.full_name, "LDTT"], [2026, "xdd", "", None, "TTLDXS"]]
    wrong = _registrations_xlsx(rows + [[2026, "nope", "", "", "LDTT"]])
    bad = _job_of(client.post("/registrations/import/", {"file": wrong}, **VI))
    good = _job_of(client.post("/registrations/import/", {"file": _registrations_xlsx(rows)}, **VI))
    assert bad.source.name.endswith(".xlsx") and bad.kind == "import-registrations"
    assert wait_for(_done(bad), timeout=90) and wait_for(_done(good), timeout=90), "see var/test-worker-*.log"
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.status == "failed" and "Dòng 4" in bad.error  # the bad row named; nothing imported by it
    assert (good.status, good.summary, good.result_name) == ("done", "Đã nhập 2 đăng ký.", ""), good.error
    assert set(Registration.objects.values_list("person_id", "award_code")) == {(person.pk, "LDTT"), (None, "TTLDXS")}
    page = client.get(f"/jobs/{good.pk}/", **VI).content.decode()
    assert good.summary in page and "/download/" not in page  # nothing to download
    assert client.get(f"/jobs/{bad.pk}/progress/").json()["error"] == bad.error
    assert Notification.objects.filter(recipient=people["thuongtruc"], kind="job_done").count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.services
def test_a_long_batch_is_signed_by_a_worker_after_the_password_is_checked(
    client, people, settings, celery_worker_process
):
    from domain.dossiers.models import IssuedDocument
    from tests.helpers import batch_documents

    settings.SIGN_BACKGROUND_DOSSIERS = 2  # a "long" list here
    dossiers, _session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (document,) = batch_documents(people, *dossiers)
    login(client, people["hieutruong"])
    wrong = client.post(f"/official/batches/{document.pk}/sign/", {"confirm": "sai"}, **VI)
    assert wrong.status_code in (400, 403) and not Job.objects.exists()  # refused at once, nothing queued
    job = _job_of(client.post(f"/official/batches/{document.pk}/sign/", {"confirm": "demo"}, **VI))
    assert job.kind == "batch-sign" and job.params == {"document": document.pk, "comment": ""}  # no secret kept
    assert wait_for(_done(job), timeout=120), "see var/test-worker-*.log"
    job.refresh_from_db()
    assert job.status == "done", job.error
    document.refresh_from_db()
    assert (document.status, document.signed_by_id) == (IssuedDocument.Status.SIGNED, people["hieutruong"].pk)
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.status == "awarded"
        assert Notification.objects.filter(kind="signed", dossier=dossier).exists()  # the department head told
    assert job.summary == "Đã ký. Văn thư sẽ cấp số và phát hành."
    assert Notification.objects.filter(recipient=people["hieutruong"], kind="job_done").count() == 1
    # the message again: the document is signed, nothing is signed twice
    assert jobs.job_run(job.pk) is False
