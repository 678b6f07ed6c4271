"""Administrator changes to the calendar: drop this process's cached copy and write the audit trail."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import CalendarDay


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def _calendar_changed(sender, **kwargs):
    services.clear_cache()
