"""What every API view shares: a body too large is refused before it is read."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import generics, views
from rest_framework.exceptions import ValidationError

from ..exceptions import RequestTooLarge


def refuse_large_body(request, error=RequestTooLarge):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise error()


class ApiView(views.APIView):
    too_large = RequestTooLarge

    def initial(self, request, *args, **kwargs):
        refuse_large_body(request, self.too_large)
        super().initial(request, *args, **kwargs)


class ApiListView(generics.ListAPIView):
    def initial(self, request, *args, **kwargs):
        refuse_large_body(request)
        super().initial(request, *args, **kwargs)


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


# Query parameters as the server reads them (query_int's bounds), so the schema says what is accepted.
YEAR = {"type": "integer", "minimum": 1900, "maximum": 9999}
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
