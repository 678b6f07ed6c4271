"""The procedures the law gives the school (issue 20): the complaints register with its time limits in working days
(across Tết), linked to the pending-case rule; the revocation of an award with the money to recover."""

from datetime import date

import pytest
from django.utils import translation

from domain.dossiers.models import AwardRecord, AwardRevocation
from domain.dossiers.services.revocation import award_revoke
from domain.eligibility.services import eligibility_evaluate
from domain.fund.models import Payout
from domain.fund.services import payouts_sync
from domain.records import complaints
from domain.records.models import Complaint, PendingCase
from ground.audit.models import AuditEvent
from ground.base import errors
from ground.notifications.models import Notification
from tests.eligibility_rules.history import give, register
from tests.helpers import login, member

pytestmark = pytest.mark.django_db


def test_a_complaints_deadline_runs_in_working_days_across_tet(rules):
    """Accepted Monday 25/01/2027: 30 working days, Tết (04–10/02/2027) not counted: 15/03, not 08/03."""
    person = member(rules, "llcs")
    secretariat = rules["thuongtruc"]
    complaint = complaints.complaint_register(
        acting_user=secretariat,
        kind="complaint",
        nominee=person,
        filed_by="Nguyễn Văn A",
        summary="Khiếu nại kết quả bình xét năm 2026",
        received_on=date(2027, 1, 22),
        accepted_on=date(2027, 1, 25),
    )
    assert complaint.due_on == date(2027, 3, 15)
    extended = complaints.complaint_extend(
        acting_user=secretariat, complaint_id=complaint.pk, reason="Vụ việc phức tạp"
    )
    assert extended.due_on == date(2027, 4, 5)  # 45 working days
    with pytest.raises(errors.Conflict):
        complaints.complaint_extend(acting_user=secretariat, complaint_id=complaint.pk, reason="Lần nữa")
    assert AuditEvent.objects.filter(action="complaint_extended", object_id=str(complaint.pk)).exists()


def test_an_open_complaint_blocks_the_award_until_resolved(rules):
    person = member(rules, "llcs")
    give(person, "LDTT", 2026)
    register(person, 2026, "CSTDCS")
    complaint = complaints.complaint_register(
        acting_user=rules["thuongtruc"],
        kind="denunciation",
        nominee=person,
        filed_by="Đơn không ký tên được chuyển đến",
        summary="Tố cáo kê khai thành tích không trung thực",
        received_on=date(2027, 1, 4),
    )
    assert complaint.case.kind == PendingCase.Kind.DENUNCIATION and complaint.case.closed_on is None
    with translation.override("en"):
        result = eligibility_evaluate(nominee=person, award="LDTT", year=2026, on=date(2027, 1, 15))
    assert result["failed_hard"] == ["Pending on 15/01/2027: Denunciation (04/01/2027)."]
    complaints.complaint_resolve(
        acting_user=rules["thuongtruc"],
        complaint_id=complaint.pk,
        outcome="Không có căn cứ",
        resolved_on=date(2027, 1, 14),
    )
    result = eligibility_evaluate(nominee=person, award="LDTT", year=2026, on=date(2027, 1, 15))
    assert result["failed_hard"] == []


def test_reminders_before_on_and_after_the_deadline_go_out_once(rules):
    person = member(rules, "llcs")
    complaint = complaints.complaint_register(
        acting_user=rules["thuongtruc"],
        kind="complaint",
        nominee=person,
        filed_by="Trần Thị B",
        summary="Khiếu nại",
        received_on=date(2027, 1, 25),
    )
    assert complaint.due_on == date(2027, 3, 15)
    assert complaints.complaint_reminders(date(2027, 3, 10)) == 0  # 3 working days ahead: not yet
    sent = complaints.complaint_reminders(date(2027, 3, 11))  # 2 working days ahead
    assert sent >= 1
    assert complaints.complaint_reminders(date(2027, 3, 12)) == 0  # the same slot: once
    assert complaints.complaint_reminders(date(2027, 3, 15)) == sent  # the deadline day
    assert complaints.complaint_reminders(date(2027, 3, 17)) == sent  # 2 working days overdue
    assert Notification.objects.filter(recipient=rules["thuongtruc"], link="/eligibility/complaints/").count() == 3
    complaints.complaint_resolve(
        acting_user=rules["thuongtruc"],
        complaint_id=complaint.pk,
        outcome="Đã giải quyết",
        resolved_on=date(2027, 3, 18),
    )
    assert complaints.complaint_reminders(date(2027, 3, 19)) == 0


def test_the_register_page(client, rules):
    person = member(rules, "llcs")
    login(client, rules["thuongtruc"])
    page = client.get("/eligibility/complaints/")
    assert page.status_code == 200 and "Sổ theo dõi khiếu nại, tố cáo" in page.content.decode()
    answer = client.post(
        "/eligibility/complaints/",
        {
            "kind": "complaint",
            "person": person.pk,
            "filed_by": "Lê Văn C",
            "summary": "Khiếu nại",
            "received_on": "2026-11-02",
        },
    )
    assert answer.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.due_on == date(2026, 12, 15)  # 30 working days from Monday 02/11/2026 (24/11 is a holiday)
    assert "15/12/2026" in client.get("/eligibility/complaints/").content.decode()
    done = client.post(f"/eligibility/complaints/{complaint.pk}/decide/", {"action": "resolve", "text": "Đã trả lời"})
    assert done.status_code == 302, done.content.decode()[-2000:]
    complaint.refresh_from_db()
    assert complaint.status == "resolved"
    login(client, rules["truongkhoa.llcs"])
    assert client.get("/eligibility/complaints/").status_code in (403, 404)


