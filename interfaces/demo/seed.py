"""Demo data: the school, its departments and staff, one login per role, and dossiers at every step.

Idempotent: running it again changes nothing once the organisation exists.
"""

from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.council import policies as council_policies
from domain.council.services import ballots as council_ballots
from domain.council.services import sessions as council_sessions
from domain.deadlines.models import TaskDeadline
from domain.dossiers.models import Dossier
from domain.dossiers.services import documents, dossiers
from domain.official import batches, certificates, delegations
from domain.official.models import OrganisationSeal, SigningCredential
from domain.official.pki import issue_signer
from domain.official.register import register_manual
from ground.organisation import roles
from ground.organisation.models import Department, Organisation, Period, SchoolRegulation, StaffMember
from process.workflows import batches as process_batches
from process.workflows import council, services

PASSWORD = "demo"
CURRENT_YEAR = 2026

DEPARTMENTS = [
    ("llcs", "Khoa Lý luận cơ sở", "faculty"),
    ("xdd", "Khoa Xây dựng Đảng", "faculty"),
    ("nnpl", "Khoa Nhà nước và Pháp luật", "faculty"),
    ("dv", "Khoa Dân vận", "faculty"),
    ("daotao", "Phòng Đào tạo - Quản lý khoa học", "office"),
    ("tchc", "Phòng Tổ chức - Hành chính", "office"),
    ("qttv", "Phòng Quản trị - Tài vụ", "office"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Tẩn", "Giàng"]
MIDDLE = ["Văn", "Thị", "Đức", "Thu", "Minh", "Hồng", "Quang", "Thanh"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Ngọc",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Trung",
    "Tuấn",
]

# username, full name, department, role, job title in the school (the council seat is in COUNCIL_SEATS)
LOGINS = [
    ("admin", "Quản trị hệ thống", "tchc", roles.ADMINISTRATOR, "Chuyên viên công nghệ thông tin"),
    ("truongkhoa.llcs", "Nguyễn Văn Hùng", "llcs", roles.DEPARTMENT_HEAD, "Trưởng khoa Lý luận cơ sở"),
    ("truongkhoa.xdd", "Lò Thị Hoa", "xdd", roles.DEPARTMENT_HEAD, "Trưởng khoa Xây dựng Đảng"),
    ("thuongtruc", "Trần Thị Thu Hằng", "tchc", roles.SECRETARIAT, "Phó Trưởng phòng Tổ chức - Hành chính"),
    ("hieutruong", "Phạm Quang Vinh", "tchc", roles.PRINCIPAL, "Hiệu trưởng"),
    ("kiemtra", "Đỗ Minh Tâm", "tchc", roles.AUDITOR, "Thanh tra nhân dân"),
    ("canbo", "Lê Thị Thanh Hà", "daotao", roles.STAFF, "Giảng viên"),
] + [
    (f"hoidong{i}", name, dept, roles.COUNCIL_MEMBER, pos)
    for i, (name, dept, pos) in enumerate(
        [
            ("Phạm Quang Vinh", "tchc", "Hiệu trưởng"),
            ("Vũ Thị Mai", "daotao", "Phó Hiệu trưởng"),
            ("Hoàng Đức Long", "llcs", "Phó Trưởng khoa Lý luận cơ sở"),
            ("Bùi Thanh Sơn", "xdd", "Phó Trưởng khoa Xây dựng Đảng"),
            ("Đặng Hồng Nhung", "nnpl", "Trưởng khoa Nhà nước và Pháp luật"),
            ("Giàng A Páo", "dv", "Trưởng khoa Dân vận"),
            ("Lê Văn Nam", "qttv", "Trưởng phòng Quản trị - Tài vụ"),
        ],
        start=1,
    )
]


# Logins added with the batch documents (issue 15), seeded after the generated staff so that everyone else keeps
# their department and place.
LATER_LOGINS = [
    ("vanthu", "Nguyễn Thị Lan", "tchc", roles.RECORDS_CLERK, "Văn thư"),
    ("phohieutruong", "Vũ Thị Mai", "tchc", roles.VICE_PRINCIPAL, "Phó Hiệu trưởng"),
]


# The council of each period: the principal's deputy chairs in the demo; the secretariat is its secretary.
COUNCIL_SEATS = [
    ("hoidong1", "chair"),
    ("hoidong2", "vice_chair"),
    ("hoidong3", "member"),
    ("hoidong4", "member"),
    ("hoidong5", "member"),
    ("hoidong6", "member"),
    ("hoidong7", "member"),
    ("thuongtruc", "secretary"),
]


def _pdf(title):
    body = f"%PDF-1.4\n% {title}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return ContentFile(body.encode("utf-8"), name=f"{title}.pdf")


def _user(username, full_name, group):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = full_name, ""  # Vietnamese names read family name first: keep them whole
    user.email = f"{username}@truongchinhtri.laichau.example"
    user.is_staff = group == roles.ADMINISTRATOR
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


@transaction.atomic
def seed_people():
    roles.sync_roles()
    org, _ = Organisation.objects.get_or_create(
        code="TCT", defaults={"name": "Trường Chính trị tỉnh Lai Châu", "place": "Lai Châu"}
    )
    depts = {}
    for code, name, kind in DEPARTMENTS:
        depts[code], _ = Department.objects.get_or_create(
            organisation=org, code=code, defaults={"name": name, "kind": kind}
        )
    periods = [
        Period.objects.get_or_create(organisation=org, year=CURRENT_YEAR - 1, defaults={"is_open": False})[0],
        Period.objects.get_or_create(organisation=org, year=CURRENT_YEAR, defaults={"is_open": True})[0],
    ]
    users = {}
    for username, full_name, dept, group, position in LOGINS:
        users[username] = _login(org, username, full_name, depts[dept], group, position)
    users["tinh"] = _user("tinh", "Ban Thi đua Khen thưởng tỉnh", roles.PROVINCE_CLIENT)
    for period in periods:
        council_sessions.council_set_members(
            council=council_sessions.council_for(period),
            seats=[(users[username], role) for username, role in COUNCIL_SEATS],
        )
    codes = list(depts)
    later = StaffMember.objects.filter(organisation=org, user__username__in=[u for u, *_ in LATER_LOGINS]).count()
    for i in range(StaffMember.objects.filter(organisation=org).count() - later, 40):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i * 3) % len(MIDDLE)]} {GIVEN[(i * 7) % len(GIVEN)]}"
        StaffMember.objects.create(
            organisation=org,
            department=depts[codes[i % len(codes)]],
            full_name=name,
            position="Giảng viên" if i % 3 else "Chuyên viên",
        )
    for username, full_name, dept, group, position in LATER_LOGINS:
        users[username] = _login(org, username, full_name, depts[dept], group, position)
    return org, depts, users


