"""What each role sees on its home page (trang làm việc): one function per section, each a fixed number of queries.

``home_sections(user)`` gathers the sections of every role the user holds; the pages only render them.
"""

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from domain.council.models import Ballot, CouncilMember, CouncilSession, Objection, PostingEntry
from domain.council.selectors import ballots_waiting_for, with_posting_phase
from domain.deadlines.selectors import deadline_of, is_overdue
from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.dossiers.policies import visibility_q
from domain.official.delegations import delegation_in_force
from domain.official.selectors import documents_for
from domain.province.models import Delivery
from ground.audit.models import AuditEvent
from ground.organisation import roles
from ground.organisation.selectors import staff_of
from process.workflows.selectors import tasks_for

TASK_ROWS = 30
_DOSSIER = (
    "process__dossierprocess__dossier__award",
    "process__dossierprocess__dossier__department",
    "process__dossierprocess__dossier__nominee_person",
    "process__dossierprocess__dossier__nominee_department",
)


def my_tasks(user, *, limit=TASK_ROWS):
    """The open human tasks this user may act on, each with its dossier, deadline and lateness (one query)."""
    rows = []
    for task in tasks_for(user).select_related(*_DOSSIER)[:limit]:
        task.dossier = task.process.dossierprocess.dossier
        task.due = deadline_of(task)
        task.overdue = is_overdue(task.due)
        task.late_days = (timezone.now() - task.due.due_at).days if task.overdue else 0
        task.execute_url = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
        rows.append(task)
    return rows


def dossiers_by_status(user):
    """[(status label, count)] over the dossiers this user may see (one query)."""
    counts = dict(Dossier.objects.filter(visibility_q(user)).values_list("status").annotate(n=Count("id")).order_by())
    return [(label, counts[value]) for value, label in DossierStatus.choices if counts.get(value)]


def returned_dossiers(user):
    """Dossiers of the user's department returned for correction, oldest first (one query)."""
    return list(
        Dossier.objects.filter(visibility_q(user), status=DossierStatus.RETURNED)
        .select_related("award", "nominee_person", "nominee_department")
        .order_by("updated_at")[:20]
    )


def accepted_waiting_for_session(user):
    """Accepted dossiers on no unfinished session: what the next session may take up (one query)."""
    on_session = Ballot.objects.filter(dossier=OuterRef("pk")).exclude(session__status=CouncilSession.Status.CONCLUDED)
    return Dossier.objects.filter(visibility_q(user), status=DossierStatus.ACCEPTED).exclude(Exists(on_session)).count()


def postings_closing(user):
    """Open posting windows of the user's unit, the soonest to close first, each with its ``phase`` (one query)."""
    staff = staff_of(user)
    if staff is None:
        return []
    return list(
        with_posting_phase(
            PostingEntry.objects.filter(session__organisation_id=staff.organisation_id, closed_at__isnull=True)
        )
        .select_related("dossier__award", "dossier__nominee_person", "dossier__nominee_department")
        .order_by("closes_at")[:10]
    )


def delivery_counts():
    """{status: count} of the packages sent to the province (one query)."""
    return dict(Delivery.objects.values_list("status").annotate(n=Count("id")).order_by())


def delivery_rows():
    """[(status label, count)] of the packages sent to the province (one query)."""
    counts = delivery_counts()
    return [(label, counts[value]) for value, label in Delivery.Status.choices if counts.get(value)]


def sessions_called(user):
    """Unfinished sessions of a council the user sits on, with the ballots waiting for their vote (two queries)."""
    seats = CouncilMember.objects.filter(user=user, council__sessions=OuterRef("pk"))
    sessions = list(
        CouncilSession.objects.filter(Exists(seats))
        .exclude(status=CouncilSession.Status.CONCLUDED)
        .select_related("council__period")
        .order_by("meeting_date", "number")
    )
    by_session = {}
    for ballot in ballots_waiting_for(user) if sessions else []:
        by_session.setdefault(ballot.session_id, []).append(ballot)
    for session in sessions:
        session.waiting_ballots = by_session.get(session.pk, [])
    return sessions


def latest_events(limit=10):
    return list(AuditEvent.objects.select_related("dossier").order_by("-at", "-id")[:limit])


def my_awards(user):
    """The award history of the user as a member of staff, newest first (one query)."""
    staff = staff_of(user)
    if staff is None:
        return []
    return list(AwardRecord.objects.filter(person=staff).select_related("award").order_by("-year", "-decision_date"))


def my_objections(user):
    return list(
        Objection.objects.filter(filed_by=user)
        .select_related("dossier__award", "dossier__nominee_person", "dossier__nominee_department")
        .order_by("-filed_at")[:10]
    )


def _has(user, role_codes, role):
    return role in role_codes or (role == roles.ADMINISTRATOR and user.is_superuser)


def _documents_waiting(user, codes):
    """The batch documents waiting for this role: signatures (principal, a delegate), numbers and seals (records
    clerk); one query. None for roles without such work (the secretariat's drafts are on the documents' page)."""
    staff = staff_of(user)
    wanted = []
    delegate = roles.VICE_PRINCIPAL in codes and staff and delegation_in_force(user, staff.organisation)
    if roles.PRINCIPAL in codes or delegate:
        wanted.append("pending")
    if roles.RECORDS_CLERK in codes:
        wanted.append("signed")
    if not wanted:
        return None
    return list(documents_for(user).filter(status__in=wanted)[:10])


def home_sections(user):
    """{section: data} for every role the user holds (a fixed number of queries whatever the data's size)."""
    codes = set(roles.role_names(user))
    staff = staff_of(user)
    sections = {"roles": [roles.LABELS[c] for c in sorted(codes)]}
    if codes & {roles.DEPARTMENT_HEAD, roles.SECRETARIAT, roles.PRINCIPAL, roles.ADMINISTRATOR}:
        sections["tasks"] = my_tasks(user)
    by_status = dossiers_by_status(user) if codes & {roles.DEPARTMENT_HEAD, roles.SECRETARIAT, roles.PRINCIPAL} else []
    postings = postings_closing(user) if staff is not None else []
    if roles.DEPARTMENT_HEAD in codes:
        sections["department"] = {
            "by_status": by_status,
            "returned": returned_dossiers(user),
            "department": staff.department if staff else None,
        }
    if roles.SECRETARIAT in codes:
        sections["secretariat"] = {
            "by_status": by_status,
            "for_session": accepted_waiting_for_session(user),
            "postings": postings,
            "deliveries_failed": delivery_counts().get(Delivery.Status.FAILED, 0),
        }
    if roles.COUNCIL_MEMBER in codes:
        sections["council"] = sessions_called(user)
    if roles.PRINCIPAL in codes:
        sections["principal"] = {"by_status": by_status}
    waiting = _documents_waiting(user, codes)
    if waiting is not None:
        sections["documents"] = waiting
    if roles.AUDITOR in codes:
        sections["auditor"] = {"events": latest_events()}
    if roles.PROVINCE_CLIENT in codes:
        sections["province"] = {"deliveries": delivery_rows()}
    if staff is not None and not codes & {roles.SECRETARIAT, roles.AUDITOR, roles.PROVINCE_CLIENT}:
        sections["staff"] = {"awards": my_awards(user), "postings": postings, "objections": my_objections(user)}
    return sections
