"""Lists people work with: one way to filter, sort, page, export to Excel and print a list of rows (issue 16).

A page gives its rows (a queryset its selector already limited to what the user may see), a ``django-filter``
FilterSet and a ``django-tables2`` Table; ``work_list`` answers with

- the page: the filter form, the table sorted by the clicked column (``?sort=``), 25 rows a page (``?page=``);
- ``?export=xlsx``: every filtered row, in the table's order and columns, as an Excel file written by
  ``spreadsheets.xlsx_bytes`` (the one way rows leave the system: a cell never starts a formula);
- ``?print=1``: every filtered row on a page made for paper (print CSS, the filters applied written above it).

The filters only narrow the rows the selector gave: they never widen what a role sees.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import force_str
from django_tables2 import RequestConfig

from .pagination import CappedPaginator
from .spreadsheets import xlsx_bytes

PER_PAGE = 25
EXPORT_LIMIT = 20_000  # rows in one Excel file
PRINT_LIMIT = 2_000  # rows on one printed list
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sorted_by(request, column):
    """Whether the list is sorted by ``column`` (``?sort=column`` or ``-column``): a sort that needs more joins asks
    for them only then."""
    return request.GET.get("sort", "").lstrip("-") == column


def applied_filters(filterset):
    """[(label, shown value)] of the filters the user set, for the printed list's heading."""
    form = filterset.form
    if not form.is_bound or not form.is_valid():
        return []
    shown = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()) or value is False:
            continue
        field = form.fields[name]
        choices = dict(getattr(field, "choices", ()) or ())
        text = choices.get(value, choices.get(str(value), value)) if choices else value
        shown.append((force_str(field.label or name), force_str(text)))
    return shown


def _values(table, limit):
    """Header and rows of the table as plain values (what the page shows, without its HTML)."""
    rows = table.as_values()
    header = next(rows)
    body = []
    for row in rows:
        if len(body) >= limit:
            break
        body.append(row)
    return header, body


def work_list(request, *, rows, filterset_class, table_class, template, title, filename, context=None, **filter_kw):
    """The list page, its Excel export or its printed view (see the module's docstring)."""
    filterset = filterset_class(request.GET or None, queryset=rows, request=request, **filter_kw)
    # Configured below, once: given the request here, django-tables2 would paginate (and count every row) at once.
    table = table_class(filterset.qs)
    output = request.GET.get("export") or ("print" if request.GET.get("print") else "")
    if output:
        RequestConfig(request, paginate=False).configure(table)
        limit = EXPORT_LIMIT if output == "xlsx" else PRINT_LIMIT
        header, body = _values(table, limit)
        if output == "xlsx":
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response = HttpResponse(xlsx_bytes(force_str(title), header, body), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
            return response
        page = {
            "title": title,
            "header": header,
            "rows": body,
            "truncated": len(body) >= limit,
            "limit": limit,
            "filters": applied_filters(filterset),
            "printed_at": timezone.now(),
        }
        return render(request, "lists/print.html", page)
    RequestConfig(request, paginate={"per_page": PER_PAGE, "paginator_class": CappedPaginator}).configure(table)
    query = request.GET.copy()
    for key in ("page", "export", "print"):
        query.pop(key, None)
    page = {
        "title": title,
        "filter": filterset,
        "table": table,
        "query": query.urlencode(),
        **(context or {}),
    }
    return render(request, template, page)
