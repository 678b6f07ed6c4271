from django.contrib import admin

from .models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Changes reach the audit trail through ``audit.signals.watch`` (see apps.py)."""

    list_display = ("date", "kind", "organisation", "note")
    list_filter = ("kind", "organisation")
    date_hierarchy = "date"
