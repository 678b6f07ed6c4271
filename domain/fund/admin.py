from django.contrib import admin

from . import models


@admin.register(models.FundIncome)
class FundIncomeAdmin(admin.ModelAdmin):
    list_display = ["received_on", "source", "amount", "document", "organisation"]
    list_filter = ["year", "source"]


@admin.register(models.Payout)
class PayoutAdmin(admin.ModelAdmin):
    """Read-only: payouts come from the decisions and change only through the fund's services."""

    list_display = ["decision_number", "decision_date", "payee", "amount", "status", "paid_on"]
    list_filter = ["year", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
