"""The catalog's names where a list stores award codes: ``{{ movement.award_codes|award_names }}``."""

from django import template

from ground.base import reference
from ground.organisation.models import AwardType

register = template.Library()


@register.filter
def award_names(codes):
    """``"LDTT, CSTDCS"`` as the awards' names in the active language (a code the catalog lacks stays as it is)."""
    names = {award.code: award.name for award in reference.rows(AwardType)}
    given = [code.strip() for code in str(codes or "").split(",") if code.strip()]
    return ", ".join(names.get(code.upper(), code) for code in given)


@register.filter
def decided_by(value):
    """``"province"`` as "Tỉnh": who decides an award (``AwardType.DecidedBy``)."""
    return AwardType.DecidedBy(value).label if value in AwardType.DecidedBy.values else value
