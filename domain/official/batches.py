"""Batch documents (văn bản theo đợt): one decision per award the school decides (or one with an article per award,
as the template says), one submission letter per higher authority, each covering every approved dossier of its kind.

Domain rules only: drafting, the signer's certified PDF and the records clerk's issuing. Moving each dossier's
process is the process layer's work (``workflows.batches``).
"""

import hashlib
import hmac
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import verify_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.models import Dossier, DossierStatus, IssuedDocument
from domain.dossiers.policies import visibility_q
from domain.dossiers.services.dossiers import dossiers_transition
from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.selectors import staff_of

from . import register, render, signing
from .delegations import signer_capacity
from .models import OrganisationSeal, SigningCredential

D = IssuedDocument
ACTIVE = [D.Status.DRAFT, D.Status.PENDING, D.Status.SIGNED, D.Status.ISSUED]


def _organisation(user):
    staff = staff_of(user)
    if staff is None:
        raise errors.NotAllowed()
    return staff.organisation


def require_prepare(user):
    if not user.has_perm("dossiers.prepare_batch"):
        raise errors.NotAllowed()


def require_may_sign(*, actor, document_id):
    """Permission before validation: the principal, or a delegate in force (403 ``no_delegation``), on a document
    they may see (else 404)."""
    document = document_get(actor=actor, document_id=document_id)
    signer_capacity(actor, document.organisation)


def doc_type_for(award):
    return D.Type.DECISION if award.decided_by_unit else D.Type.SUBMISSION


def batch_candidates(organisation):
    """Approved dossiers (posting over, no objection pending) not yet in a document in force (a letter the province
    answered by returning the dossier does not count: the corrected dossier goes in a new letter)."""
    found = (
        Dossier.objects.filter(organisation=organisation, status=DossierStatus.APPROVED)
        .exclude(issued_documents__status__in=[D.Status.DRAFT, D.Status.PENDING, D.Status.SIGNED])
        .exclude(issued_documents__status=D.Status.ISSUED, issued_documents__doc_type=D.Type.DECISION)
    )
    return found.select_related("award", "period", "department", "nominee_person", "organisation").distinct()


def _key(dossier, articles):
    award = dossier.award
    if award.decided_by_unit:
        return (D.Type.DECISION, "" if articles else award.code, "")
    return (D.Type.SUBMISSION, "", award.decided_by)


def batch_draft(*, acting_user, dossier_ids=None):
    """Dự thảo: the documents covering the given approved dossiers (every approved dossier when none is given);
    the process layer turns a choice of council sessions into their dossiers."""
    require_prepare(acting_user)
    organisation = _organisation(acting_user)
    articles = render.template_for(organisation, D.Type.DECISION).articles
    candidates = batch_candidates(organisation)
    if dossier_ids is not None:
        candidates = candidates.filter(pk__in=dossier_ids)
    groups = {}
    for dossier in candidates.order_by("award__code", "id"):
        groups.setdefault(_key(dossier, articles), []).append(dossier)
    if not groups:
        raise errors.InvalidInput(_("No approved dossier is waiting for a document."))
    documents = []
    with transaction.atomic():
        for (doc_type, award_code, authority), members in groups.items():
            document = D.objects.create(
                organisation=organisation,
                doc_type=doc_type,
                award_code=award_code,
                authority=authority,
                prepared_by=acting_user,
            )
            document.dossiers.set(members)
            record_event(
                actor=acting_user,
                action="batch_drafted",
                obj=document,
                data={"doc_type": doc_type, "award": award_code, "dossiers": [d.reference for d in members]},
            )
            documents.append(document)
    return documents


def _locked(document_id, organisation=None):
    found = D.objects.select_for_update(of=("self",), no_key=True).select_related("organisation").filter(pk=document_id)
    if organisation is not None:
        found = found.filter(organisation=organisation)
    document = found.first()
    if document is None:
        raise errors.NotVisible()
    return document


def _fits(document, dossier):
    if doc_type_for(dossier.award) != document.doc_type:
        return False
    if document.doc_type == D.Type.DECISION:
        return not document.award_code or document.award_code == dossier.award.code
    return document.authority == dossier.award.decided_by


