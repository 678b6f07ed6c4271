"""What the public page may show, and nothing more: posted lists inside their window (nominee, unit, award, window)
and signed, uncancelled award decisions (number, date, extract, awardees' names and units). No documents, no
achievements, no votes, no drafts, no other personal data. Three queries."""

from domain.council.models import PostingEntry
from domain.council.selectors import posted_now_q
from domain.dossiers.models import IssuedDocument


def _nominee(dossier):
    person = dossier.nominee_person
    return {
        "name": person.full_name if person else dossier.nominee_department.name,
        "unit": person.department.name if person else dossier.organisation.name,
    }


def public_postings(now=None):
    """Entries posted now (``council.selectors.posted_now_q``, the rule of the staff's list too): from the first day
    until 17:00 of the last one."""
    rows = (
        PostingEntry.objects.filter(posted_now_q(now))
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
    """Issued, uncancelled award decisions, each with every awardee its list names (three queries)."""
    from django.db.models import Prefetch

    from domain.dossiers.models import Dossier

    covered = Dossier.objects.select_related(
        "award", "period", "nominee_person__department", "nominee_department", "organisation"
    ).order_by("award__code", "id")
    rows = (
        IssuedDocument.objects.filter(doc_type=IssuedDocument.Type.DECISION, status=IssuedDocument.Status.ISSUED)
        .select_related("organisation")
        .prefetch_related(Prefetch("dossiers", queryset=covered))
        .order_by("-issued_on", "-number")[:limit]
    )
    decisions = []
    for doc in rows:
        dossiers = list(doc.dossiers.all())
        if not dossiers:
            continue
        awards = ", ".join(dict.fromkeys(d.award.name_vi for d in dossiers))
        decisions.append(
            {
                "number": doc.symbol,
                "date": doc.issued_on,
                "extract": f"Về việc tặng {awards} năm {dossiers[0].period.year}",
                "awardees": [_nominee(d) for d in dossiers],
            }
        )
    return decisions
