"""A mail server that is down: the reminder mail is retried with backoff, then sent exactly once."""

import pytest

from ground.notifications.models import Notification
from tests.deadlines.smtp import SMTPServer
from tests.deadlines.timeline import at, deliver, sweep_at, travel
from tests.helpers import member, nominate, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    server = SMTPServer(refuse=2).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def test_mail_server_down_then_up_sends_one_mail(client, people, smtp):
    head = people["truongkhoa.llcs"]
    with travel(at(2026, 2, 13)):
        submit(client, head, nominate(client, head, award="CSTDCS", person=member(people, "llcs")))
    assert sweep_at(at(2026, 2, 23, 8, 5)) == 1
    assert deliver(at(2026, 2, 23, 8, 5)) == 0  # refused
    note = Notification.objects.get()
    assert (note.email_status, note.email_attempts) == ("pending", 1) and "421" in note.email_error
    assert deliver(at(2026, 2, 23, 8, 5)) == 0  # not due again before its backoff: no attempt
    assert smtp.refused == 1
    with travel(at(2026, 2, 23, 8, 7)):
        from domain.deadlines.services import sweep

        assert sweep()["mails"] == 1  # the beat hands the due retry to a worker again
    assert deliver(at(2026, 2, 23, 8, 7)) == 0  # refused a second time; backoff doubles
    assert deliver(at(2026, 2, 23, 8, 8)) == 0
    assert deliver(at(2026, 2, 23, 8, 10)) == 1  # the server is back
    assert deliver(at(2026, 2, 23, 9)) == 0
    assert smtp.refused == 2 and len(smtp.messages) == 1
    rcpts, message = smtp.messages[0]
    assert rcpts == ["thuongtruc@truongchinhtri.laichau.example"]
    assert str(message["Subject"]).strip().startswith("Sắp đến hạn")
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    note.refresh_from_db()
    assert (note.email_status, note.email_attempts) == ("sent", 3)
