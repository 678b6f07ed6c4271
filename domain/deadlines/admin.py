from django.contrib import admin

from ground.organisation.models import Period

from .models import ServiceLevel, TaskDeadline
from .services import period_recheck_deadlines


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = (
        "step",
        "award",
        "period",
        "effective_from",
        "working_days",
        "remind_before",
        "remind_every",
        "escalate_after",
    )
    list_filter = ("step", "award", "period")


@admin.register(TaskDeadline)
class TaskDeadlineAdmin(admin.ModelAdmin):
    list_display = ("task", "dossier", "step", "due_at", "next_reminder_at", "escalated_at", "province_risk")
    list_select_related = ("dossier",)
    readonly_fields = [f.name for f in TaskDeadline._meta.fields]


class PeriodDatesAdmin(admin.ModelAdmin):
    """Periods, with their hard dates: changing them re-checks the deadlines that depend on them."""

    list_display = ("year", "organisation", "is_open", "nominations_close", "province_submission_date")
    list_filter = ("organisation", "is_open")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"nominations_close", "province_submission_date"} & set(form.changed_data):
            period_recheck_deadlines(obj)


admin.site.register(Period, PeriodDatesAdmin)
