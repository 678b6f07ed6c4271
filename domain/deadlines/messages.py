"""What a reminder, an escalation or a warning says, rendered later in each recipient's language."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from domain.dossiers.steps import STEPS
from ground.notifications.services import Message


def message_for(out):
    """The notification for one planned send: its texts are rendered in the recipient's language."""
    d = out.deadline
    task, dossier = d.task, d.dossier
    step = STEPS[d.step].title if d.step in STEPS else d.step

    def render():
        due = formats.date_format(timezone.localtime(d.due_at), "SHORT_DATETIME_FORMAT")
        names = {"reference": dossier.reference, "step": step, "due": due}
        if out.kind == "escalation":
            return (
                _("Overdue task: %(step)s · %(reference)s") % names,
                _("The task “%(step)s” of dossier %(reference)s was due on %(due)s and is still not done.") % names,
            )
        if out.kind == "province_risk":
            date = formats.date_format(dossier.period.province_submission_date, "SHORT_DATE_FORMAT")
            return (
                _("Dossier %(reference)s will miss the province's date") % names,
                _("At the current service levels dossier %(reference)s cannot reach the province by %(date)s.")
                % {**names, "date": date},
            )
        if out.slot == "before":
            return _("Due soon: %(step)s · %(reference)s") % names, _("Please complete it by %(due)s.") % names
        if out.slot == "due":
            return _("Due today: %(step)s · %(reference)s") % names, _("Please complete it by %(due)s.") % names
        return (
            _("Overdue: %(step)s · %(reference)s") % names,
            _("This task was due on %(due)s. Please complete it.") % names,
        )

    if out.kind in ("escalation", "province_risk"):
        link = reverse("dossiers:detail", args=[dossier.pk])
    else:
        link = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    return Message(out.recipient_id, out.kind, render, link, dossier.pk, task.pk)
