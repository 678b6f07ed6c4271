"""Batch decisions and letters through the real pages: drafted per session, signed once by the principal (or a
vice-principal with a delegation), numbered and sealed by the records clerk from the outgoing register."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from domain.dossiers.models import AwardRecord, DossierStatus, IssuedDocument
from domain.official.models import Delegation, RegisterEntry
from domain.official.render import vn_date
from domain.official.services import verify_bytes
from ground.base.money import vnd
from tests.helpers import approved_dossiers, login, open_task

pytestmark = pytest.mark.django_db

D = IssuedDocument


def _text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _fields(data):
    return {k: v for k, v in (PdfReader(io.BytesIO(data)).get_form_text_fields() or {}).items()}


def _draft(client, people, sessions=()):
    login(client, people["thuongtruc"])
    response = client.post("/official/batches/", {"session": [s.pk for s in sessions]})
    assert response.status_code == 302
    return list(D.objects.filter(status=D.Status.DRAFT).order_by("doc_type", "award_code", "id"))


def _send(client, people, document):
    login(client, people["thuongtruc"])
    assert client.post(f"/official/batches/{document.pk}/send/").status_code == 302


def _sign(client, user, document, confirm="demo"):
    login(client, user)
    return client.post(f"/official/batches/{document.pk}/sign/", {"confirm": confirm, "comment": ""})


def _issue(client, people, document):
    login(client, people["vanthu"])
    return client.post(f"/official/batches/{document.pk}/issue/")


SESSION = [("LDTT", "llcs")] * 3 + [("LDTT", "xdd")] * 3 + [("CSTDCS", "llcs"), ("CSTDCS", "xdd")]
SESSION += [("BANGKHEN_TINH", "llcs"), ("BANGKHEN_TINH", "xdd")]


def test_a_session_gives_two_decisions_and_one_letter_signed_once(client, people):
    dossiers, session = approved_dossiers(people, SESSION)
    assert all(d.status == DossierStatus.APPROVED for d in dossiers)
    documents = _draft(client, people, [session])
    assert [(d.doc_type, d.award_code, d.authority, d.dossiers.count()) for d in documents] == [
        ("QĐ", "CSTDCS", "", 2),
        ("QĐ", "LDTT", "", 6),
        ("TTr", "", "province", 2),
    ]
    ldtt = documents[1]
    preview = login(client, people["hieutruong"]).get(f"/official/batches/{ldtt.pk}/preview/")
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    text = _text(preview.content)
    for dossier in dossiers[:6]:
        assert str(dossier.nominee) in text
    assert "540.000" in text or "710.000" in text  # 0.3 x the base salary, per awardee
    assert "Số:" in text and "……/QĐ-TCT" in text  # the number is taken when the records clerk issues it

    for document in documents:
        _send(client, people, document)
        page = login(client, people["hieutruong"]).get(f"/official/batches/{document.pk}/")
        assert 'data-testid="sign"' in page.content.decode()
        assert _sign(client, people["hieutruong"], document).status_code == 302
        document.refresh_from_db()
        assert document.status == D.Status.SIGNED and document.number is None  # no number before the clerk
    for dossier in dossiers:
        dossier.refresh_from_db()
    assert {d.status for d in dossiers[:8]} == {DossierStatus.AWARDED}
    assert {d.status for d in dossiers[8:]} == {DossierStatus.PROPOSED}
    for dossier in dossiers:  # each its own history line and audit event, the same document
        event = dossier.events.get(step="sign")
        assert event.actor == people["hieutruong"] and event.action in ("decision_signed", "submission_signed")

    for document in documents:
        assert _issue(client, people, document).status_code == 302
        document.refresh_from_db()
    assert [d.symbol for d in documents] == ["01/QĐ-TCT", "02/QĐ-TCT", "03/TTr-TCT"]  # one register, all types
    # every issued document's annex lists each of its awardees by name, each decision their amounts
    for document in documents:
        covered = list(document.dossiers.all())
        text = _text(D.objects.get(pk=document.pk).file.read())
        assert {str(d.nominee) for d in covered} == {str(d.nominee) for d in covered if str(d.nominee) in text}
        if document.doc_type == D.Type.DECISION:
            for record in AwardRecord.objects.filter(dossier__in=covered):
                assert vnd(record.amount) in text, (document.symbol, record.amount)
    assert sum(d.dossiers.count() for d in documents) == len(dossiers)
    data = ldtt.__class__.objects.get(pk=ldtt.pk).file.read()
    text = _text(data)
    for dossier in dossiers[:6]:
        assert str(dossier.nominee) in text
    assert _fields(data)["SoVanBan"] == "02/QĐ-TCT"
    assert _fields(data)["NgayVanBan"] == vn_date("Lai Châu", dt.date.today())
    result = verify_bytes(data, expected_sha256=documents[1].sha256)
    assert result["ok"], result
    checks = result["signature"].signatures
    assert len(checks) == 2 and all(c.ok for c in checks)  # the signer's still valid after number and seal
    assert "Hiệu trưởng" in checks[0].signer and "Trường Chính trị" in checks[1].signer
    for dossier in dossiers[:8]:
        dossier.refresh_from_db()
        assert dossier.decision_number in ("01/QĐ-TCT", "02/QĐ-TCT")
        assert AwardRecord.objects.get(dossier=dossier).amount > 0
    # the same document (id and symbol) for every dossier of the batch, in the API
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people["kiemtra"])
    listed = {
        tuple((x["id"], x["symbol"]) for x in api.get(f"/api/v1/dossiers/{d.pk}/").json()["issued_documents"])
        for d in dossiers[:6]
    }
    assert listed == {((ldtt.pk, "02/QĐ-TCT"),)}


def test_articles_per_award_give_one_decision(client, people):
    from domain.official.render import template_for

    template = template_for(people["org"], "QĐ")
    template.articles = True
    template.save()
    dossiers, session = approved_dossiers(people, SESSION)
    documents = _draft(client, people, [session])
    assert [(d.doc_type, d.dossiers.count()) for d in documents] == [("QĐ", 8), ("TTr", 2)]
    text = _text(login(client, people["hieutruong"]).get(f"/official/batches/{documents[0].pk}/preview/").content)
    assert "Điều 1." in text and "Điều 2." in text
    assert "Lao động tiên tiến" in text and "Chiến sĩ thi đua cơ sở" in text


def test_a_giay_khen_is_no_title_and_its_collectives_have_their_own_article(client, people):
    """ "Tặng danh hiệu" for titles only (a Giấy khen is a form of commendation); a Giấy khen for people and for
    departments in one decision: two articles, each with its own coefficient (0,3 and twice that)."""
    from domain.official.render import template_for

    template = template_for(people["org"], "QĐ")
    template.articles = True
    template.save()
    specs = [("LDTT", "llcs"), ("GIAYKHEN", "llcs"), ("GIAYKHEN", "xdd", "department")]
    _dossiers, session = approved_dossiers(people, specs)
    (decision,) = _draft(client, people, [session])
    text = " ".join(
        _text(login(client, people["hieutruong"]).get(f"/official/batches/{decision.pk}/preview/").content).split()
    )
    assert "Về việc tặng danh hiệu “Lao động tiên tiến” và “Giấy khen của Hiệu trưởng” năm 2026" in text
    assert "Tặng danh hiệu “Lao động tiên tiến” năm 2026 cho 1 cá nhân" in text
    assert "Tặng “Giấy khen của Hiệu trưởng” năm 2026 cho 1 cá nhân" in text
    assert "Tặng “Giấy khen của Hiệu trưởng” năm 2026 cho 1 tập thể" in text
    assert "danh hiệu “Giấy khen" not in text


def test_an_objection_leaves_one_dossier_out(client, people):
    from interfaces.demo import seed as demo
    from process.workflows import council as council_flow
    from process.workflows import services as process

    sec = people["thuongtruc"]
    made = []
    for i in range(3):
        person = list(people["depts"]["llcs"].staff.filter(user__isnull=True).order_by("pk"))[i]
        dossier = demo._nominate(people["truongkhoa.llcs"], "LDTT", person=person, achievements="x")
        process.dossier_submit(acting_user=people["truongkhoa.llcs"], dossier_id=dossier.pk)
        demo._do(sec, dossier, "accept")
        made.append(dossier)
    session = demo.run_session(sec, made)
    council_flow.objection_file(acting_user=people["canbo"], dossier_id=made[0].pk, text="Chưa đủ tiêu chuẩn.")
    demo.close_posting(session)
    documents = _draft(client, people, [session])
    assert len(documents) == 1
    assert sorted(documents[0].dossiers.values_list("pk", flat=True)) == sorted(d.pk for d in made[1:])
    _send(client, people, documents[0])
    assert _sign(client, people["hieutruong"], documents[0]).status_code == 302
    made[0].refresh_from_db()
    assert made[0].status == DossierStatus.SUSPENDED
    assert open_task(made[0]).flow_task.name == "resolve_objection"


def test_a_wrong_pin_signs_nothing_and_takes_no_number(client, people):
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (document,) = _draft(client, people, [session])
    _send(client, people, document)
    before = [(d.status, d.version, d.events.count()) for d in dossiers]
    response = _sign(client, people["hieutruong"], document, confirm="sai-mat-khau")
    assert response.status_code == 400
    assert "không đúng" in response.content.decode()  # the translated refusal
    document.refresh_from_db()
    assert document.status == D.Status.PENDING and not document.signed_file
    for dossier in dossiers:
        dossier.refresh_from_db()
    assert [(d.status, d.version, d.events.count()) for d in dossiers] == before
    assert not RegisterEntry.objects.exists()
    assert {open_task(d).flow_task.name for d in dossiers} == {"sign_decision"}


def test_the_keys_own_passphrase_confirms_a_signature_as_the_password_does(client, people):
    """Either confirms a key kept on the server; the passphrase is compared before the password's slow hash."""
    from domain.official.models import SigningCredential

    dossiers, session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (document,) = _draft(client, people, [session])
    _send(client, people, document)
    passphrase = SigningCredential.objects.get(user=people["hieutruong"]).passphrase
    assert passphrase and passphrase != "demo"
    assert _sign(client, people["hieutruong"], document, confirm=passphrase[:-1]).status_code == 400
    assert _sign(client, people["hieutruong"], document, confirm=passphrase).status_code == 302
    document.refresh_from_db()
    assert document.status == D.Status.SIGNED


