from django.contrib import admin

from . import models


@admin.register(models.ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "uploaded_at"]