def _login(org, username, full_name, department, group, position):
    """A demo login and the staff member it is."""
    user = _user(username, full_name, group)
    StaffMember.objects.update_or_create(
        user=user,
        defaults={
            "organisation": org,
            "department": department,
            "full_name": full_name,
            "position": position,
            "email": user.email,
        },
    )
    return user


def _nominate(head, award, person=None, department=None, achievements="", report=True):
    dossier = dossiers.dossier_create(
        acting_user=head,
        period_year=CURRENT_YEAR,
        award_code=award,
        nominee_kind="person" if person else "department",
        nominee_id=(person or department).pk,
        achievements=achievements,
    )
    if report:
        documents.document_upload(
            acting_user=head,
            dossier_id=dossier.pk,
            kind="achievement_report",
            uploaded=_pdf(f"bao-cao-thanh-tich-{dossier.reference}"),
        )
    return dossier


def _do(user, dossier, action, comment="", **fields):
    task = Task.objects.filter(
        process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    ).first()
    services.task_complete(acting_user=user, task_id=task.pk, action=action, comment=comment, fields=fields)


def run_session(secretary, dossiers, *, approve=None, absent=(), title="", conclude=True):
    """Drive one council session through the services: agenda, attendance, each member's voting sheet, the count.

    ``approve`` maps a dossier's id to how many members approve it (default: all); members in ``absent``
    vote in writing through the secretary. Used by the demo and by the tests.
    """
    session = council_sessions.session_create(
        acting_user=secretary,
        period=dossiers[0].period,
        title=title,
        meeting_date=timezone.localdate(),
        place="Phòng họp tầng 2",
        dossier_ids=[d.pk for d in dossiers],
    )
    seats = list(session.council.members.select_related("user").order_by("pk"))
    present = [seat.pk for seat in seats if seat.user.username not in absent]
    council_sessions.attendance_record(acting_user=secretary, session_id=session.pk, present_member_ids=present)
    council_sessions.session_open(acting_user=secretary, session_id=session.pk)
    if not conclude:
        return session
    sheets = {seat.pk: {} for seat in seats}  # each present member's voting sheet (phiếu bầu)
    for ballot in session.ballots.order_by("position"):
        yes = (approve or {}).get(ballot.dossier_id, len(seats))
        for i, seat in enumerate(seats):
            choice = "approve" if i < yes else "reject"
            if council_policies.recusal_reason(seat, ballot.dossier, session.council):
                continue  # conflict of interest: the member does not vote on this dossier
            if seat.user.username in absent:
                council_ballots.vote_record_written(
                    acting_user=secretary, ballot_id=ballot.pk, member_id=seat.pk, choice=choice
                )
            else:
                sheets[seat.pk][ballot.pk] = choice
    for seat in seats:
        if sheets[seat.pk]:
            council_ballots.votes_cast(acting_user=seat.user, session_id=session.pk, choices=sheets[seat.pk])
    council_ballots.ballots_close(acting_user=secretary, session_id=session.pk)
    council.session_conclude(acting_user=secretary, session_id=session.pk)
    return session


