"""Names of the recorded actions, as people read them in a dossier's history and the auditor's workspace."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from domain.dossiers.models import DossierStatus

LABELS = {
    "dossier_created": _("Nominated (draft created)"),
    "dossier_updated": _("Dossier edited"),
    "document_uploaded": _("Document attached"),
    "dossier_submitted": _("Submitted to the secretariat"),
    "dossier_resubmitted": _("Corrected and resubmitted"),
    "dossier_withdrawn": _("Withdrawn by the department"),
    "task_claimed": _("Task taken"),
    "task_released": _("Task given back"),
    "completeness_accepted": _("Completeness check: accepted"),
    "dossier_returned": _("Returned for correction"),
    "council_approved": _("Council: approved"),
    "council_rejected": _("Council: not selected"),
    "council_session_created": _("Council session called"),
    "council_agenda_added": _("Put on a council session's agenda"),
    "attendance_recorded": _("Council attendance recorded"),
    "council_session_opened": _("Council session opened (quorum present)"),
    "vote_cast": _("Council member voted"),
    "written_vote_recorded": _("Written vote of an absent member recorded"),
    "ballot_closed": _("Votes counted"),
    "quota_decided": _("Quota exceeded: decision of the secretariat"),
    "quota_left_out": _("Left out by a quota"),
    "council_selected": _("Council: selected, posted for objections"),
    "council_session_concluded": _("Council session concluded"),
    "objection_filed": _("Objection filed"),
    "objection_upheld": _("Objection upheld: dossier rejected"),
    "objection_dismissed": _("Objection dismissed"),
    "posting_closed": _("Posting period over"),
    "decision_signed": _("Award decision signed"),
    "submission_signed": _("Submission letter signed"),
    "batch_drafted": _("Batch document drafted"),
    "batch_changed": _("Batch document: list changed"),
    "batch_sent_for_signature": _("Batch document sent for signature"),
    "batch_signed": _("Batch document signed"),
    "document_issued": _("Document numbered, sealed and issued"),
    "register_entry_added": _("Registered in the outgoing register"),
    "delegation_granted": _("Signing delegation granted"),
    "delegation_revoked": _("Signing delegation revoked"),
    "certificate_handed_over": _("Certificate handed over"),
    "forwarded_to_province": _("Delivered to the province"),
    "forward_failed": _("Delivery to the province failed"),
    "delivery_attempted": _("Package sent to the province (attempt)"),
    "province_approved": _("Province: awarded"),
    "province_rejected": _("Province: not awarded"),
    "province_returned": _("Province: returned for correction"),
    "province_signature_refused": _("Province message refused: bad signature"),
    "login": _("Signed in"),
    "logout": _("Signed out"),
    "login_failed": _("Failed sign-in"),
    "login_locked_out": _("Sign-in locked after repeated failures"),
    "login_unlocked": _("Sign-in unlocked by the administrator"),
    "access_denied": _("Access refused"),
    "roles_added": _("Roles granted"),
    "roles_removed": _("Roles taken away"),
    "roles_cleared": _("All roles taken away"),
    "permissions_added": _("Permissions granted to a role"),
    "permissions_removed": _("Permissions taken from a role"),
    "permissions_cleared": _("All permissions taken from a role"),
    "audit_exported": _("Audit trail exported"),
    "task_escalated": _("Overdue task escalated"),
    "dossier_closed_late": _("Closed as late (not submitted in time)"),
    "province_date_at_risk": _("Will miss the province's submission date"),
    "document_cancelled": _("Signed document cancelled"),
    "award_history_imported": _("Award history imported"),
    "ratings_imported": _("Yearly ratings imported"),
    "initiative_created": _("Initiative proposed"),
    "initiative_submitted": _("Initiative submitted to the Initiatives Council"),
    "initiative_recognised": _("Initiative recognised"),
    "initiative_rejected": _("Initiative not recognised"),
    "registration_saved": _("Emulation registration saved"),
    "registrations_imported": _("Emulation registrations imported"),
    "forward_retried": _("Delivery to the province tried again"),
    "award_revoked": _("Award revoked"),
    "complaint_registered": _("Complaint or denunciation registered"),
    "complaint_extended": _("Time limit of a complaint extended"),
    "complaint_resolved": _("Complaint or denunciation resolved"),
    "movement_dossiers_linked": _("Dossiers linked to an emulation movement"),
    "movement_summary_drafted": _("Movement summary drafted"),
    "movement_summary_completed": _("Movement summary completed"),
    "fund_income_added": _("Award fund: income recorded"),
    "payout_paid": _("Award fund: payout paid"),
    "payouts_paid": _("Award fund: payouts paid"),
    "payout_reversed": _("Award fund: payout reversed"),
}

_VERBS = {"created": _("%(model)s created"), "changed": _("%(model)s changed"), "deleted": _("%(model)s deleted")}


def change_rows(changes):
    """``(field, before, after)`` as people read them: the dossier's status by its name, empty values as "—"."""

    names = dict(DossierStatus.choices)
    rows = []
    for field, (before, after) in changes.items():
        if field == "status":
            before, after = names.get(before, before), names.get(after, after)
        rows.append((_FIELDS.get(field, field), before if before not in (None, "") else "—", after or "—"))
    return rows


_FIELDS = {"status": _("Status"), "achievements": _("Achievements")}


def label(action):
    """A readable label; configuration changes (``<model>_created|changed|deleted``) are named after the model."""
    if action in LABELS:
        return LABELS[action]
    model_name, _sep, verb = action.rpartition("_")
    if verb in _VERBS:
        for model in apps.get_models():
            if model._meta.model_name == model_name:
                return _VERBS[verb] % {"model": model._meta.verbose_name}
    return action
