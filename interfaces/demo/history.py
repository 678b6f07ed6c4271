"""Demo records so the eligibility card and the secretariat's lists show something: two years of ratings and
awards, initiatives, one pending complaint, the 2026 movement and registration deadline, and one concluded
session of the Initiatives Council (Hội đồng sáng kiến) that recognised the 2026 CSTĐCS nominees' initiatives.
Idempotent."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from domain.council import policies as council_policies
from domain.council.models import CouncilMember, CouncilSession
from domain.council.services import ballots as council_ballots
from domain.council.services import sessions as council_sessions
from domain.dossiers.models import AwardRecord, Dossier
from domain.dossiers.services.dossiers import award_for_period
from domain.emulation.models import Movement, Registration, RegistrationDeadline
from domain.records import complaints
from domain.records.models import Initiative, YearlyRating
from ground.organisation.models import Department, Organisation, Period, StaffMember
from process.workflows import council as council_flow


@transaction.atomic
def seed(organisation_code="TCT"):
    org = Organisation.objects.filter(code=organisation_code).first()
    if org is None or YearlyRating.objects.filter(organisation=org).exists():
        return
    staff = list(
        StaffMember.objects.filter(organisation=org, is_active=True, user__isnull=True)
        .select_related("department")
        .order_by("pk")
    )
    for year in (2024, 2025):
        for i, person in enumerate(staff):
            rating = "HTXSNV" if i % 4 == 0 else ("HTNV" if i % 9 == 8 else "HTTNV")
            YearlyRating.objects.create(person=person, year=year, rating=rating)
            if rating != "HTNV":
                _award(person, "LDTT", year)
            if i % 8 == 0:
                _award(person, "CSTDCS", year)
    for i, person in enumerate(staff):  # 2026 rated; the LĐTT decisions of 2026 not all taken yet
        YearlyRating.objects.create(person=person, year=2026, rating="HTXSNV" if i % 3 == 0 else "HTTNV")
        if i < 12:
            _award(person, "LDTT", 2026)
    for dept in Department.objects.filter(organisation=org):
        for year in (2024, 2025, 2026):
            YearlyRating.objects.create(department=dept, year=year, rating="HTTNV")
    _register(org, staff)
    _logins_rated(org)
    for person, scope in ((staff[0], "province"), (staff[4], "school")):
        initiative = Initiative.objects.create(
            organisation=org,
            title=f"Đổi mới phương pháp giảng dạy ({person.full_name})",
            year=2025,
            scope=scope,
            status=Initiative.Status.RECOGNISED,
            recognised_by="Hội đồng sáng kiến" if scope == "school" else "UBND tỉnh Lai Châu",
            document="12/QĐ-TCT" if scope == "school" else "345/QĐ-UBND",
        )
        initiative.authors.add(person)
    # In a department without demo dossiers, so the demo's own signatures are not blocked.
    pending = [p for p in staff if p.department.code == "dv"][-1]
    # The complaints register: one complaint received, its pending case opened and its deadline set by the service.
    complaints.complaint_register(
        acting_user=get_user_model().objects.get(username="thuongtruc"),
        kind="complaint",
        nominee=pending,
        filed_by="Ông Lò Văn Thắng, cán bộ Phòng Quản trị - Tài vụ",
        summary="Khiếu nại việc bình xét, chấm điểm thi đua quý III năm 2026 tại Khoa Dân vận.",
        received_on=timezone.localdate() - timedelta(days=8),
    )
    Movement.objects.create(
        organisation=org,
        theme="Thi đua dạy tốt, học tốt, phục vụ tốt năm 2026",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        document="05/KH-TCT",
    )
    RegistrationDeadline.objects.create(organisation=org, year=2026, deadline=date(2026, 3, 25))
    _initiatives_council(org, staff)


def _initiatives_council(org, staff):
    """Hội đồng sáng kiến, phiên họp đã kết luận: the initiatives of the 2026 CSTĐCS nominees recognised (a nominee
    who sits on the council stands aside on his own), one other initiative not recognised (3 of 8 votes)."""
    secretary = get_user_model().objects.filter(username="thuongtruc").first()
    period = Period.objects.filter(organisation=org, year=2026).first()
    if secretary is None or period is None or not CouncilMember.objects.filter(council__period=period).exists():
        return
    if CouncilSession.objects.filter(organisation=org, kind=CouncilSession.Kind.INITIATIVES).exists():
        return
    nominees = StaffMember.objects.filter(
        pk__in=Dossier.objects.filter(organisation=org, period=period, award__code="CSTDCS").values("nominee_person")
    ).order_by("pk")
    subjects = ["Ứng dụng chuyển đổi số trong quản lý đào tạo", "Đổi mới sinh hoạt chuyên đề chi bộ", "Học liệu số"]
    recognised = []
    for i, person in enumerate(nominees):
        item = Initiative.objects.create(
            organisation=org,
            title=f"{subjects[i % len(subjects)]} ({person.full_name})",
            year=2026,
            status=Initiative.Status.SUBMITTED,
        )
        item.authors.add(person)
        recognised.append(item)
    weak = Initiative.objects.create(
        organisation=org,
        title=f"Sổ tay nghiệp vụ văn thư ({staff[-1].full_name})",
        year=2026,
        status=Initiative.Status.SUBMITTED,
    )
    weak.authors.add(staff[-1])
    session = council_sessions.session_create(
        acting_user=secretary,
        period=period,
        title="",
        meeting_date=date(2026, 11, 10),
        place="Phòng họp tầng 2",
        kind=CouncilSession.Kind.INITIATIVES,
        initiative_ids=[i.pk for i in [*recognised, weak]],
    )
    seats = list(session.council.members.select_related("user").order_by("pk"))
    council_sessions.attendance_record(
        acting_user=secretary, session_id=session.pk, present_member_ids=[s.pk for s in seats]
    )
    council_sessions.session_open(acting_user=secretary, session_id=session.pk)
    for ballot in session.ballots.select_related("initiative").order_by("position"):
        yes = 3 if ballot.initiative_id == weak.pk else len(seats)
        for i, seat in enumerate(seats):
            if council_policies.recusal_reason(seat, ballot.initiative, session.council):
                continue  # an author does not vote on his own initiative
            choice = "approve" if i < yes else "reject"
            council_ballots.vote_cast(acting_user=seat.user, ballot_id=ballot.pk, choice=choice)
        council_ballots.ballot_close(acting_user=secretary, ballot_id=ballot.pk)
    council_flow.session_conclude(acting_user=secretary, session_id=session.pk)


def _logins_rated(org):
    """The staff with a login (department heads, council members, the principal...) are rated and registered too:
    several are nominees of the demo's dossiers, and an awarded dossier meets its conditions (a rating, a
    registration for the year). A nominee for CSTĐCS is rated HTXSNV and registered for it."""
    admin = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.first()
    people = list(StaffMember.objects.filter(organisation=org, is_active=True, user__isnull=False).order_by("pk"))
    cstdcs = set(
        Dossier.objects.filter(organisation=org, period__year=2026, award__code="CSTDCS").values_list(
            "nominee_person_id", flat=True
        )
    )
    for person in people:
        for year in (2024, 2025, 2026):
            rating = "HTXSNV" if person.pk in cstdcs else "HTTNV"
            YearlyRating.objects.create(person=person, year=year, rating=rating)
    Registration.objects.bulk_create(
        Registration(
            organisation=org,
            year=2026,
            department_id=p.department_id,
            person=p,
            award_code="CSTDCS" if p.pk in cstdcs else "LDTT",
            registered_by=admin,
        )
        for p in people
    )


def _register(org, staff):
    """Everybody registered for 2026: the departments for TTLĐTT, staff for LĐTT or (one in three) CSTĐCS."""
    admin = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.first()
    rows = [
        Registration(organisation=org, year=2026, department=d, award_code="TTLDTT", registered_by=admin)
        for d in Department.objects.filter(organisation=org)
    ]
    rows += [
        Registration(
            organisation=org,
            year=2026,
            department_id=p.department_id,
            person=p,
            award_code="CSTDCS" if i % 3 == 0 else "LDTT",
            registered_by=admin,
        )
        for i, p in enumerate(staff)
    ]
    Registration.objects.bulk_create(rows)


def _award(person, code, year):
    AwardRecord.objects.create(
        organisation_id=person.organisation_id,
        person=person,
        award=award_for_period(code, Period(year=year)),
        year=year,
        decision_number=f"{year - 2000}/QĐ-TCT",
        decision_date=date(year, 12, 25),
    )
