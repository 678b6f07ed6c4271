"""What the public page may show, and nothing more: posted lists inside their window (nominee, unit, award, window)
and signed, uncancelled award decisions (number, date, extract, awardees' names and units). No documents, no
achievements, no votes, no drafts, no other personal data. Three queries."""

from collections import OrderedDict

from django.utils import timezone

from domain.council.models import PostingEntry
from domain.dossiers.models import DossierStatus, IssuedDocument


def _nominee(dossier):
    person = dossier.nominee_person
    return {
        "name": person.full_name if person else dossier.nominee_department.name,
        "unit": person.department.name if person else dossier.organisation.name,
    }


def public_postings():
    """Entries whose window is open now: from the first day until 17:00 of the last one."""
    now = timezone.now()
    rows = (
        PostingEntry.objects.filter(
            closed_at__isnull=True,
            opens_on__lte=timezone.localdate(now),
            closes_at__gt=now,
            dossier__status=DossierStatus.POSTED,
        )
        .select_related(
            "dossier__award",
            "dossier__nominee_person__department",
            "dossier__nominee_department",
            "dossier__organisation",
        )
        .order_by("closes_on", "dossier__reference")
    )
    return [
        {**_nominee(e.dossier), "award": e.dossier.award.name, "opens_on": e.opens_on, "closes_on": e.closes_on}
        for e in rows
    ]


def public_decisions(limit=100):
    rows = (
        IssuedDocument.objects.filter(doc_type=IssuedDocument.Type.DECISION, status=IssuedDocument.Status.ISSUED)
        .select_related(
            "organisation",
            "dossier__award",
            "dossier__period",
            "dossier__nominee_person__department",
            "dossier__nominee_department",
            "dossier__organisation",
        )
        .order_by("-issued_on", "-number")[:limit]
    )
    decisions = OrderedDict()
    for doc in rows:
        d = decisions.setdefault(
            (doc.organisation_id, doc.year, doc.number),
            {
                "number": doc.symbol,
                "date": doc.issued_on,
                "extract": f"Về việc tặng {doc.dossier.award.name_vi} năm {doc.dossier.period.year}",
                "awardees": [],
            },
        )
        d["awardees"].append(_nominee(doc.dossier))
    return list(decisions.values())
