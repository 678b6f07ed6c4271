"""Entering the record: ratings, discipline, pending cases, initiatives (every change traced by audit)."""

from django.contrib import admin

from . import models


class SubjectAdmin(admin.ModelAdmin):
    raw_id_fields = ["person"]
    list_select_related = ["person", "department"]
    exclude = ["organisation"]  # taken from the person or department on save


@admin.register(models.YearlyRating)
class YearlyRatingAdmin(SubjectAdmin):
    list_display = ["year", "person", "department", "rating"]
    list_filter = ["year", "rating"]
    search_fields = ["person__full_name", "department__name"]


@admin.register(models.Discipline)
class DisciplineAdmin(SubjectAdmin):
    list_display = ["person", "department", "system", "kind", "start", "end", "decision"]
    list_filter = ["system", "kind"]
    search_fields = ["person__full_name", "department__name"]


@admin.register(models.PendingCase)
class PendingCaseAdmin(SubjectAdmin):
    list_display = ["person", "department", "kind", "opened_on", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["person__full_name", "department__name"]


@admin.register(models.Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "year",
        "scope",
        "status",
        "recognised_by",
        "recognised_on",
        "council_vote",
        "document",
    ]
    list_filter = ["year", "kind", "scope", "status"]
    search_fields = ["title", "authors__full_name"]
    raw_id_fields = ["authors"]


@admin.register(models.ComplaintTimeLimit)
class ComplaintTimeLimitAdmin(admin.ModelAdmin):
    list_display = ["kind", "remote_area", "working_days", "extended_days", "effective_from", "source"]


@admin.register(models.Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    """Read here; recorded, extended and resolved on the register's page (each step a traced service)."""

    list_display = ["kind", "person", "department", "received_on", "due_on", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["person", "department"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
