"""The administrator's pages for the organisation and the award catalog (every change is traced by audit)."""

from django.contrib import admin

from . import models


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "place"]


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]


@admin.register(models.StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "department", "user", "is_active"]
    list_filter = ["department", "is_active"]
    search_fields = ["full_name", "user__username"]
    list_select_related = ["department", "user"]
    raw_id_fields = ["user"]


# Period: registered by deadlines/admin.py (its hard dates re-check the deadlines when they change).


@admin.register(models.LegalRegime)
class LegalRegimeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "effective_from", "effective_to"]


@admin.register(models.AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "regime", "subject", "decided_by", "coefficient"]
    list_filter = ["regime", "subject", "decided_by"]
    search_fields = ["code", "name_vi", "name_en"]
    list_select_related = ["regime"]


@admin.register(models.LegalText)
class LegalTextAdmin(admin.ModelAdmin):
    list_display = ["code", "number", "name_vi", "effective_from"]


@admin.register(models.SchoolRegulation)
class SchoolRegulationAdmin(admin.ModelAdmin):
    """Quy chế thi đua, khen thưởng: a change is a new version with its own effective date (sessions keep theirs)."""

    list_display = ["number", "organisation", "signed_on", "effective_from", "threshold_percent", "secretary_votes"]
    list_filter = ["organisation"]
