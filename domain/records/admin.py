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
    list_display = ["person", "department", "kind", "start", "end", "decision"]
    list_filter = ["kind"]
    search_fields = ["person__full_name", "department__name"]


@admin.register(models.PendingCase)
class PendingCaseAdmin(SubjectAdmin):
    list_display = ["person", "department", "kind", "opened_on", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["person__full_name", "department__name"]


@admin.register(models.Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "scope", "status", "recognised_by", "document"]
    list_filter = ["year", "scope", "status"]
    search_fields = ["title", "authors__full_name"]
    raw_id_fields = ["authors"]
