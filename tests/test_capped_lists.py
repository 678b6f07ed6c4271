"""Long lists never count every row (issue 18): past 1,000 rows a list says "more than 1,000" and pages on."""

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from django_tables2 import RequestConfig

from ground.notifications.models import Notification
from ground.printing.pagination import CAP, CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(people):
    user = people["thuongtruc"]
    Notification.objects.bulk_create(
        Notification(recipient=user, kind="reminder", title=f"Nhắc việc {i}", body="") for i in range(CAP + 5)
    )
    return user


class _Table(tables.Table):
    title = tables.Column()


def test_a_queryset_is_counted_up_to_the_cap(many):
    pages = CappedPaginator(Notification.objects.filter(recipient=many).order_by("-id"), 25)
    assert (pages.count, pages.capped) == (CAP + 1, True)
    assert len(pages.page(2).object_list) == 25
    few = CappedPaginator(Notification.objects.filter(recipient=many)[:30], 25)
    assert (few.count, few.capped, few.num_pages) == (30, False, 2)


def test_a_table_is_counted_up_to_the_cap(many):
    table = _Table(Notification.objects.filter(recipient=many).order_by("-id"))
    RequestConfig(RequestFactory().get("/"), paginate={"per_page": 25, "paginator_class": CappedPaginator}).configure(
        table
    )
    assert (table.paginator.count, table.paginator.capped, len(table.rows)) == (CAP + 1, True, CAP + 1)


def test_the_page_says_more_than_the_cap(client, many):
    client.force_login(many)
    response = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    pages = -(-(CAP + 1) // 30)  # 30 a page
    assert f"1/{pages}+" in response.content.decode()