def batch_change(*, acting_user, document_id, add=(), remove=(), version=None):
    """Add or remove dossiers of a draft (a dossier left out can go in a later batch)."""
    require_prepare(acting_user)
    organisation = _organisation(acting_user)
    with transaction.atomic():
        document = _locked(document_id, organisation)
        if document.status != D.Status.DRAFT:
            raise errors.Conflict(_("Only a draft can be changed."))
        if version is not None and int(version) != document.version:
            raise errors.Conflict()
        if add:
            candidates = list(batch_candidates(organisation).filter(pk__in=add))
            wrong = [d.reference for d in candidates if not _fits(document, d)]
            if len(candidates) != len(set(add)) or wrong:
                raise errors.InvalidInput(errors={"add": [_("These dossiers cannot go in this document.")]})
            document.dossiers.add(*candidates)
        if remove:
            document.dossiers.remove(*remove)
        document.version += 1
        document.save(update_fields=["version"])
        record_event(
            actor=acting_user,
            action="batch_changed",
            obj=document,
            data={"added": list(add), "removed": list(remove)},
        )
    return document


def batch_send(*, acting_user, document_id):
    """Trình ký: the draft goes to the signer (principal, or a delegate)."""
    require_prepare(acting_user)
    with transaction.atomic():
        document = _locked(document_id, _organisation(acting_user))
        if document.status != D.Status.DRAFT:
            raise errors.Conflict(_("Only a draft can be sent for signature."))
        if not document.dossiers.exists():
            raise errors.InvalidInput(_("The document lists no dossier."))
        document.status = D.Status.PENDING
        document.version += 1
        document.save(update_fields=["status", "version"])
        record_event(actor=acting_user, action="batch_sent_for_signature", obj=document)
    return document


def document_dossiers(document):
    return list(
        document.dossiers.select_related(
            "award__regime", "period", "department", "nominee_person", "organisation"
        ).order_by("award__code", "nominee_person__full_name", "id")
    )


def _signer_name(user):
    return user.get_full_name() or user.get_username()


def can_see(user, document):
    """Whoever may see every dossier of the unit (secretariat, signers, clerk, auditors) sees its documents."""
    staff = staff_of(user)
    if user.is_superuser:
        return True
    if staff is None or staff.organisation_id != document.organisation_id:
        return False
    if user.has_perm("dossiers.view_all_dossiers") or user.has_perm("dossiers.audit"):
        return True
    return Dossier.objects.filter(visibility_q(user), issued_documents=document).exists()


def document_get(*, actor, document_id):
    document = D.objects.select_related("organisation", "signed_by", "issued_by").filter(pk=document_id).first()
    if document is None or not can_see(actor, document):
        raise errors.NotVisible()
    return document


def batch_preview(*, actor, document_id):
    """The document as it will read: the number and date are left blank until the records clerk issues it."""
    document = document_get(actor=actor, document_id=document_id)
    if not document.file and not (actor.has_perm("dossiers.view_all_dossiers") or actor.has_perm("dossiers.audit")):
        raise errors.NotAllowed()  # a draft is for the secretariat, the signers, the clerk and auditors
    if document.file:
        with document.file.open("rb") as handle:
            return handle.read()
    block = document.signature_block or {}
    return render.render_pdf(
        document.doc_type,
        document_dossiers(document),
        day=timezone.localdate(),
        signer_name=_signer_name(document.signed_by or actor),
        block=block,
    )


def signer_confirmed_on_server(actor, confirm):
    """True when the signer's key is kept on the server and ``confirm`` is their password (or the key's passphrase):
    a worker may then sign for them later (``preconfirmed``), nothing secret travelling with the job. False for a key
    protected by its own PIN (opened only with the PIN, in the request). A wrong confirmation is refused here."""
    credential = SigningCredential.objects.filter(user=actor).first()
    if credential is None or not credential.passphrase:
        return False
    if not _confirms(actor, credential, confirm):
        raise errors.WrongPin()
    return True


def _confirms(actor, credential, confirm):
    """Whether ``confirm`` is the key's passphrase or the signer's login password."""
    return _confirmation(actor, credential, confirm)()


