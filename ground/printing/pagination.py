"""Pages of long lists that never count every row.

At 100,000 dossiers the COUNT(*) of a list (every open task a signer may take, every dossier an auditor sees) cost
more than reading the page itself, which an index serves in order with LIMIT 25. Lists count at most ``CAP`` + 1
rows, and say "more than 1,000" beyond: nobody pages through a thousand rows; they filter.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP = 1000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def count(self):
        queryset = _queryset_of(self.object_list)
        if queryset is None:
            return len(self.object_list)
        if queryset.query.is_sliced:  # bounded already
            return queryset.count()
        found = capped_count(queryset, self.cap)
        table_data = getattr(self.object_list, "data", None)
        if table_data is not None and table_data is not queryset:
            table_data._length = found  # django-tables2's rows: len() would count the whole list again
        return found

    @property
    def capped(self):
        """More rows than the cap: the list shows "more than …" instead of a total."""
        return self.count > self.cap


def capped_count(queryset, cap=CAP):
    """The rows of ``queryset``, counted no further than one past ``cap`` (and with no sort for it)."""
    return queryset.order_by()[: cap + 1].count()


def _queryset_of(rows):
    """The queryset behind a list: itself, or django-tables2's rows (BoundRows, then TableQuerysetData)."""
    for _depth in range(3):
        if rows is None or hasattr(rows, "query"):
            return rows
        rows = getattr(rows, "data", None)
    return None
