from domain.dossiers.models import AwardRecord
from domain.emulation.models import Movement


def awards_lookup(organisation_id, *, name="", department_id=None, movement_id=None, year=None, limit=200):
    """Tra cứu khen thưởng: awards of the unit by person's name, department and movement (one query)."""
    qs = AwardRecord.objects.filter(organisation_id=organisation_id).select_related(
        "person__department", "department", "award"
    )
    if name:
        qs = qs.filter(person__full_name__icontains=name) | qs.filter(department__name__icontains=name)
    if department_id:
        qs = qs.filter(person__department_id=department_id) | qs.filter(department_id=department_id)
    if movement_id:
        qs = qs.filter(dossier__movements=movement_id)
    if year:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "decision_number", "pk")[:limit])


def movements_of(organisation_id):
    return Movement.objects.filter(organisation_id=organisation_id).order_by("-start")
