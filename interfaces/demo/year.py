"""Demo data of the year's cycle (issue 19): the 2025 and 2026 plans, three movements (one thematic), the emulation
cluster with its covenant and 2025 result, the award fund (income, the 2025 payouts paid, the payouts of the demo's
signed decisions), the 2025 year-end report and the 2026 statistical forms (Circular 02/2023/TT-BNV) written to
``var/reports/``; the one-off 2026 movement targets the offices and Khoa Lý luận cơ sở only. Idempotent."""

from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.emulation import movements as movement_services
from domain.emulation.models import Cluster, ClusterMember, EmulationPlan, Movement, MovementSummary, Registration
from domain.fund import services as fund_services
from domain.fund.models import FundIncome, Payout
from domain.official.amounts import award_amount, base_salary_on
from domain.reports.jobs import REPORT
from domain.reports.registry import REPORTS, report_build
from ground.jobs.models import Job
from ground.jobs.services import jobs_remove_old_files
from ground.organisation.models import Department, Organisation, StaffMember

PLANS = [
    (
        2025,
        "21-KH/TCT",
        date(2025, 2, 3),
        "Kế hoạch triển khai phong trào thi đua năm 2025 “Đoàn kết - Dân chủ - "
        "Kỷ cương - Gương mẫu - Sáng tạo - Hiệu quả”",
    ),
    (2025, "22-KH/TCT", date(2025, 2, 5), "Kế hoạch hoạt động công tác thi đua, khen thưởng năm 2025"),
    (2026, "19-KH/TCT", date(2026, 2, 2), "Kế hoạch triển khai phong trào thi đua năm 2026"),
]
MEMBERS = [
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Báo Lai Châu",
]


def _plans(org):
    plans = {}
    for year, number, day, title in PLANS:
        plans[year], _ = EmulationPlan.objects.get_or_create(
            organisation=org, year=year, document=number, defaults={"document_date": day, "title": title}
        )
    return plans


def _movements(org, plans, users):
    rows = [
        (
            "regular",
            "Giảng dạy tốt, nghiên cứu tốt, học tập tốt, quản lý tốt, phục vụ tốt",
            date(2025, 1, 1),
            date(2025, 12, 31),
            "21-KH/TCT",
            "LDTT, CSTDCS, TTLDTT, GIAYKHEN",
            plans[2025],
        ),
        (
            "thematic",
            "Cán bộ, đảng viên Trường Chính trị tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, "
            "phong cách Hồ Chí Minh",
            date(2025, 3, 1),
            date(2025, 11, 30),
            "25-KH/TCT",
            "GIAYKHEN",
            plans[2025],
        ),
        (
            "one_off",
            "Thi đua cao điểm lập thành tích chào mừng kỷ niệm 20 năm thành lập Trường (08/6/2006 - 08/6/2026)",
            date(2026, 3, 1),
            date(2026, 6, 8),
            "34-KH/TCT",
            "GIAYKHEN",
            plans[2026],
        ),
    ]
    made = []
    for kind, theme, start, end, number, awards, plan in rows:
        movement, _ = Movement.objects.get_or_create(
            organisation=org,
            theme=theme,
            defaults={
                "kind": kind,
                "start": start,
                "end": end,
                "document": number,
                "document_date": start,
                "plan": plan,
                "award_codes": awards,
                "registration_opens": start,
                "registration_closes": date(start.year, 3, 25),
                "criteria": "Hoàn thành xuất sắc nhiệm vụ được giao; có sáng kiến, giải pháp được công nhận; "
                "không vi phạm kỷ luật.",
            },
        )
        if kind == "one_off" and not movement.target_departments.exists():
            # the anniversary drive is for the units preparing the celebration (its target units): the offices and
            # Khoa Lý luận cơ sở; truongkhoa.xdd registering for it is refused, truongkhoa.llcs is not
            movement.target_departments.set(
                Department.objects.filter(organisation=org).filter(Q(kind=Department.Kind.OFFICE) | Q(code="llcs"))
            )
        made.append(movement)
    # The 2026 awards of the demo's signed decisions belong to the 2026 movement launched by the eligibility demo.
    yearly = Movement.objects.filter(organisation=org, start__year=2026, kind=Movement.Kind.REGULAR).first()
    awarded = list(Dossier.objects.filter(organisation=org, status=DossierStatus.AWARDED).values_list("pk", flat=True))
    if yearly and awarded:
        movement_services.movement_dossiers_link(
            acting_user=users["thuongtruc"], movement_id=yearly.pk, dossier_ids=awarded
        )
    sec = users["thuongtruc"]
    _registrations_2025(org, made[0], sec)
    summary = movement_services.movement_summary_draft(
        acting_user=sec, movement_id=made[0].pk, stage=MovementSummary.Stage.YEAR_END, year=2025
    )
    movement_services.movement_summary_complete(
        acting_user=sec,
        summary_id=summary.pk,
        results="Phong trào được triển khai sâu rộng tới các khoa, phòng; 100% cán bộ, viên chức đăng ký thi đua.",
        shortcomings="Việc phát hiện, nhân rộng điển hình tiên tiến chưa thường xuyên.",
        next_steps="Tiếp tục đổi mới nội dung, hình thức tổ chức phong trào thi đua năm 2026.",
        document="45-BC/TCT",
    )
    return made


