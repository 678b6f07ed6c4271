"""The award revocations, read in the admin (recorded from the nominee's record page by one traced service)."""

from django.contrib import admin

from . import models


@admin.register(models.AwardRevocation)
class AwardRevocationAdmin(admin.ModelAdmin):
    list_display = ["award_record", "ground", "decision_number", "decision_date", "amount_to_recover"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
