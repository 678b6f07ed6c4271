from django.contrib import admin

from .models import AuditEvent, RefusalTally


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "role", "action", "dossier", "step"]
    list_filter = ["action"]
    search_fields = ["actor_name", "dossier__reference", "comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RefusalTally)
class RefusalTallyAdmin(admin.ModelAdmin):
    list_display = ["minute", "kind", "source", "reason", "count"]
    list_filter = ["kind", "reason"]
    search_fields = ["source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