def test_the_password_checked_while_the_pdf_renders_is_rehashed_as_a_login_would(client, people, settings):
    """The signature's password check runs beside the rendering; a hash made with an older hasher is still accepted
    and rewritten with the preferred one, as check_password() does at a login. A wrong or empty one signs nothing."""
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
    ]
    principal = people["hieutruong"]
    principal.password = make_password("demo", hasher="scrypt")
    principal.save(update_fields=["password"])
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (document,) = _draft(client, people, [session])
    _send(client, people, document)
    assert _sign(client, principal, document, confirm="").status_code == 400
    assert _sign(client, principal, document, confirm="sai").status_code == 400
    principal.refresh_from_db()
    assert principal.password.startswith("scrypt$")  # a refused confirmation rewrites nothing
    assert _sign(client, principal, document, confirm="demo").status_code == 302
    document.refresh_from_db()
    principal.refresh_from_db()
    assert document.status == D.Status.SIGNED
    assert principal.password.startswith("md5$") and principal.check_password("demo")


def test_vice_principal_signs_kt_only_with_a_delegation(client, people):
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (document,) = _draft(client, people, [session])
    _send(client, people, document)
    vice = people["phohieutruong"]
    response = _sign(client, vice, document)
    assert response.status_code == 403  # no delegation: refused, nothing changed
    document.refresh_from_db()
    assert document.status == D.Status.PENDING

    from domain.official.delegations import delegation_create

    today = dt.date.today()
    delegation = delegation_create(
        actor=people["hieutruong"],
        delegate_id=vice.pk,
        capacity="KT",
        valid_from=today - dt.timedelta(days=1),
        valid_to=today + dt.timedelta(days=7),
        reason="Hiệu trưởng đi công tác",
    )
    from ground.audit.models import AuditEvent

    granted = AuditEvent.objects.filter(action="delegation_granted").values_list("actor_id", flat=True)
    assert delegation.pk and list(granted) == [people["hieutruong"].pk]  # recorded and audited
    assert _sign(client, vice, document).status_code == 302
    document.refresh_from_db()
    assert document.status == D.Status.SIGNED and document.delegation == delegation
    text = _text(document.signed_file.read())
    assert "KT. HIỆU TRƯỞNG" in text and "PHÓ HIỆU TRƯỞNG" in text and vice.get_full_name() in text
    assert _issue(client, people, document).status_code == 302
    document.refresh_from_db()
    assert verify_bytes(document.file.read(), expected_sha256=document.sha256)["ok"]

    # expired or revoked: refused again
    Delegation.objects.filter(pk=delegation.pk).update(valid_to=today - dt.timedelta(days=1))
    more, session2 = approved_dossiers(people, [("CSTDCS", "llcs")])
    (second,) = _draft(client, people, [session2])
    _send(client, people, second)
    assert _sign(client, vice, second).status_code == 403