def _confirmation(actor, credential, confirm):
    """Start checking ``confirm``; returns a callable answering whether it is the key's passphrase or the signer's
    login password. The passphrase is compared first (in constant time); the password's hash (Argon2, some 120 ms
    of both cores, computed outside the GIL) is checked on another thread, so that the caller may go on meanwhile
    with what changes nothing. A hash of an older hasher is rewritten with the preferred one, as ``check_password``
    does at a login."""
    if not confirm:
        return lambda: False
    if hmac.compare_digest(confirm.encode(), credential.passphrase.encode()):
        return lambda: True
    checking = _in_background(verify_password, confirm, actor.password)

    def answer():
        correct, must_update = checking.result()
        if correct and must_update:
            actor.set_password(confirm)
            actor._password = None  # a hash rewritten is not a password changed
            actor.save(update_fields=["password"])
        return correct

    return answer


def _key_opener(actor, confirm, preconfirmed=False):
    """A callable giving the signer's key, opened only when they confirm with their login password or the key's PIN
    (``preconfirmed``: they did, with their password, when they asked for the signature:
    ``signer_confirmed_on_server``); a wrong confirmation is refused (``WrongPin``) when it is called.

    The confirmation is checked from now on (``_confirmation``) while the caller reads the dossiers and renders the
    PDF, neither of which changes anything: nothing is signed, and no number taken, before the key is handed over."""
    credential = SigningCredential.objects.filter(user=actor).first()
    if credential is None:
        raise errors.InvalidInput(_("No signing certificate is set up for you: ask the administrator."))
    if not credential.passphrase:  # a key protected by its own PIN, given at each signature
        return lambda: _opened(credential, confirm or "")
    confirmed = (lambda: True) if preconfirmed else _confirmation(actor, credential, confirm)

    def opened():
        if not confirmed():
            raise errors.WrongPin()
        return _opened(credential, credential.passphrase)

    return opened


def _in_background(function, *args):
    executor = ThreadPoolExecutor(max_workers=1)
    try:
        return executor.submit(function, *args)
    finally:
        executor.shutdown(wait=False)  # the thread ends with its one call


def _opened(credential, passphrase):
    try:
        return signing.load_signer(credential.pkcs12_path, passphrase)
    except (signing.WrongPin, FileNotFoundError) as exc:
        raise errors.WrongPin() from exc


def appearance(name, block, title, when):
    lines = [f"Ký bởi: {name}", f"Chức vụ: {block.get('title') or title}"]
    if block.get("capacity"):
        lines[1] += f" ({block['capacity']}. {block.get('head_title', '')})"
    lines.append(f"Thời gian: {timezone.localtime(when):%H:%M:%S %d/%m/%Y}")
    return "\n".join(lines)


