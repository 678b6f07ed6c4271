"""What every API view shares: a body too large is refused before it is read; a query parameter the operation does not
declare (in its schema: ``query_parameters`` here, plus ``page`` and ``page_size`` on lists) is a 400 naming it, and so
is a field of the body that its serializer does not have (``validated``)."""

from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import generics, serializers, views
from rest_framework.exceptions import ValidationError

from ..errors import RequestTooLarge
from ..params import query_int  # noqa: F401  (the views read their query parameters with it)


def refuse_large_body(request, error=RequestTooLarge):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise error()


PAGINATION = ("page", "page_size")


def refuse_unknown_query(request, allowed):
    unknown = sorted(name for name in request.query_params if name not in allowed)
    if unknown:
        raise ValidationError({name: [_("This query parameter is not accepted here.")] for name in unknown})


# A browser's form may carry its CSRF token in the body; it is Django's, not a field of ours.
NOT_OURS = frozenset({"csrfmiddlewaretoken"})


def validated(serializer_class, data, *, unknown_fields="refuse"):
    """The body's data, checked by ``serializer_class``: every error at once, a field the serializer does not know
    among them (a misspelt optional field would otherwise be dropped without a word: the client believes it sent what
    was lost). ``unknown_fields="ignore"`` for a system outside the school (the province), whose newer fields must not
    cost the answer it sends."""
    serializer = serializer_class(data=data)
    valid = serializer.is_valid()
    unknown = _unknown_fields(serializer, data) if unknown_fields == "refuse" else {}
    if not valid or unknown:
        raise ValidationError({**serializer.errors, **unknown})
    return serializer.validated_data


def _unknown_fields(serializer, data, prefix=""):
    if not isinstance(data, Mapping):
        return {}  # the serializer names the wrong type
    unknown = {}
    for key in data:
        field = serializer.fields.get(key)
        if field is None:
            if key not in NOT_OURS:
                unknown[f"{prefix}{key}"] = [_("This field is not accepted here.")]
        elif isinstance(field, serializers.Serializer):
            unknown |= _unknown_fields(field, data[key], f"{prefix}{key}.")
        elif isinstance(field, serializers.ListSerializer) and isinstance(data[key], list):
            for index, item in enumerate(data[key]):
                unknown |= _unknown_fields(field.child, item, f"{prefix}{key}.{index}.")
    return unknown


class ApiView(views.APIView):
    too_large = RequestTooLarge
    # The query parameters this view reads, by method: exactly those its schema declares.
    query_parameters = {}

    def allowed_query(self, request):
        return set(self.query_parameters.get(request.method, ()))

    def check_permissions(self, request):
        """Permission before validation: DRF's permission classes, then the view's ``may_<method>(request, **kwargs)``
        (the domain's policy for this write, on the object the URL names), both before the body is read, so a user
        who may not write is answered 403 (or 404 for what they may not see) whatever the body holds."""
        super().check_permissions(request)
        may = getattr(self, f"may_{request.method.lower()}", None)
        if may is not None:
            may(request, **self.kwargs)

    def initial(self, request, *args, **kwargs):
        refuse_large_body(request, self.too_large)
        super().initial(request, *args, **kwargs)
        if hasattr(self, request.method.lower()) and request.method.lower() in self.http_method_names:
            # after authentication and permission; a method the view lacks is a 405 (dispatch answers it)
            refuse_unknown_query(request, self.allowed_query(request))


class ApiListView(ApiView, generics.ListAPIView):
    def allowed_query(self, request):
        allowed = super().allowed_query(request)
        return allowed | set(PAGINATION) if request.method == "GET" else allowed


def query_bool(request, name):
    """A boolean query parameter (true/false, 1/0), False when absent; anything else is a 400 naming it."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return False
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise ValidationError({name: [_("Enter true or false.")]})


def query_choice(request, name, choices):
    """One of ``choices``, None when absent; anything else is a 400 naming the parameter."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        raise ValidationError({name: [_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}]})
    return raw


# Query parameters as the server reads them (query_int's bounds), so the schema says what is accepted.
YEAR = {"type": "integer", "minimum": 1900, "maximum": 9999}
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
