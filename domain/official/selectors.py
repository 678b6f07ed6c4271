"""Reads for the documents' pages and API, in a fixed number of queries."""

from django.db.models import Count, Q
from django.utils import timezone

from domain.dossiers.models import IssuedDocument
from ground.organisation.selectors import staff_of

from .batches import batch_candidates, document_dossiers
from .delegations import delegation_in_force
from .models import Delegation, RegisterEntry


def can_see_documents(user):
    return bool(
        user.is_authenticated and (user.has_perm("dossiers.view_all_dossiers") or user.has_perm("dossiers.audit"))
    )


def documents_for(user, *, status=None):
    """The unit's batch documents, newest first, each with its number of dossiers (one query)."""
    staff = staff_of(user)
    if staff is None or not can_see_documents(user):
        return IssuedDocument.objects.none()
    found = IssuedDocument.objects.filter(organisation_id=staff.organisation_id)
    if status:
        found = found.filter(status=status)
    return found.select_related("signed_by", "issued_by").annotate(dossier_count=Count("dossiers")).order_by("-id")


def signing_organisations(user, day=None):
    """The organisations whose documents ``user`` signs today: the principal's own unit, and every unit whose
    principal delegated their signature to ``user`` for a period covering today (not revoked). One query."""
    if not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    staff = staff_of(user)
    found = set(
        Delegation.objects.filter(
            delegate=user, valid_from__lte=day, valid_to__gte=day, revoked_at__isnull=True
        ).values_list("organisation_id", flat=True)
    )
    if staff is not None and user.has_perm("dossiers.sign"):
        found.add(staff.organisation_id)
    return sorted(found)


def documents_to_sign(user, day=None):
    """The batch documents waiting for this user's signature (as principal or delegate), oldest first."""
    organisations = signing_organisations(user, day)
    if not organisations:
        return IssuedDocument.objects.none()
    return (
        IssuedDocument.objects.filter(organisation_id__in=organisations, status=IssuedDocument.Status.PENDING)
        .annotate(dossier_count=Count("dossiers"))
        .order_by("id")
    )


def document_page(user, document):
    """What the document's page shows: its dossiers (the annex), those that could be added, the signer's standing."""
    from .batches import _fits

    staff = staff_of(user)
    addable = []
    if document.status == IssuedDocument.Status.DRAFT and user.has_perm("dossiers.prepare_batch"):
        addable = [d for d in batch_candidates(document.organisation) if _fits(document, d)]
    delegation = delegation_in_force(user, document.organisation) if staff else None
    return {
        "dossiers": document_dossiers(document),
        "addable": addable,
        "can_prepare": user.has_perm("dossiers.prepare_batch"),
        "can_sign": user.has_perm("dossiers.sign") or delegation is not None,
        "delegation": delegation,
        "can_issue": user.has_perm("dossiers.issue_document"),
        "handovers": {h.dossier_id: h for h in document.handovers.all()},
    }


def register_entries(user, *, q="", year=None, doc_type=""):
    """The outgoing register (sổ đăng ký văn bản đi), filtered: text in the number or subject, year, type."""
    staff = staff_of(user)
    if staff is None or not can_see_documents(user):
        return RegisterEntry.objects.none()
    found = RegisterEntry.objects.filter(organisation_id=staff.organisation_id)
    if year:
        found = found.filter(year=year)
    if doc_type:
        found = found.filter(doc_type=doc_type)
    if q:
        found = found.filter(Q(symbol__icontains=q) | Q(subject__icontains=q) | Q(signer__icontains=q))
    return found.select_related("register", "document", "created_by").order_by("-year", "register__group", "-number")
