"""Notifications: written in Vietnamese and in English, shown in the app in the page's language, mailed in the
recipient's through an outbox.

A notification's e-mail is a row state (``email_status``), not a broker message: a worker sends it
after the transaction that created it commits, marks it sent only after the mail server accepted
it, and retries it with backoff when the server is down; the beat sweep re-dispatches what is due,
so a lost message or a killed worker delays a mail but never loses or repeats it.
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Digest, Notification, Preference

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=1)
# A new mail goes out on commit; the beat re-dispatches it only if it is still unsent after this long.
OUTBOX_GRACE = timedelta(minutes=2)


@dataclass
class Message:
    """What to tell one person; ``render`` is called inside each language (Vietnamese, English)."""

    recipient_id: int
    kind: str
    render: object  # callable() -> (title, body)
    link: str = ""
    dossier_id: int | None = None
    task_id: int | None = None
    key: str = ""  # an event told once: a message whose key this recipient already has is left out


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


def _recipients(messages):
    """``{user id: their address and preferences, and the keys of ``messages`` they were already told}``: one query
    (an active user only; a key in an EXISTS of its own, so that SQLite answers it as PostgreSQL does)."""
    keys = sorted({m.key for m in messages if m.key})
    told = {
        f"told_{i}": Exists(Notification.objects.filter(recipient_id=OuterRef("pk"), key=key))
        for i, key in enumerate(keys)
    }
    rows = get_user_model().objects.filter(pk__in={m.recipient_id for m in messages}, is_active=True)
    people = {}
    for row in rows.annotate(**told).values(
        "pk", "email", "notification_pref__language", "notification_pref__digest", *told
    ):
        row["told"] = {key for i, key in enumerate(keys) if row.pop(f"told_{i}")}
        people[row["pk"]] = row
    return people


_collecting = threading.local()


@contextmanager
def notifications_together():
    """The notifications created in the block are written when it ends, together: one query for their people and
    one insert, for a batch that tells each of twenty dossiers' departments. Nested blocks write with the outermost;
    a block left by an exception writes nothing (its transaction is being rolled back)."""
    if getattr(_collecting, "messages", None) is not None:
        yield
        return
    _collecting.messages = messages = []
    try:
        yield
    finally:
        _collecting.messages = None
    if messages:
        _write(messages)


def notifications_create(messages):
    """Write the notifications (one query for the people, one insert) and mail them after commit; in a
    ``notifications_together`` block, with the block's.

    Messages with a key are idempotent: one already written for the same recipient and key is not written again."""
    collected = getattr(_collecting, "messages", None)
    if collected is not None:
        collected.extend(messages)
        return
    _write(messages)


def _write(messages):
    people = _recipients(messages)
    now = timezone.now()
    fresh = _not_yet_told(messages, people)
    texts = {}
    for language in ("vi", "en"):
        with translation.override(language):  # once per language, not per message
            texts[language] = [m.render() for m in fresh]
    rows = [
        _row(m, people[m.recipient_id], now, vi, en) for m, vi, en in zip(fresh, texts["vi"], texts["en"], strict=True)
    ]
    created = Notification.objects.bulk_create(rows)
    pending = [n.pk for n in created if n.email_status == Notification.Email.PENDING]
    if pending:
        transaction.on_commit(lambda: _dispatch(pending), robust=True)  # broker down: the outbox sweep sends it


def _not_yet_told(messages, people):
    """The messages to active people, less those whose key the person has already (or twice in ``messages``)."""
    fresh = []
    for m in messages:
        person = people.get(m.recipient_id)
        if person is None:
            continue
        if m.key:
            if m.key in person["told"]:
                continue
            person["told"].add(m.key)
        fresh.append(m)
    return fresh


def _row(m, person, now, vi, en):
    status = Notification.Email.NONE
    if person["email"]:
        status = Notification.Email.DIGEST if person["notification_pref__digest"] else Notification.Email.PENDING
    return Notification(
        recipient_id=m.recipient_id,
        kind=m.kind,
        title=str(vi[0])[:255],
        body=str(vi[1]),
        title_en=str(en[0])[:255],
        body_en=str(en[1]),
        link=m.link,
        dossier_id=m.dossier_id,
        task_id=m.task_id,
        key=m.key,
        email_status=status,
        email_next_at=now + OUTBOX_GRACE if status == Notification.Email.PENDING else None,
    )


def _dispatch(ids):
    from .tasks import deliver_notifications

    deliver_notifications.delay(ids)


def _language(user):
    pref = Preference.objects.filter(user=user).values_list("language", flat=True).first()
    return pref or settings.LANGUAGE_CODE


def _mail(user, subject, template, context):
    """``subject()`` and the templates in the recipient's language."""
    with translation.override(_language(user)):
        subject = str(subject())
        text = render_to_string(f"notifications/{template}.txt", context)
        html = render_to_string(f"notifications/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def _backoff(attempts):
    return min(timedelta(seconds=30 * 2 ** min(attempts, 10)), MAX_BACKOFF)


def notification_deliver(notification_id):
    """Send one notification's e-mail if it is still due; idempotent, safe with several workers."""
    now = timezone.now()
    with transaction.atomic():
        n = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, email_status=Notification.Email.PENDING)
            .filter(Q(email_attempts=0) | Q(email_next_at__lte=now))
            .first()
        )
        if n is None:
            return False
        try:
            _mail(n.recipient, lambda: n.shown_title, "notification", {"n": n, "url": absolute(n.link)})
        except Exception as exc:  # the mail server is down or refused: try again later
            log.warning("Mail of notification %s failed: %s", n.pk, exc)
            n.email_attempts += 1
            n.email_next_at = now + _backoff(n.email_attempts)
            n.email_error = str(exc)[:1000]
            n.save(update_fields=["email_attempts", "email_next_at", "email_error"])
            return False
        n.email_status = Notification.Email.SENT
        n.emailed_at = timezone.now()
        n.email_attempts += 1
        n.email_error = ""
        n.save(update_fields=["email_status", "emailed_at", "email_attempts", "email_error"])
        return True