def _registrations_2025(org, movement, secretary):
    """The 2025 movement's registrations, received in March 2025 (the departments for TTLĐTT, their staff for LĐTT
    or, one in four, CSTĐCS): its year-end summary counts them."""
    staff = StaffMember.objects.filter(organisation=org, is_active=True, department__isnull=False).exclude(
        user__is_superuser=True
    )
    rows = [
        Registration(
            organisation=org, year=2025, department=d, award_code="TTLDTT", movement=movement, registered_by=secretary
        )
        for d in Department.objects.filter(organisation=org)
    ]
    rows += [
        Registration(
            organisation=org,
            year=2025,
            department_id=p.department_id,
            person=p,
            award_code="CSTDCS" if i % 4 == 0 else "LDTT",
            movement=movement,
            registered_by=secretary,
        )
        for i, p in enumerate(staff.order_by("pk"))
    ]
    Registration.objects.bulk_create(rows)
    received = timezone.make_aware(datetime(2025, 3, 10, 9))
    Registration.objects.filter(pk__in=[r.pk for r in rows]).update(registered_at=received)


def _cluster(org):
    cluster, created = Cluster.objects.get_or_create(
        organisation=org,
        year=2025,
        defaults={
            "name": "Khối thi đua các cơ quan Đảng, đoàn thể tỉnh",
            "head_unit": "Ban Tổ chức Tỉnh ủy",
            "deputy_head_unit": org.name,
            "covenant_document": "01/GƯTĐ-KTĐ",
            "covenant_date": date(2025, 2, 25),
            "covenant_content": "Các đơn vị trong Khối cam kết thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm "
            "2025; thực hiện tốt công tác thi đua, khen thưởng; chấp hành chế độ thông tin, báo cáo.",
            "rank": 1,
            "score": 98.5,
            "proposal": Cluster.Proposal.FLAG,
            "result_document": "12/BB-KTĐ",
            "result_date": date(2025, 12, 12),
        },
    )
    if created:
        ClusterMember.objects.create(cluster=cluster, unit=org.name, is_us=True)
        for unit in MEMBERS:
            ClusterMember.objects.create(cluster=cluster, unit=unit)
    return cluster


def _fund(org, users):
    sec = users["thuongtruc"]
    if FundIncome.objects.filter(organisation=org).exists():
        return
    fund_services.fund_income_add(
        acting_user=sec,
        year=2025,
        received_on=date(2025, 1, 15),
        source="budget",
        amount=60_000_000,
        document="Quyết định giao dự toán ngân sách năm 2025 số 12/QĐ-UBND",
    )
    fund_services.fund_income_add(
        acting_user=sec,
        year=2025,
        received_on=date(2025, 9, 10),
        source="other",
        amount=5_000_000,
        document="Nguồn thu sự nghiệp hợp pháp khác",
        description="Trích từ nguồn thu hoạt động sự nghiệp",
    )
    fund_services.fund_income_add(
        acting_user=sec,
        year=2026,
        received_on=date(2026, 1, 20),
        source="budget",
        amount=70_000_000,
        document="Quyết định giao dự toán ngân sách năm 2026 số 08/QĐ-UBND",
    )
    # The 2025 awards were imported as history: their amounts, as the decision of 25/12/2025 stated them.
    for record in AwardRecord.objects.filter(organisation=org, year=2025, amount__isnull=True).select_related("award"):
        if record.award.decided_by_unit:
            base = base_salary_on(record.decision_date)
            record.amount = award_amount(record.award, collective=record.department_id is not None, base_salary=base)
            record.save(update_fields=["amount"])
    fund_services.payouts_sync(organisation_id=org.pk)
    for number in (
        Payout.objects.filter(organisation=org, year=2025).values_list("decision_number", flat=True).distinct()
    ):
        fund_services.payouts_mark_decision_paid(acting_user=sec, decision_number=number, paid_on=date(2025, 12, 30))


def seed(organisation_code="TCT", users=None):
    org = Organisation.objects.filter(code=organisation_code).first()
    if org is None or users is None or Cluster.objects.filter(organisation=org).exists():
        return None
    with transaction.atomic():
        plans = _plans(org)
        _movements(org, plans, users)
        _cluster(org)
        _fund(org, users)
    out = Path(settings.VAR_DIR) / "reports"
    out.mkdir(parents=True, exist_ok=True)
    content, filename = report_build("year-end", organisation_id=org.pk, year=2025)
    path = out / f"bao-cao-tong-ket-{filename}"
    path.write_bytes(content)
    _jobs(users["thuongtruc"], content, filename)
    # the statistical forms of Circular 02/2023/TT-BNV for 2026 (01/12/2025-30/11/2026: the 2025 titles' decisions)
    content, filename = report_build("statistics", organisation_id=org.pk, year=2026)
    (out / f"thong-ke-{filename}").write_bytes(content)
    return path


def _jobs(secretary, content, filename):
    """The secretariat's background work (/jobs/): this year's report ready to download, and one made 40 days ago
    whose file the beat has removed after its time (JOB_KEEP_DAYS)."""
    now = timezone.now()
    report = REPORTS["year-end"]
    for days in (40, 0):
        when = now - timedelta(days=days)
        job = Job.objects.create(  # as the worker leaves it (job_run): the report is built already, above
            kind=REPORT,
            title=f"{report.label}, 2025",
            params={"name": "year-end", "year": 2025},
            requested_by=secretary,
            status=Job.Status.DONE,
            progress=100,
            attempts=1,
            started_at=when,
            finished_at=when,
            result_name=filename,
            result_type=report.content_type,
        )
        job.result.save(filename, ContentFile(content), save=True)
        Job.objects.filter(pk=job.pk).update(created_at=when)  # asked for then (auto_now_add wrote today)
    jobs_remove_old_files(now=now)
