from django.contrib import admin

from audit.services import record_event

from .models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "organisation", "note")
    list_filter = ("kind", "organisation")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            action="calendar_day_saved",
            data={"date": obj.date.isoformat(), "kind": obj.kind, "organisation": obj.organisation_id},
        )

    def delete_model(self, request, obj):
        record_event(actor=request.user, action="calendar_day_deleted", data={"date": obj.date.isoformat()})
        super().delete_model(request, obj)
