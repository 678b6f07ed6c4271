from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "email_status", "email_attempts", "read_at")
    list_filter = ("kind", "email_status")
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in Notification._meta.fields]
