"""Look-ups: the award catalog, departments and staff (nominees)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from domain.dossiers import selectors

from .. import serializers as s
from .base import ID, YEAR, ApiListView, query_int


@extend_schema(parameters=[OpenApiParameter("period", YEAR, description="Only the awards in force for this year")])
class AwardListView(ApiListView):
    serializer_class = s.AwardSerializer
    query_parameters = {"GET": ("period",)}

    def get_queryset(self):
        return selectors.awards_catalog(period_year=query_int(self.request, "period", minimum=1900, maximum=9999))


class DepartmentListView(ApiListView):
    serializer_class = s.DepartmentSerializer

    def get_queryset(self):
        return selectors.departments_for(self.request.user)


@extend_schema(parameters=[OpenApiParameter("department", ID, description="A department's id")])
class StaffListView(ApiListView):
    serializer_class = s.StaffSerializer
    query_parameters = {"GET": ("department",)}

    def get_queryset(self):
        qs = selectors.staff_for(self.request.user)
        department = query_int(self.request, "department")
        return qs.filter(department_id=department) if department else qs