def close_posting(*sessions, clock=None):
    """Let the posting windows of concluded sessions pass: the beat sweep runs at each window's closing time, so
    every dossier's window is closed at its own end (awards may be posted for different numbers of days).

    With ``clock`` (the demo's travelling clock), the clock is moved there too, so that the closing events are
    recorded at that time; the windows must then lie in the clock's future."""
    ends = sorted({end for s in sessions for end in s.postings.values_list("closes_at", flat=True)})
    for end in ends:
        when = end + timedelta(seconds=1)
        if clock is not None:
            clock.move_to(when)
        council.postings_close_due(now=when)


@contextmanager
def _clock(start):
    """The demo's past: a clock that starts at ``start`` and runs on from there (``move_to`` goes forward), so
    that the steps done "weeks ago" are recorded then, through the same services (time-machine, installed with the
    test tools that ``make run`` installs). Without it the steps are done now; yields None."""
    try:
        import time_machine
    except ImportError:  # pragma: no cover — a virtualenv without the test tools
        yield None
        return
    with time_machine.travel(start, tick=True) as traveller:
        yield traveller


# How long ago the demo's year of dossiers began: sessions 1 and 2 met then and their posting windows are over
# before the principal signs today (the weeks a real year takes; their dates agree on every page).
PAST_DAYS = 35


def seed_dossiers(depts, users):
    start = timezone.now() - timedelta(days=PAST_DAYS)
    with _clock(start) as clock:
        early, first, extra = _past_dossiers(depts, users, clock)
    _present_dossiers(depts, users, early, first, extra)


