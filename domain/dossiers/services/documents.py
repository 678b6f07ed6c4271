"""Stored files of a dossier: checked by content, hashed, versioned, never overwritten."""

import hashlib
import zipfile

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors
from ground.base.kept import kept
from ground.printing.text import clean_text

from .. import policies
from ..models import Document
from .dossiers import dossier_locked

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sniff_content_type(fileobj):
    """The type of a file by its first bytes (and, for Office files, its zip directory)."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return DOCX
            if any(n.startswith("xl/") for n in names):
                return XLSX
    return None


def _checked(uploaded):
    limit = settings.DOCUMENT_MAX_BYTES
    if uploaded.size > limit:
        raise errors.FileTooLarge(
            _("The file is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    content_type = sniff_content_type(uploaded)
    if content_type is None:
        raise errors.FileTypeNotAccepted()
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return content_type, digest.hexdigest()


_CURRENT = kept(
    lambda dossier, kind: Document.objects.filter(dossier_id=dossier, kind=kind, is_current=True).order_by("pk")[:1],
    dossier=int,
    kind=str,
)


def document_store(*, actor, dossier, kind, uploaded, replaces=None, checked=None, looked_up=False):
    """Store a file of the dossier without a permission check (system documents, e.g. a decision). ``checked`` and
    ``looked_up``: the caller has checked the file already, and read the current version it replaces."""
    if kind not in Document.Kind.values:
        raise errors.InvalidInput(errors={"kind": [_("Choose a kind of document.")]})
    checked = checked or _checked(uploaded)
    previous = replaces
    if previous is None and kind in Document.SINGLE_KINDS and not looked_up:
        previous = _CURRENT.first(dossier=dossier.pk, kind=kind)
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    doc = _next_version(dossier, kind, uploaded, checked, previous, actor)
    doc.save()
    _record_stored(actor, doc)
    return doc


def documents_store_many(*, actor, dossiers, kind, uploaded):
    """One file stored as the current document of one kind of every dossier (a session's minutes): as
    ``document_store`` for each, with one query for the versions they replace, one update and one insert."""
    if kind not in Document.SINGLE_KINDS:
        raise errors.InvalidInput(errors={"kind": [_("Choose a kind of document.")]})
    checked = _checked(uploaded)
    current = Document.objects.filter(dossier__in=[d.pk for d in dossiers], kind=kind, is_current=True)
    previous = {doc.dossier_id: doc for doc in current.only("pk", "dossier_id", "version")}
    if previous:
        Document.objects.filter(pk__in=[doc.pk for doc in previous.values()]).update(is_current=False)
    docs = []
    for dossier in dossiers:
        uploaded.seek(0)  # each dossier keeps its files under its own folder
        docs.append(_next_version(dossier, kind, uploaded, checked, previous.get(dossier.pk), actor))
    Document.objects.bulk_create(docs)
    for doc in docs:
        _record_stored(actor, doc)
    return docs


def _next_version(dossier, kind, uploaded, checked, previous, actor):
    """The new document (unsaved, its file stored): the next version of ``previous``, or the first."""
    content_type, sha256 = checked
    doc = Document(
        dossier=dossier,
        kind=kind,
        filename=clean_text(uploaded.name, strict=False)[:255],  # NFC, no controls: as every text we keep
        sha256=sha256,
        size=uploaded.size,
        content_type=content_type,
        version=(previous.version + 1) if previous else 1,
        supersedes=previous,
        uploaded_by=actor,
    )
    doc.file.save(doc.filename, uploaded, save=False)
    return doc


def _record_stored(actor, doc):
    record_event(
        actor=actor,
        action="document_uploaded",
        dossier=doc.dossier,
        obj=doc,
        data={
            "document": doc.pk,
            "kind": doc.kind,
            "filename": doc.filename,
            "sha256": doc.sha256,
            "size": doc.size,
            "version": doc.version,
        },
    )


def document_upload(*, acting_user, dossier_id, kind, uploaded, replaces_id=None):
    """A department head adds a file to their dossier while it is a draft or returned."""
    with transaction.atomic():
        dossier = dossier_locked(dossier_id)
        policies.require_department_action(acting_user, dossier)
        if not dossier.is_editable:
            raise errors.InvalidTransition()
        if kind in Document.SYSTEM_KINDS:
            raise errors.InvalidInput(errors={"kind": [_("This kind of document is attached by the process itself.")]})
        replaces = None
        if replaces_id:
            replaces = dossier.documents.filter(pk=replaces_id, is_current=True).first()
            if replaces is None:
                raise errors.InvalidInput(errors={"replaces": [_("This document has already been replaced.")]})
        checked = _checked(uploaded)
        # The same file sent again (a double click, a retried request; the dossier's lock orders them): kept once.
        if kind in Document.SINGLE_KINDS:
            replaces = replaces or _CURRENT.first(dossier=dossier.pk, kind=kind)
            same = replaces if replaces is not None and replaces.sha256 == checked[1] else None
        else:
            same = dossier.documents.filter(kind=kind, is_current=True, sha256=checked[1]).first()
        if same is not None:
            return same
        return document_store(
            actor=acting_user,
            dossier=dossier,
            kind=kind,
            uploaded=uploaded,
            replaces=replaces,
            checked=checked,
            looked_up=True,
        )


def province_decision_store(*, actor, dossier, uploaded):
    """The province's decision file, attached by the secretariat when it records the decision: a PDF of at most
    ``PROVINCE_DECISION_MAX_BYTES``; a new one becomes the next version. Errors name the ``decision_file`` field."""
    limit = settings.PROVINCE_DECISION_MAX_BYTES
    if uploaded.size > limit:
        raise errors.InvalidInput(
            errors={
                "decision_file": [
                    _("The file is %(size)s; at most %(limit)s is accepted.")
                    % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
                ]
            }
        )
    if sniff_content_type(uploaded) != PDF:
        raise errors.InvalidInput(errors={"decision_file": [_("The province's decision must be a PDF file.")]})
    return document_store(actor=actor, dossier=dossier, kind=Document.Kind.PROVINCE_DECISION, uploaded=uploaded)
