"""Query parameters as the API reads them: one reader for the views and the pagination alike."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError


def query_int(request, name, *, minimum=1, maximum=2**31 - 1):
    """An integer query parameter, None when absent; anything else is a 400 naming the parameter."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        raise ValidationError(
            {name: [_("Enter a whole number between %(min)s and %(max)s.") % {"min": minimum, "max": maximum}]}
        )
    return value