def _past_dossiers(depts, users, clock):
    """Weeks ago: the early dossiers nominated, sessions 1 and 2 held and concluded, their windows passed."""
    head_l, head_x = users["truongkhoa.llcs"], users["truongkhoa.xdd"]
    sec, _principal = users["thuongtruc"], users["hieutruong"]
    staff_l = list(StaffMember.objects.filter(department=depts["llcs"], user__isnull=True)[:4])
    staff_x = list(StaffMember.objects.filter(department=depts["xdd"], user__isnull=True)[:4])
    text = "Hoàn thành xuất sắc nhiệm vụ giảng dạy; chủ nhiệm đề tài khoa học cấp trường."

    def accepted(head, award, **nominee):
        d = _nominate(head, award, achievements=text, **nominee)
        services.dossier_submit(acting_user=head, dossier_id=d.pk)
        _do(sec, d, "accept")
        return d

    # Drafts begun weeks ago; three of them are sent (and checked) today, below.
    _nominate(head_l, "CSTDCS", person=staff_l[0], achievements=text)  # draft
    early = [
        _nominate(head_l, "LDTT", person=staff_l[1], achievements=text),
        _nominate(head_x, "CSTDCS", person=staff_x[0], achievements=text),
        _nominate(head_x, "LDTT", person=staff_x[1], achievements=text),
    ]

    # Session 1, concluded and its posting over: on to the principal (one collective nomination failed the vote).
    first = [
        accepted(head_l, "LDTT", person=staff_l[2]),
        accepted(head_l, "CSTDCS", person=staff_l[2]),
        accepted(head_l, "BANGKHEN_TINH", person=staff_l[3]),
        accepted(head_x, "TTLDTT", department=depts["xdd"]),
        accepted(head_x, "BANGKHEN_TINH", person=staff_x[2]),
        accepted(head_l, "TTLDTT", department=depts["llcs"]),
    ]
    if clock is not None:
        clock.shift(timedelta(days=2))  # the meeting, two days after the dossiers were accepted
    session = run_session(sec, first, approve={first[-1].pk: 4}, absent={"hoidong7"})
    # A second session ("bổ sung"), two days later.
    extra = [
        accepted(users[h], "LDTT", person=_fresh(depts[d], "LDTT"))
        for h, d in (
            ("truongkhoa.llcs", "llcs"),
            ("truongkhoa.xdd", "xdd"),
            ("truongkhoa.xdd", "xdd"),
            ("truongkhoa.llcs", "llcs"),
        )
    ]
    extra.append(accepted(head_x, "BANGKHEN_TINH", person=_fresh(depts["xdd"], "BANGKHEN_TINH")))
    if clock is not None:
        clock.shift(timedelta(days=2))
    extra_session = run_session(sec, extra, title="Phiên họp bổ sung")
    close_posting(session, extra_session, clock=clock)  # the beat closes each window at its end
    return early, first, extra


