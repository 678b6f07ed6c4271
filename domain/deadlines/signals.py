"""A task that finishes or is cancelled (by any path: executed, withdrawn, undone) stops its reminders."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

CLOSED = {STATUS.DONE, STATUS.CANCELED, STATUS.ERROR, STATUS.REVIVED}


@receiver(post_save, sender=Task)
def _task_saved(sender, instance, created, **kwargs):
    if not created and instance.status in CLOSED and instance.flow_task_type == "HUMAN":
        from .services import deadlines_close

        deadlines_close([instance.pk])