def batch_sign(*, actor, document, confirm, require_eligible, comment="", preconfirmed=False):
    """Ký: the signer certifies the document (number and date still to be filled); every dossier moves on
    (awarded / proposed) with its own history line. The caller holds the document's and the processes' locks."""
    if document.status != D.Status.PENDING:
        raise errors.Conflict(_("This document is not waiting for a signature."))
    block, delegation = signer_capacity(actor, document.organisation)
    dossiers = document_dossiers(document)
    target = DossierStatus.AWARDED if document.doc_type == D.Type.DECISION else DossierStatus.PROPOSED
    if not all(dossier.can_move_to(target) for dossier in dossiers):
        raise errors.InvalidTransition()
    open_key = _key_opener(actor, confirm, preconfirmed)  # the password checked meanwhile, on another thread
    require_eligible(dossiers)  # the process layer's check of the hard rules, before anything is signed
    now = timezone.now()
    template = render.template_for(document.organisation, document.doc_type)
    pdf, positions = render.render_document(
        document.doc_type,
        dossiers,
        day=timezone.localdate(),
        signer_name=_signer_name(actor),
        block=block,
        fields=True,
    )
    key = open_key()  # a wrong confirmation stops here: nothing signed, no number taken
    slot = positions["signer"]
    signed, subject = signing.certify(
        pdf,
        signer=key,
        box=tuple(int(v) for v in slot["box"]),
        page=slot["page"],
        appearance=appearance(_signer_name(actor), block, template.signer_title, now),
        reason=f"{document.get_doc_type_display()}",
        location=document.organisation.place,
    )
    document.signed_file.save(
        f"{document.doc_type}-{document.pk}-ky.pdf".replace("Đ", "D"), ContentFile(signed), save=False
    )
    document.signed_sha256 = hashlib.sha256(signed).hexdigest()
    document.signer_subject = subject[:255]
    document.signed_by, document.signed_at, document.signature_block = actor, now, block
    document.delegation = delegation
    document.status = D.Status.SIGNED
    document.version += 1
    document.save()
    action = "decision_signed" if document.doc_type == D.Type.DECISION else "submission_signed"
    record_event(
        actor=actor,
        action="batch_signed",
        obj=document,
        comment=comment,
        data={
            "sha256": document.signed_sha256,
            "certificate": document.signer_subject,
            "delegation": delegation.pk if delegation else None,
            "dossiers": len(dossiers),
        },
    )
    data = {"document": document.pk, "sha256": document.signed_sha256, "certificate": document.signer_subject}
    moves = [(dossier, target, action, comment, data, document) for dossier in dossiers]
    dossiers_transition(moves, actor=actor, step="sign")  # one UPDATE for the document's dossiers
    return document, dossiers


def require_clerk(user):
    register.require_clerk(user)


def _seal_key(organisation):
    seal = OrganisationSeal.objects.filter(organisation=organisation).first()
    if seal is None:
        raise errors.InvalidInput(_("The organisation's signing certificate is not set up: ask the administrator."))
    return signing.load_signer(seal.pkcs12_path, seal.passphrase)


def batch_issue(*, actor, document):
    """Phát hành: the records clerk takes the number and date from the register, writes them into the signed PDF
    and adds the organisation's signature (the signer's stays valid). The caller holds the locks."""
    require_clerk(actor)
    if document.status != D.Status.SIGNED:
        raise errors.Conflict(_("This document is not signed, or already issued."))
    key = _seal_key(document.organisation)
    today = timezone.localdate()
    dossiers = document_dossiers(document)
    subject = render._text(
        render.template_for(document.organisation, document.doc_type).subject, render.context(dossiers, day=today)
    )
    entry = register.register_take(
        actor=actor,
        organisation=document.organisation,
        doc_type=document.doc_type,
        subject=subject,
        issued_on=today,
        signer=document.signed_by.get_full_name(),
        document=document,
        recipients="Ban Thi đua - Khen thưởng tỉnh" if document.doc_type == D.Type.SUBMISSION else "",
    )
    with document.signed_file.open("rb") as handle:
        signed = handle.read()
    date_text = render.vn_date(document.organisation.place, today)
    values = {render.NUMBER_FIELD: (entry.symbol, 12), render.DATE_FIELD: (date_text, 13)}
    values.update({render.ANNEX_NUMBER_FIELD: (entry.symbol, 13), render.ANNEX_DATE_FIELD: (f"{today:%d/%m/%Y}", 13)})
    sealed, _subject = signing.seal(
        signed, values=values, signer=key, reason=f"Phát hành {entry.symbol}", location=document.organisation.place
    )
    document.file.save(f"{entry.symbol}.pdf".replace("/", "-").replace("Đ", "D"), ContentFile(sealed), save=False)
    document.sha256, document.size = hashlib.sha256(sealed).hexdigest(), len(sealed)
    document.year, document.number, document.symbol, document.issued_on = today.year, entry.number, entry.symbol, today
    document.issued_by, document.status = actor, D.Status.ISSUED
    document.version += 1
    document.save()
    record_event(
        actor=actor,
        action="document_issued",
        obj=document,
        data={"symbol": entry.symbol, "sha256": document.sha256, "dossiers": len(dossiers)},
    )
    for dossier in dossiers:
        record_event(
            actor=actor,
            action="document_issued",
            dossier=dossier,
            obj=document,
            step="issue",
            data={"symbol": entry.symbol, "sha256": document.sha256},
        )
    return document, dossiers
