from django.contrib import admin

from audit.services import record_event
from dossiers.models import Period

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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            action="service_level_saved",
            data={
                "id": obj.pk,
                "step": obj.step,
                "award": obj.award_id,
                "period": obj.period_id,
                "effective_from": obj.effective_from.isoformat(),
                "working_days": obj.working_days,
                "escalate_after": obj.escalate_after,
            },
        )

    def delete_model(self, request, obj):
        record_event(actor=request.user, action="service_level_deleted", data={"id": obj.pk, "step": obj.step})
        super().delete_model(request, obj)


@admin.register(TaskDeadline)
class TaskDeadlineAdmin(admin.ModelAdmin):
    list_display = ("task", "dossier", "step", "due_at", "next_reminder_at", "escalated_at", "province_risk")
    list_select_related = ("dossier",)
    readonly_fields = [f.name for f in TaskDeadline._meta.fields]


class PeriodDatesAdmin(admin.ModelAdmin):
    """The period's hard dates, until the dossiers app registers its own Period admin (it wins: it loads first)."""

    list_display = ("year", "organisation", "is_open", "nominations_close", "province_submission_date")
    list_filter = ("organisation", "is_open")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"nominations_close", "province_submission_date"} & set(form.changed_data):
            period_recheck_deadlines(obj)
        record_event(
            actor=request.user,
            action="period_saved",
            data={
                "period": obj.pk,
                "year": obj.year,
                "nominations_close": obj.nominations_close.isoformat() if obj.nominations_close else None,
                "province_submission_date": (
                    obj.province_submission_date.isoformat() if obj.province_submission_date else None
                ),
            },
        )


if not admin.site.is_registered(Period):
    admin.site.register(Period, PeriodDatesAdmin)
