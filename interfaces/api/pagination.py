from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound

from .params import query_int


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 200), answered as ``{"count", "next", "previous", "results"}``.

    A page or page size that is not a whole number in range is a 400 naming it (DRF would silently use the default);
    a page past the last one is a 404. The schema says so (minimum and maximum)."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200
    max_page = 2**31 - 1

    def get_page_size(self, request):
        return query_int(request, self.page_size_query_param, maximum=self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        query_int(request, self.page_query_param, maximum=self.max_page)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound(_("There is no such page.")) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: self.max_page, self.page_size_query_param: self.max_page_size}
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": bounds[parameter["name"]]}
        return parameters
