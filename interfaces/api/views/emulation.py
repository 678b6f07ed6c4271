"""Emulation movements and registrations (đăng ký thi đua): thin views over ``emulation`` selectors and services.
A registration for a movement outside its target units is refused (400 ``not_in_target_units``), outside its
registration window too (409 ``registration_closed``)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from domain.dossiers import policies
from domain.emulation import selectors, services

from .. import serializers as s
from .base import YEAR, ApiListView, query_int, validated


def _year(request):
    return query_int(request, "year", minimum=1900, maximum=9999) or timezone.localdate().year


@extend_schema(parameters=[OpenApiParameter("year", YEAR, description="The emulation year (default: this year)")])
class MovementListView(ApiListView):
    """The unit's movements running in the year, with their target units and registration window."""

    serializer_class = s.MovementSerializer
    query_parameters = {"GET": ("year",)}

    def get_queryset(self):
        movements, self.department_id = selectors.movements_visible(self.request.user, _year(self.request))
        return movements

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "department_id": getattr(self, "department_id", None)}


class RegistrationListView(ApiListView):
    """The caller's department's registrations for a year (GET); replace them (POST)."""

    serializer_class = s.RegistrationSerializer
    query_parameters = {"GET": ("year",)}
    body_rules = {
        "POST": (
            "every person is a member of your department, every award one a person may register for, the movement "
            "open to your department (400 not_in_target_units) and its registration window open (409)",
            (400,),
        )
    }

    def may_post(self, request, **_kwargs):
        """Permission before validation: a department head registers their department."""
        policies.require_may_nominate(request.user)

    def get_queryset(self):
        return selectors.department_registrations(self.request.user, _year(self.request))

    @extend_schema(parameters=[OpenApiParameter("year", YEAR, description="The emulation year (default: this year)")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=s.RegistrationSaveSerializer, responses={201: s.RegistrationSaveResultSerializer})
    def post(self, request):
        """Replace the department's registrations for the year, answering a movement (optional): the movement must
        be open to the department (its target units) and its registration window open today."""
        data = validated(s.RegistrationSaveSerializer, request.data)
        choices = {c["person"]: c["award"] for c in data["choices"]}
        services.registration_save(
            acting_user=request.user, year=data["year"], choices=choices, movement_id=data["movement"]
        )
        rows = selectors.department_registrations(request.user, data["year"])
        body = {"year": data["year"], "registrations": rows}
        return Response(s.RegistrationSaveResultSerializer(body).data, status=status.HTTP_201_CREATED)