def _present_dossiers(depts, users, early, first, extra):
    """Today: the decisions signed and issued, session 3's list posted, session 4 voting."""
    head_l, head_x = users["truongkhoa.llcs"], users["truongkhoa.xdd"]
    sec = users["thuongtruc"]
    staff_l = list(StaffMember.objects.filter(department=depts["llcs"], user__isnull=True)[:4])
    staff_x = list(StaffMember.objects.filter(department=depts["xdd"], user__isnull=True)[:4])
    text = "Hoàn thành xuất sắc nhiệm vụ giảng dạy; chủ nhiệm đề tài khoa học cấp trường."

    def accepted(head, award, **nominee):
        d = _nominate(head, award, achievements=text, **nominee)
        services.dossier_submit(acting_user=head, dossier_id=d.pk)
        _do(sec, d, "accept")
        return d

    to_check, returned, accepted_one = early
    services.dossier_submit(acting_user=head_l, dossier_id=to_check.pk)  # waiting for the completeness check
    services.dossier_submit(acting_user=head_x, dossier_id=returned.pk)
    _do(sec, returned, "return", "Thiếu bản sao quyết định công nhận sáng kiến.")  # returned to the department
    services.dossier_submit(acting_user=head_x, dossier_id=accepted_one.pk)
    _do(sec, accepted_one, "accept")  # waiting for the council: not yet on a session
    # The records clerk registers the year's plan, issued on paper outside this system: it takes its own number.
    register_manual(
        actor=users["vanthu"],
        doc_type="KH",
        subject="Kế hoạch tổ chức phong trào thi đua, khen thưởng năm 2026",
        signer="Phạm Quang Vinh",
        recipients="Các khoa, phòng",
    )
    # The batch documents of sessions 1 and 2: one LĐTT decision for five people and one letter to the province for
    # three, signed by the principal and issued by the records clerk (the worker forwards the letter's one package).
    (decision,) = issue_batch(users, [first[0], *extra[:4]])
    issue_batch(users, [first[2], first[4], extra[4]])
    # The records clerk records one certificate handed over (Trao giấy khen) at the school's year-end meeting.
    certificates.handover_record(
        actor=users["vanthu"],
        document_id=decision.pk,
        dossier_id=first[0].pk,
        handed_on=timezone.localdate(),
        received_by=first[0].nominee_person.full_name,
    )
    # The CSTĐCS decision and the collective LĐTT decision sent to the principal: he signs the first, which waits for
    # the records clerk's number; the second waits for his signature.
    waiting = batches.batch_draft(acting_user=sec, dossier_ids=[first[1].pk, first[3].pk])
    for document in waiting:
        batches.batch_send(acting_user=sec, document_id=document.pk)
    process_batches.batch_sign(acting_user=users["hieutruong"], document_id=waiting[0].pk, confirm=PASSWORD)

    # Session 2, concluded: its list is posted now, and a staff member objected to one dossier.
    second = [accepted(head_l, "LDTT", person=staff_l[3]), accepted(head_x, "LDTT", person=staff_x[2])]
    run_session(sec, second)
    council.objection_file(
        acting_user=users["canbo"],
        dossier_id=second[1].pk,
        text="Đồng chí được đề nghị đang bị xem xét kỷ luật tại chi bộ, đề nghị Hội đồng làm rõ.",
    )

    # Session 3, open now: the members vote (an open vote, and a secret ballot for the provincial title).
    # hoidong3 (Hoàng Đức Long) is himself nominated on it: he is recused from that ballot (conflict of interest).
    third = [
        accepted(head_x, "LDTT", person=staff_x[3]),
        accepted(head_l, "CSTD_TINH", person=staff_l[2]),
        accepted(head_l, "CSTDCS", person=users["hoidong3"].staff),
    ]
    run_session(sec, third, conclude=False, absent={"hoidong7"})


def _fresh(department, award):
    """A member of the department (the head included) not yet proposed for ``award`` this year."""
    taken = Dossier.objects.filter(period__year=CURRENT_YEAR, award__code=award).values("nominee_person")
    return (
        StaffMember.objects.filter(department=department, is_active=True).exclude(pk__in=taken).order_by("pk").first()
    )


def issue_batch(users, dossiers):
    """Draft, sign (the principal confirms with the demo password) and issue the documents covering ``dossiers``."""
    sec = users["thuongtruc"]
    documents = batches.batch_draft(acting_user=sec, dossier_ids=[d.pk for d in dossiers])
    for document in documents:
        batches.batch_send(acting_user=sec, document_id=document.pk)
        process_batches.batch_sign(acting_user=users["hieutruong"], document_id=document.pk, confirm=PASSWORD)
        process_batches.batch_issue(acting_user=users["vanthu"], document_id=document.pk)
    return documents