def outbox_redispatch(now=None, limit=1000):
    """Beat: mails whose time has come (a retry, or a message the broker lost) go to a worker again."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(email_status=Notification.Email.PENDING, email_next_at__lte=now)
        .order_by("email_next_at")
        .values_list("pk", flat=True)[:limit]
    )
    if ids:
        transaction.on_commit(lambda: _dispatch(ids), robust=True)
    return len(ids)


# --- the daily digest ----------------------------------------------------------------------------


def digests_prepare(day):
    """Create today's digest of every user with reminders waiting for it (unique per user and day)."""
    user_ids = set(
        Notification.objects.filter(email_status=Notification.Email.DIGEST, digest__isnull=True).values_list(
            "recipient_id", flat=True
        )
    )
    Digest.objects.bulk_create([Digest(user_id=u, date=day) for u in user_ids], ignore_conflicts=True)
    digests = Digest.objects.filter(user_id__in=user_ids, date=day, sent_at__isnull=True)
    for digest in digests:
        Notification.objects.filter(
            recipient_id=digest.user_id, email_status=Notification.Email.DIGEST, digest__isnull=True
        ).update(digest=digest)
    return list(Digest.objects.filter(sent_at__isnull=True, date__lte=day).values_list("pk", flat=True))


def digest_deliver(digest_id):
    """Send one digest once: locked, marked sent only after the mail server accepted it."""
    now = timezone.now()
    with transaction.atomic():
        digest = (
            Digest.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=digest_id, sent_at__isnull=True)
            .first()
        )
        if digest is None or (digest.next_attempt_at and digest.next_attempt_at > now):
            return False
        items = list(digest.notifications.order_by("created_at", "id"))
        if not items:  # nothing left to say (e.g. its notifications were deleted): close it
            digest.sent_at = now
            digest.save(update_fields=["sent_at"])
            return False
        try:
            context = {"digest": digest, "items": [(n, absolute(n.link)) for n in items]}
            subject = lambda: _("Daily summary: %(count)d reminders") % {"count": len(items)}  # noqa: E731
            _mail(digest.user, subject, "digest", context)
        except Exception as exc:
            log.warning("Digest %s failed: %s", digest.pk, exc)
            digest.attempts += 1
            digest.next_attempt_at = now + _backoff(digest.attempts)
            digest.last_error = str(exc)[:1000]
            digest.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            return False
        digest.sent_at = timezone.now()
        digest.attempts += 1
        digest.save(update_fields=["sent_at", "attempts"])
        digest.notifications.update(email_status=Notification.Email.SENT, emailed_at=digest.sent_at)
        return True


def digests_redispatch(now=None, limit=1000):
    """Beat: a digest the mail server refused is retried when its backoff has passed, not a day later."""
    now = now or timezone.now()
    ids = list(
        Digest.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).values_list("pk", flat=True)[:limit]
    )
    if ids:
        from .tasks import deliver_digests

        transaction.on_commit(lambda: deliver_digests.delay(ids), robust=True)
    return len(ids)


# --- in the app ------------------------------------------------------------------------------------


def notification_mark_read(*, acting_user, notification_id=None):
    """Mark one (or, without an id, every) notification of the user as read."""
    rows = Notification.objects.filter(recipient=acting_user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


def preference_for(user):
    pref, _created = Preference.objects.get_or_create(user=user)
    return pref


def preference_update(*, acting_user, language, digest):
    pref = preference_for(acting_user)
    pref.language = language
    pref.digest = digest
    pref.save(update_fields=["language", "digest"])
    return pref
