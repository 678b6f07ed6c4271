"""The catalog's names where a list stores award codes: ``{% award_names movement.award_codes %}``,
``{% document_award document %}``."""

from django import template

from ground.base import reference
from ground.organisation.models import AwardType

register = template.Library()


def _names(context):
    """``{code: name in the active language}``, read once per rendering (a list's rows share it)."""
    cache = context.render_context
    if "award_names" not in cache:
        cache["award_names"] = {award.code: award.name for award in reference.rows(AwardType)}
    return cache["award_names"]


@register.simple_tag(takes_context=True)
def award_names(context, codes):
    """``"LDTT, CSTDCS"`` as the awards' names (a code the catalog lacks stays as it is)."""
    names = _names(context)
    given = [code.strip() for code in str(codes or "").split(",") if code.strip()]
    return ", ".join(names.get(code.upper(), code) for code in given)


@register.simple_tag(takes_context=True)
def document_award(context, document):
    """What a batch document gives: its award, or, for a letter, who decides ("Cấp tỉnh"), else "—"."""
    if document.award_code:
        return award_names(context, document.award_code)
    if document.authority in AwardType.DecidedBy.values:
        return AwardType.DecidedBy(document.authority).label
    return document.authority or "—"
