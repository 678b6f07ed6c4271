"""The outgoing register (sổ đăng ký văn bản đi, Decree 30/2020 Art. 15-16): numbers from 01 each calendar year,
per organisation and register group, taken by the records clerk (văn thư) when a document is issued.

A number is taken under the register row's lock in the caller's transaction: a failure rolls it back (no gap), two
clerks cannot take the same one, and a cancelled document keeps its number (never reused).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors

from .models import OutgoingRegister, RegisterEntry, RegisterSettings


def register_settings(organisation):
    settings_row, _created = RegisterSettings.objects.get_or_create(organisation=organisation)
    return settings_row


def format_symbol(organisation, number, doc_type, config=None):
    """'01/QĐ-TCT' (state style, zero-padded) or '21-QĐ/TCT' (Party style), as the organisation configures."""
    config = config or register_settings(organisation)
    return config.format(number, doc_type, organisation.code)


def _register_locked(organisation, year, group):
    try:
        with transaction.atomic():
            OutgoingRegister.objects.get_or_create(organisation=organisation, year=year, group=group)
    except IntegrityError:
        pass  # created by a concurrent clerk meanwhile
    return OutgoingRegister.objects.select_for_update(no_key=True).get(
        organisation=organisation, year=year, group=group
    )


def register_take(
    *, actor, organisation, doc_type, subject, issued_on, signer="", recipients="", document=None, manual=False
):
    """The next number of the register that keeps ``doc_type`` (caller holds the transaction)."""
    config = register_settings(organisation)
    register = _register_locked(organisation, issued_on.year, config.group_of(doc_type))
    register.last_number += 1
    register.save(update_fields=["last_number"])
    entry = RegisterEntry.objects.create(
        organisation=organisation,
        register=register,
        year=issued_on.year,
        number=register.last_number,
        symbol=format_symbol(organisation, register.last_number, doc_type, config),
        doc_type=doc_type,
        issued_on=issued_on,
        subject=subject[:500],
        signer=signer[:255],
        recipients=recipients[:500],
        manual=manual,
        document=document,
        created_by=actor,
    )
    return entry


def require_clerk(user):
    if not user or not user.is_authenticated or not user.has_perm("dossiers.issue_document"):
        raise errors.NotAllowed()


def register_manual(*, actor, doc_type, subject, issued_on=None, signer="", recipients=""):
    """Vào sổ văn bản phát hành ngoài hệ thống: a document issued outside this system takes its own number."""
    require_clerk(actor)
    from ground.organisation.selectors import staff_of

    staff = staff_of(actor)
    if staff is None:
        raise errors.NotAllowed()
    problems = {}
    if doc_type not in dict(RegisterEntry.DOC_TYPES):
        problems["doc_type"] = [_("Choose the type of document.")]
    if not (subject or "").strip():
        problems["subject"] = [_("Enter the subject of the document.")]
    if problems:
        raise errors.InvalidInput(errors=problems)
    with transaction.atomic():
        entry = register_take(
            actor=actor,
            organisation=staff.organisation,
            doc_type=doc_type,
            subject=subject.strip(),
            issued_on=issued_on or timezone.localdate(),
            signer=signer.strip(),
            recipients=recipients.strip(),
            manual=True,
        )
        record_event(
            actor=actor,
            action="register_entry_added",
            obj=entry,
            data={"symbol": entry.symbol, "doc_type": doc_type, "subject": entry.subject, "manual": True},
        )
    return entry


def register_entry_cancel(entry, *, reason):
    """The document is no longer in force; its line and number stay in the register."""
    entry.status = RegisterEntry.Status.CANCELLED
    entry.cancel_reason = reason
    entry.save(update_fields=["status", "cancel_reason"])