def seed_signers(users, pki_dir):
    """The demo's local CA, the principal's and vice-principal's signing certificates and the organisation's
    (made once, kept in ``pki_dir``)."""
    for username in ("hieutruong", "phohieutruong"):
        signer = users[username]
        credential = SigningCredential.objects.filter(user=signer).first()
        if credential and Path(credential.pkcs12_path).exists():
            continue
        path, passphrase, cert = issue_signer(pki_dir, username=signer.username, full_name=signer.get_full_name())
        SigningCredential.objects.update_or_create(
            user=signer,
            defaults={
                "pkcs12_path": str(path),
                "passphrase": passphrase,
                "subject": cert.subject.rfc4514_string()[:255],
                "valid_until": cert.not_valid_after_utc,
            },
        )
    org = users["hieutruong"].staff.organisation
    seal = OrganisationSeal.objects.filter(organisation=org).first()
    if seal is None or not Path(seal.pkcs12_path).exists():
        path, passphrase, cert = issue_signer(pki_dir, username=f"org-{org.code}", full_name=org.name)
        OrganisationSeal.objects.update_or_create(
            organisation=org,
            defaults={"pkcs12_path": str(path), "passphrase": passphrase, "subject": cert.subject.rfc4514_string()},
        )
    return SigningCredential.objects.get(user=users["hieutruong"])


def seed_delegation(users):
    """The principal lets the vice-principal sign "KT. HIỆU TRƯỞNG" for the year, so that login can sign too."""
    vice, org = users["phohieutruong"], users["hieutruong"].staff.organisation
    if delegations.delegation_in_force(vice, org) is None:
        today = timezone.localdate()
        delegations.delegation_create(
            actor=users["hieutruong"],
            delegate_id=vice.pk,
            capacity="KT",
            valid_from=today,
            valid_to=today + timedelta(days=365),
            reason="Phân công ký thay Hiệu trưởng năm học",
        )


def seed_regulation(org):
    """The school's regulation on emulation and commendation (one record, versioned): the council reads its values,
    the decisions and letters cite it among their grounds with its number and date."""
    SchoolRegulation.objects.get_or_create(
        organisation=org,
        effective_from=date(2024, 1, 15),
        defaults={
            "number": "05/QĐ-TCT",
            "signed_on": date(2024, 1, 10),
            "issued_by_title": f"Hiệu trưởng {org.name}",
        },
    )
    # The amended regulation adopted for 2027 (issue 20): the school's own quota ratio (CSTĐCS at most 15 % of the
    # LĐTT, where the law since 2024 leaves the ratio to the unit) and how its Initiatives Council decides, with
    # the article of each value. Sessions from 01/01/2027 copy it; the 2026 ones keep 05/QĐ-TCT.
    SchoolRegulation.objects.get_or_create(
        organisation=org,
        effective_from=date(2027, 1, 1),
        defaults={
            "number": "48/QĐ-TCT",
            "signed_on": date(2026, 11, 25),
            "issued_by_title": f"Hiệu trưởng {org.name}",
            "quotas": [{"award": "CSTDCS", "base": "LDTT", "percent": "15"}],
            "initiatives_threshold_percent": 60,
            "articles": {"council": "8", "posting": "10", "discipline": "", "quota": "12"},
        },
    )


def seed():
    org, depts, users = seed_people()
    seed_regulation(org)
    seed_signers(users, settings.SIGNING_PKI_DIR)
    seed_delegation(users)
    if not org.dossiers.exists():
        seed_dossiers(depts, users)
        spread_step_times()
    return users


def spread_step_times():
    """The demo's steps were all done within seconds: give them the days a real year takes, so that the overview's
    time per step (median, 90th percentile) and its late tasks show something (issue 16). The returned dossier's
    correction is late by two days."""
    hours = [20, 30, 44, 52, 70, 96, 120]
    for row in TaskDeadline.objects.filter(closed_at__isnull=False).order_by("pk"):
        row.started_at = row.closed_at - timedelta(hours=hours[row.pk % len(hours)])
        row.save(update_fields=["started_at"])
    now = timezone.now()
    TaskDeadline.objects.filter(closed_at__isnull=True, step="correct").update(
        started_at=now - timedelta(days=9), due_at=now - timedelta(days=2)
    )