def test_manual_registration_cancel_and_the_register_page(client, people):
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs")])
    (document,) = _draft(client, people, [session])
    _send(client, people, document)
    _sign(client, people["hieutruong"], document)
    login(client, people["vanthu"])
    response = client.post(
        "/official/register/",
        {"doc_type": "KH", "subject": "Kế hoạch tổ chức phong trào thi đua năm 2026", "issued_on": "", "signer": ""},
    )
    assert response.status_code == 302
    assert _issue(client, people, document).status_code == 302
    document.refresh_from_db()
    assert document.symbol == "02/QĐ-TCT"
    assert RegisterEntry.objects.get(manual=True).symbol == "01/KH-TCT"
    # cancelled: the number stays taken, never reused
    login(client, people["hieutruong"])
    assert client.post(f"/official/batches/{document.pk}/cancel/", {"reason": "Sai tên đơn vị"}).status_code == 302
    document.refresh_from_db()
    assert document.status == D.Status.CANCELLED
    entry = RegisterEntry.objects.get(document=document)
    assert (entry.number, entry.status) == (2, RegisterEntry.Status.CANCELLED)
    login(client, people["vanthu"])
    client.post("/official/register/", {"doc_type": "BC", "subject": "Báo cáo tổng kết", "issued_on": ""})
    assert RegisterEntry.objects.order_by("-id").first().symbol == "03/BC-TCT"
    client.get("/official/register/")  # the message of the last registration is shown once
    page = client.get("/official/register/?q=Kế hoạch")
    assert [e.symbol for e in page.context["entries"]] == ["01/KH-TCT"]
    assert "01/KH-TCT" in page.content.decode() and "03/BC-TCT" not in page.content.decode()
    export = client.get("/official/register/?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    # the department head and the staff may not register or issue
    for username in ("truongkhoa.llcs", "canbo"):
        login(client, people[username])
        assert client.post("/official/register/", {"doc_type": "BC", "subject": "x"}).status_code == 403


def test_party_style_and_register_groups(people):
    from domain.official.register import format_symbol, register_settings

    config = register_settings(people["org"])
    assert format_symbol(people["org"], 1, "QĐ") == "01/QĐ-TCT"
    config.style = config.Style.PARTY
    config.save()
    assert format_symbol(people["org"], 21, "QĐ") == "21-QĐ/TCT"


def test_a_2021_period_cites_decree_91(people):
    from domain.dossiers.models import Dossier
    from domain.official.render import render_pdf
    from ground.organisation.models import AwardType, Period

    period = Period.objects.create(organisation=people["org"], year=2021, is_open=False)
    award = AwardType.objects.get(code="LDTT", regime__code="law-2013-decree-91")
    person = people["depts"]["llcs"].staff.filter(user__isnull=True).first()
    dossier = Dossier.objects.create(
        organisation=people["org"],
        reference="HS-2021-00001",
        period=period,
        award=award,
        department=person.department,
        nominee_person=person,
        created_by=people["truongkhoa.llcs"],
        status=DossierStatus.APPROVED,
    )
    text = _text(render_pdf("QĐ", [dossier], day=dt.date(2022, 1, 10), signer_name="X"))
    assert "91/2017/NĐ-CP" in text and "152/2025" not in text
    text = _text(
        render_pdf("QĐ", [dossier.__class__.objects.get(pk=dossier.pk)], day=dt.date(2022, 1, 10), signer_name="X")
    )
    assert re.search(r"Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003", text)


def test_one_package_per_letter_and_the_province_answers_the_whole_letter(people, province_stub, settings):
    from rest_framework.test import APIClient

    from domain.province.models import Delivery
    from process.workflows.services import job_forward_to_province
    from tests.api.conftest import province_post
    from tests.helpers import sign_batch

    settings.PROVINCE_ENDPOINT = province_stub.url
    dossiers, _session = approved_dossiers(people, [("BANGKHEN_TINH", "llcs"), ("BANGKHEN_TINH", "xdd")])
    (letter,) = sign_batch(people, *dossiers)
    seen = len(province_stub.requests)
    jobs = [d.process.task_set.get(flow_task_type="JOB") for d in dossiers]
    job_forward_to_province(jobs[0].pk)  # sends the letter's package, then finishes the letter's other job too
    delivery = Delivery.objects.get(issued=letter)  # one package for the letter
    assert [status for _key, status in province_stub.requests[seen:]] == [202]
    for job in jobs:  # both started and done, each with its own external id (dispatched on the issue's commit)
        job.refresh_from_db()
    assert [(j.status, j.started is not None, bool(j.external_task_id)) for j in jobs] == [("DONE", True, True)] * 2
    assert all(d.events.filter(action="forwarded_to_province").count() == 1 for d in dossiers)
    with CaptureQueriesContext(connection) as later:  # its own message, delivered later, finds it done (issue 18)
        job_forward_to_province(jobs[1].pk)
    assert len(later.captured_queries) <= 5, [q["sql"][:80] for q in later.captured_queries]
    assert Delivery.objects.get(pk=delivery.pk).attempts == 1
    assert all(d.events.filter(action="forwarded_to_province").count() == 1 for d in dossiers)
    package = province_stub.accepted[str(delivery.idempotency_key)]
    assert sorted(d["dossier"] for d in package["dossiers"]) == sorted(d.reference for d in dossiers)
    assert all(d["documents"] for d in package["dossiers"])
    answer = {"submission": letter.symbol, "result": "approved", "decision_number": "55/QĐ-UBND"}
    response = province_post(APIClient(), {**answer, "decision_date": "2026-12-20", "note": ""})
    assert response.status_code == 200, response.content
    assert {(r["status"], r["recorded"]) for r in response.json()["results"]} == {("awarded", True)}
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert (dossier.status, dossier.decision_number) == (DossierStatus.AWARDED, "55/QĐ-UBND")


def test_a_refused_signature_keeps_the_comment_and_says_what_was_wrong(client, people):
    """An empty password is a required field, a wrong one is wrong: each at the password's field, the comment kept,
    nothing signed."""
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs"), ("LDTT", "xdd")])
    (document,) = _draft(client, people, [session])
    _send(client, people, document)
    login(client, people["hieutruong"])
    url = f"/official/batches/{document.pk}/sign/"
    comment = "Đồng ý, đề nghị Văn thư phát hành trong ngày"

    response = client.post(url, {"confirm": "", "comment": comment})
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('data-testid="confirm-errors"') :].split("</ul>")[0]
    assert "Nhập mật khẩu hoặc mã PIN của khóa ký để ký." in errors and "không đúng" not in html
    assert f'value="{comment}"' in html

    response = client.post(url, {"confirm": "sai-mat-khau", "comment": comment})
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('data-testid="confirm-errors"') :].split("</ul>")[0]
    assert "không đúng" in errors and "Nhập mật khẩu" not in html
    assert f'value="{comment}"' in html and "sai-mat-khau" not in html  # the password is never sent back
    document.refresh_from_db()
    assert document.status == D.Status.PENDING and not document.signed_file

    assert client.post(url, {"confirm": "demo", "comment": comment}).status_code == 302
    document.refresh_from_db()
    assert document.status == D.Status.SIGNED