def test_a_revoked_award_stays_in_the_history_annotated_and_its_amount_is_to_recover(client, rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2025, 2026)
    award = AwardRecord.objects.get(person=person, year=2026)
    AwardRecord.objects.filter(pk=award.pk).update(amount=2_340_000)
    payouts_sync(organisation_id=person.organisation_id, year=2026)  # the school's fund owes the award's line
    line = Payout.objects.get(award_record=award)
    assert (line.amount, line.status) == (2_340_000, Payout.Status.DUE)
    assert eligibility_evaluate(nominee=person, award="BANGKHEN_TINH", year=2026, on=date(2027, 1, 15))["eligible"]
    with pytest.raises(errors.NotAllowed):
        award_revoke(
            acting_user=rules["truongkhoa.llcs"],
            award_record_id=award.pk,
            ground="false_declaration",
            decision_number="5/QĐ-TCT",
            decision_date=date(2027, 2, 1),
        )
    login(client, rules["thuongtruc"])
    answer = client.post(
        f"/eligibility/awards/{award.pk}/revoke/",
        {
            "ground": "false_declaration",
            "decision_number": "5/QĐ-TCT",
            "decision_date": "2027-02-01",
            "note": "Kê khai sai",
        },
    )
    assert answer.status_code == 302
    revocation = AwardRevocation.objects.get(award_record=award)
    assert revocation.amount_to_recover == 2_340_000
    line.refresh_from_db()  # the fund's line is reversed in the revocation's transaction
    assert (line.status, line.reversed_on) == (Payout.Status.REVERSED, date(2027, 2, 1))
    assert "5/QĐ-TCT" in line.reversal_reason
    assert AuditEvent.objects.filter(action="payout_reversed", object_id=str(line.pk)).exists()
    event = AuditEvent.objects.get(action="award_revoked")
    assert event.data["amount_to_recover"] == 2_340_000 and event.data["decision"] == "5/QĐ-TCT"
    # the award no longer counts: two consecutive CSTĐCS are now one
    assert not eligibility_evaluate(nominee=person, award="BANGKHEN_TINH", year=2026, on=date(2027, 2, 15))["eligible"]
    page = client.get(f"/eligibility/people/{person.pk}/").content.decode()
    assert 'data-revoked="5/QĐ-TCT"' in page and "2.340.000" in page
    with pytest.raises(errors.Conflict):
        award_revoke(
            acting_user=rules["thuongtruc"],
            award_record_id=award.pk,
            ground="false_declaration",
            decision_number="6/QĐ-TCT",
            decision_date=date(2027, 2, 2),
        )


def test_the_complaint_form_offers_each_person_once_with_capitalised_labels(client, rules):
    """The principal who chairs the council (two role logins, two records) is offered once, the administrator's
    account not at all; two people of the same name are told apart by their department; labels are capitalised
    and the empty choice reads "— Chọn —"."""
    from ground.organisation.models import StaffMember

    org, depts = rules["org"], rules["depts"]
    twins = [
        StaffMember.objects.create(organisation=org, department=depts[code], full_name="Nguyễn Văn Trùng")
        for code in ("llcs", "xdd")
    ]
    login(client, rules["thuongtruc"])
    page = client.get("/eligibility/complaints/")
    form = page.context["form"]
    people = list(form.fields["person"].queryset)
    names = [p.full_name for p in people]
    assert names.count("Phạm Quang Vinh") == 1 and names.count("Vũ Thị Mai") == 1
    assert "Quản trị hệ thống" not in names
    assert len(names) - len(set(names)) == 1 and set(twins) <= set(people)  # two people, one name: both stay
    html = page.content.decode()
    for twin in twins:
        assert f'<option value="{twin.pk}">Nguyễn Văn Trùng ({twin.department.name})</option>' in html
    for label in ("Loại", "Cá nhân", "Tập thể (khoa/phòng)", "Người phản ánh", "Nội dung tóm tắt", "Ngày nhận đơn"):
        assert f">{label}:</label>" in html, label
    assert html.count('<option value="" selected>— Chọn —</option>') == 2 and "---------" not in html
    # a record left out cannot be sent either; what was typed stays
    admin_record = StaffMember.objects.get(user=rules["admin"])
    answer = client.post(
        "/eligibility/complaints/",
        {"kind": "complaint", "person": admin_record.pk, "filed_by": "Lê Văn C", "summary": "Khiếu nại"},
    )
    assert answer.status_code == 400 and "person" in answer.context["form"].errors
    assert "Lê Văn C" in answer.content.decode() and not Complaint.objects.exists()
