"""A task that finishes or is cancelled (by any path: executed, withdrawn, undone) stops its reminders."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from viewflow.workflow.models import Task


@receiver(post_save, sender=Task)
def _task_saved(sender, instance, created, **kwargs):
    if not created:
        from .services import deadlines_close

        deadlines_close([instance])
