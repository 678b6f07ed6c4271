from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: the administrator sees the background work, its progress, attempts, lease and errors."""

    list_display = ("created_at", "title", "kind", "requested_by", "status", "progress", "attempts", "finished_at")
    list_filter = ("kind", "status")
    list_select_related = ("requested_by",)
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False
