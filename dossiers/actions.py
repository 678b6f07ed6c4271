"""Names of the recorded actions, as people read them in a dossier's history."""

from django.utils.translation import gettext_lazy as _

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
    "council_rejected": _("Council: rejected"),
    "decision_signed": _("Award decision signed"),
    "submission_signed": _("Submission letter signed"),
    "forwarded_to_province": _("Delivered to the province"),
    "forward_failed": _("Delivery to the province failed"),
    "province_approved": _("Province: awarded"),
    "province_rejected": _("Province: not awarded"),
    "task_escalated": _("Overdue task escalated"),
    "dossier_closed_late": _("Closed as late (not submitted in time)"),
    "province_date_at_risk": _("Will miss the province's submission date"),
}


def label(action):
    return LABELS.get(action, action)
