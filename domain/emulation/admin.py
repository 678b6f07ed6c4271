from django.contrib import admin

from . import models


@admin.register(models.EmulationPlan)
class EmulationPlanAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "document", "document_date"]
    list_filter = ["year"]
    search_fields = ["title", "document"]


@admin.register(models.Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["theme", "kind", "start", "end", "document", "registration_closes"]
    list_filter = ["kind"]
    search_fields = ["theme", "document"]
    filter_horizontal = ["target_departments"]
    raw_id_fields = ["dossiers"]


@admin.register(models.RegistrationDeadline)
class RegistrationDeadlineAdmin(admin.ModelAdmin):
    list_display = ["year", "deadline", "organisation"]


class ClusterMemberInline(admin.TabularInline):
    model = models.ClusterMember
    extra = 1


@admin.register(models.Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "head_unit", "covenant_date", "rank", "proposal"]
    list_filter = ["year"]
    inlines = [ClusterMemberInline]
