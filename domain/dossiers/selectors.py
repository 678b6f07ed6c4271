"""Reads for pages and the API: visibility applied, a fixed number of queries."""

from datetime import date

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce

from ground.base import errors
from ground.organisation.models import AwardType, Department, Period, StaffMember
from ground.organisation.selectors import staff_of

from . import policies
from .models import Document, Dossier, IssuedDocument

_LIST_RELATED = ("award", "period", "department", "nominee_person", "nominee_department")


def dossier_list(user, *, status=None, period=None, department=None, award=None, by_name=False):
    """The dossiers this user may see, newest first; ``by_name``: with ``nominee_name`` annotated, to sort by (two
    more joins, which a count of the list would carry too: only when asked)."""
    qs = Dossier.objects.filter(policies.visibility_q(user)).select_related(*_LIST_RELATED)
    if by_name:
        qs = qs.annotate(nominee_name=nominee_name())
    if status:
        qs = qs.filter(status=status)
    if period:
        qs = qs.filter(period__year=period)
    if department:
        qs = qs.filter(department_id=department)
    if award:
        qs = qs.filter(award__code=award)
    return qs.order_by("-created_at", "-id")


def search_q(text, prefix=""):
    """Dossiers whose number (HS-…) or nominee's name contains ``text``; ``prefix`` reaches the dossier from
    another model (``"process__dossierprocess__dossier__"``, ``"dossier__"``)."""
    q = Q()
    for word in (text or "").split():
        q &= (
            Q(**{f"{prefix}reference__icontains": word})
            | Q(**{f"{prefix}nominee_person__full_name__icontains": word})
            | Q(**{f"{prefix}nominee_department__name__icontains": word})
        )
    return q


def nominee_name(prefix=""):
    """The nominee's name as one expression (a person's or a department's), to sort by."""
    return Coalesce(F(f"{prefix}nominee_person__full_name"), F(f"{prefix}nominee_department__name"))


def periods_for(user):
    """The periods (years) of the user's organisation, newest first: the catalog the lists filter by."""
    staff = staff_of(user)
    if staff is None:
        return Period.objects.none()
    return Period.objects.filter(organisation_id=staff.organisation_id).order_by("-year")


def award_choices():
    """[(code, name)] of the award catalog, one entry per code (the newest regime's name), by name."""
    names = {}
    for award in awards_catalog():
        names[award.code] = award.name
    return sorted(names.items(), key=lambda item: str(item[1]))


def dossier_get(user, pk, *, documents="current"):
    """The dossier if this user may see it; otherwise NotVisible (404), never 403. Its documents come with it:
    ``"current"`` the current ones (``current_documents``), ``"all"`` every version (``document_versions``, newest
    first per kind), ``None`` none."""
    found = Document.objects.select_related("uploaded_by")
    prefetch = {
        "current": [Prefetch("documents", found.filter(is_current=True).order_by("kind", "id"), "current_documents")],
        "all": [Prefetch("documents", found.order_by("kind", "-version", "-id"), "document_versions")],
        None: [],
    }[documents]
    dossier = (
        Dossier.objects.filter(policies.visibility_q(user), pk=pk)
        .select_related(*_LIST_RELATED, "award__regime", "created_by", "organisation")
        .prefetch_related(*prefetch)
        .first()
    )
    if dossier is None:
        raise errors.NotVisible()
    policies.mark_visible(user, dossier)
    return dossier


def document_get(user, dossier_pk, document_pk):
    dossier = dossier_get(user, dossier_pk)
    document = Document.objects.filter(dossier=dossier, pk=document_pk).first()
    if document is None:
        raise errors.NotVisible()
    return document


def nominees_for(user):
    """Staff and departments a department head may nominate."""
    staff = staff_of(user)
    if not staff:
        return StaffMember.objects.none(), Department.objects.none()
    people = StaffMember.objects.filter(department_id=staff.department_id, is_active=True)
    return people, Department.objects.filter(pk=staff.department_id)


def open_periods(user):
    staff = staff_of(user)
    if not staff:
        return Period.objects.none()
    return Period.objects.filter(organisation_id=staff.organisation_id, is_open=True)


def dossier_events(dossier):
    """The audit trail of one dossier, oldest first (the caller has checked visibility; a page of it goes through
    ``council.selectors.withhold_objectors_in_trail`` before it is shown)."""
    return dossier.events.select_related("actor").order_by("at", "id")


def awards_catalog(*, period_year=None):
    """The award catalog; with a year, only the awards under the legal regime in force for it."""
    qs = AwardType.objects.select_related("regime")
    if period_year:
        day = date(int(period_year), 12, 31)
        qs = qs.filter(regime__effective_from__lte=day).filter(
            Q(regime__effective_to__isnull=True) | Q(regime__effective_to__gte=day)
        )
    return qs.order_by("regime__effective_from", "code", "id")


def departments_for(user):
    """The departments of the user's organisation (everyone with a staff record)."""
    staff = staff_of(user)
    if staff is None:
        return Department.objects.none()
    return Department.objects.filter(organisation_id=staff.organisation_id).order_by("name", "id")


def staff_for(user):
    """Nominee look-up: a department head sees their own department's staff, other roles the organisation's."""
    staff = staff_of(user)
    if staff is None:
        return StaffMember.objects.none()
    qs = StaffMember.objects.filter(organisation_id=staff.organisation_id, is_active=True).select_related("department")
    if user.has_perm("dossiers.nominate") and not user.has_perm("dossiers.view_all_dossiers"):
        qs = qs.filter(department_id=staff.department_id)
    return qs.order_by("full_name", "id")


def issued_documents(dossier):
    """The batch documents covering the dossier once signed (decisions, submission letters), cancelled ones
    included: the same document (id, symbol) for every dossier of its batch."""
    return list(
        IssuedDocument.objects.filter(dossiers=dossier)
        .exclude(status__in=[IssuedDocument.Status.DRAFT, IssuedDocument.Status.PENDING])
        .select_related("organisation")
        .order_by("id")
    )
